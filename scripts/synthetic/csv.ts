// Small helpers shared by the synthetic data generators: seeded picks and CSV text.

/** One item of `items`, chosen by `random` (a seeded [0, 1) source). */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** An integer in [min, max], both included. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Fisher–Yates in place, seeded: the same seed gives the same order. */
export function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `count` copies of each key, in order (then shuffled by the caller). */
export function exactly<K extends string>(counts: Readonly<Record<K, number>>): K[] {
  const out: K[] = [];
  for (const [key, n] of Object.entries(counts) as [K, number][]) for (let i = 0; i < n; i++) out.push(key);
  return out;
}

/** A CSV field as a spreadsheet writes it: quoted only when it must be, quotes doubled. */
export function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Epoch ms as `YYYY-MM-DD HH:MM:SS` (UTC, no zone: the layout of an SQL export). */
export function sqlTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Epoch ms as `YYYY-MM-DD`. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
