// How a rejected option value is quoted in an error message ("…; got 'mnth'"):
// short, unambiguous about its type, and never a multi-kilobyte dump.

const MAX_CHARS = 40;

/** A value as it reads after "got" in a validation message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const s = value.length > MAX_CHARS ? `${value.slice(0, MAX_CHARS)}…` : value;
    return `'${s}'`;
  }
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}
