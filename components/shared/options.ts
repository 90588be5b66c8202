// Reading a widget's attribute values as metric options, and the error a metric's
// refusal of one becomes (the error state then says "a setting is not valid").

/** Raised when the metric rejects an option. */
export class PulsoOptionError extends Error {
  readonly code = 'option';
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'PulsoOptionError';
  }
}

/** Attribute value → list: `"a, b,c"` → ['a', 'b', 'c']; arrays pass through. */
export function listOption(value: readonly string[] | string | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? value.split(',') : [...value];
  const clean = list.map((s) => String(s).trim()).filter((s) => s !== '');
  return clean.length ? clean : undefined;
}

/** An empty attribute means "not set" for a string option. */
export function textOption(value: string | undefined | null): string | undefined {
  const v = typeof value === 'string' ? value.trim() : undefined;
  return v ? v : undefined;
}
