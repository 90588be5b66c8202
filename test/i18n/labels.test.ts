// resolveLabel (SPEC §4): the most specific level answers, a column's own label before
// '*', a label without the locale lets a lower level answer in it, and the value itself
// when nothing names it; the built-in names in the three locales.
import { expect } from 'chai';
import { BUILT_IN_LABELS, resolveColumnLabel, resolveLabel } from '../../src/i18n/labels.js';
import { reportNotices } from '../../src/i18n/report.js';

describe('resolveLabel', () => {
  it('names canonical channels, user types and columns in pt-BR, en and es', () => {
    const b = [BUILT_IN_LABELS];
    expect(['pt-BR', 'en', 'es'].map((l) => resolveLabel(b, l as 'en', 'channel', 'in_person'))).to.deep.equal(['Presencial', 'In person', 'Presencial']);
    expect(['pt-BR', 'en', 'es'].map((l) => resolveLabel(b, l as 'en', 'user_type', 'doctor'))).to.deep.equal(['Médico', 'Doctor', 'Médico']);
    expect(['pt-BR', 'en', 'es'].map((l) => resolveColumnLabel(b, l as 'en', 'age_band'))).to.deep.equal(['Faixa etária', 'Age band', 'Franja de edad']);
  });

  it('lets the most specific level answer, its column before "*"', () => {
    const own = { '*': { chat: 'any (own)' } };
    const page = { channel: { chat: 'channel (page)', phone: 'phone (page)' } };
    expect(resolveLabel([own, page, BUILT_IN_LABELS], 'en', 'channel', 'chat')).to.equal('any (own)');
    expect(resolveLabel([{ channel: { chat: 'channel (own)' }, '*': { chat: 'x' } }], 'en', 'channel', 'chat')).to.equal('channel (own)');
    expect(resolveLabel([own, page, BUILT_IN_LABELS], 'en', 'channel', 'phone')).to.equal('phone (page)');
    expect(resolveLabel([own, page, BUILT_IN_LABELS], 'en', 'channel', 'email')).to.equal('Email');
  });

  it('falls through a label that lacks the locale, using it only when nothing else answers', () => {
    const own = { channel: { phone: { en: 'Call' }, pager: { es: 'Buscapersonas' } } };
    expect(resolveLabel([own, BUILT_IN_LABELS], 'pt-BR', 'channel', 'phone')).to.equal('Telefone');
    expect(resolveLabel([own, BUILT_IN_LABELS], 'en', 'channel', 'phone')).to.equal('Call');
    expect(resolveLabel([own, BUILT_IN_LABELS], 'en', 'channel', 'pager')).to.equal('Buscapersonas');
    expect(resolveLabel([own, BUILT_IN_LABELS], 'en', 'channel', 'fax')).to.equal('fax');
  });

  it('names the fields of the validation report when given a namer, and keeps them raw without one', () => {
    const report = {
      tables: { surveys: { accepted: 9, rejected: 1 } },
      counts: [{ table: 'surveys', field: 'score', problem: 'out-of-range', rows: 1 }],
      problems: [],
    } as unknown as Parameters<typeof reportNotices>[0];
    expect(reportNotices(report, 'en')[0]).to.contain('score out of range');
    expect(reportNotices(report, 'pt-BR', (f) => resolveColumnLabel([BUILT_IN_LABELS], 'pt-BR', f).toLowerCase())[0]).to.contain('nota fora da escala');
  });
});
