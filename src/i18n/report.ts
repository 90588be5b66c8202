// The validation report as sentences a person reads (SPEC §1):
// "312 of 48,210 survey rows were skipped: score out of range".
import { TABLE_NAMES, type ValidationReport } from '../data/schema.js';
import { numberFormat, plural } from './format-intl.js';
import { CATALOGS, format, type Locale } from './messages.js';

/**
 * One sentence per table that lost rows, in the given locale; none when nothing was
 * skipped. `columnName` names a field as people read it (a widget passes its labels).
 */
export function reportNotices(report: ValidationReport, locale: Locale, columnName: (field: string) => string = (field) => field): string[] {
  const cat = CATALOGS[locale];
  // Built once per page: every widget says its notices at each render.
  const nf = numberFormat(locale);
  const out: string[] = [];
  for (const table of TABLE_NAMES) {
    const t = report.tables[table];
    if (!t || t.rejected === 0) continue;
    const counts = report.counts.filter((c) => c.table === table).sort((a, b) => b.rows - a.rows);
    const reasons = counts.map((c) => {
      const reason = format(cat.problems[c.problem], { field: columnName(c.field) });
      return counts.length === 1 ? reason : format(cat.reasonCount, { count: nf.format(c.rows), reason });
    });
    const total = t.accepted + t.rejected;
    // "1 of 5 survey rows was skipped", "1 of 1 survey row was skipped".
    out.push(
      format(plural(locale, t.rejected) === 'one' ? cat.skippedOne : cat.skipped, {
        rejected: nf.format(t.rejected),
        total: nf.format(total),
        rows: (plural(locale, total) === 'one' ? cat.tableRow : cat.tableRows)[table],
        reasons: reasons.join(cat.reasonSeparator),
      }),
    );
  }
  return out;
}
