import { expect } from 'chai';
import { validate } from '../../src/data/validate.js';
import { reportNotices } from '../../src/i18n/report.js';
import { resolveLocale, format } from '../../src/i18n/messages.js';

describe('report notices', () => {
  const rows = [];
  for (let i = 0; i < 1500; i++) rows.push({ at: '2025-01-01', kind: 'nps', score: i < 312 ? 42 : 9 });
  const { report } = validate({ surveys: rows });

  it('says how many rows of how many were skipped, and why, in each locale', () => {
    expect(reportNotices(report, 'en')).to.deep.equal(['312 of 1,500 survey rows were skipped: score out of range']);
    expect(reportNotices(report, 'pt-BR')).to.deep.equal(['312 de 1.500 linhas de pesquisa foram ignoradas: score fora da escala']);
    // Spanish does not group four-digit numbers (CLDR minimumGroupingDigits = 2).
    expect(reportNotices(report, 'es')[0]).to.match(/^Se omitieron 312 de 1500 filas de encuestas: score fuera de escala$/);
  });

  it('lists each reason with its count when there are several', () => {
    const r = validate({ tickets: [{ ticket_id: 1, channel: 'c', opened_at: 'x' }, { ticket_id: 1, channel: 'c', opened_at: 0 }, { ticket_id: 1, channel: 'c', opened_at: 0 }, { ticket_id: 2 }] }).report;
    expect(reportNotices(r, 'en')).to.deep.equal([
      '3 of 4 ticket rows were skipped: 1 opened_at is not a valid date; 1 duplicate ticket_id; 1 channel missing',
    ]);
  });

  it('says "was skipped" for one row and "row" for a total of one, in each locale', () => {
    const bad = { at: '2025-01-01', kind: 'nps', score: 42 };
    const good = { at: '2025-01-01', kind: 'nps', score: 9 };
    const oneOfFive = validate({ surveys: [bad, good, good, good, good] }).report;
    const oneOfOne = validate({ surveys: [bad] }).report;
    expect(reportNotices(oneOfFive, 'en')).to.deep.equal(['1 of 5 survey rows was skipped: score out of range']);
    expect(reportNotices(oneOfOne, 'en')).to.deep.equal(['1 of 1 survey row was skipped: score out of range']);
    expect(reportNotices(oneOfFive, 'pt-BR')).to.deep.equal(['1 de 5 linhas de pesquisa foi ignorada: score fora da escala']);
    expect(reportNotices(oneOfOne, 'pt-BR')).to.deep.equal(['1 de 1 linha de pesquisa foi ignorada: score fora da escala']);
    expect(reportNotices(oneOfFive, 'es')).to.deep.equal(['Se omitió 1 de 5 filas de encuestas: score fuera de escala']);
    expect(reportNotices(oneOfOne, 'es')).to.deep.equal(['Se omitió 1 de 1 fila de encuestas: score fuera de escala']);
  });

  it('says which timestamps fall outside the plausible window', () => {
    const r = validate({ surveys: [{ at: '0000-01-01', kind: 'nps', score: 9 }, { at: '+275760-09-12', kind: 'nps', score: 9 }, { at: '2025-01-01', kind: 'nps', score: 9 }] }).report;
    expect(reportNotices(r, 'en')).to.deep.equal(['2 of 3 survey rows were skipped: at outside 1900–2199']);
    expect(reportNotices(r, 'pt-BR')).to.deep.equal(['2 de 3 linhas de pesquisa foram ignoradas: at fora de 1900–2199']);
    expect(reportNotices(r, 'es')).to.deep.equal(['Se omitieron 2 de 3 filas de encuestas: at fuera de 1900–2199']);
  });

  it('says nothing when nothing was skipped', () => {
    expect(reportNotices(validate({ surveys: [] }).report, 'en')).to.deep.equal([]);
  });

  it('fills placeholders as text only', () => {
    expect(format('{a} and {b}', { a: '<img src=x onerror=alert(1)>' })).to.equal('<img src=x onerror=alert(1)> and {b}');
  });

  it('resolves the nearest supported locale', () => {
    expect(resolveLocale(undefined, 'pt-PT')).to.equal('pt-BR');
    expect(resolveLocale('es-MX')).to.equal('es');
    expect(resolveLocale('fr', 'en-GB')).to.equal('en');
    expect(resolveLocale('de')).to.equal('en');
  });
});
