import { expect } from 'chai';
import { localeLoading } from '../../../components/shared/catalogs.js';
import { exportMeta, metaColumns, metaComment, sourceName } from '../../../components/shared/export-meta.js';
import { rangeBound } from '../../../components/shared/options.js';

const now = new Date(Date.UTC(2026, 11, 2, 12));

describe('exportMeta', () => {
  // Said outside an element, which would wait for its locale's words itself.
  before(() => Promise.all([localeLoading('en'), localeLoading('pt-BR'), localeLoading('es')]));

  it('says the range with its last included day, the filters and the source, per locale', () => {
    const range = { from: Date.UTC(2025, 10, 1), to: Date.UTC(2026, 1, 1) };
    const pt = exportMeta({ title: 'CSAT por canal', locale: 'pt-BR', range, filters: ['Plano: Ouro', 'Canal: Telefone'], source: 'json:https://api.clinica.example/v1', now });
    expect(pt.range).to.equal('01/11/2025 – 31/01/2026');
    expect(pt.rangeIso).to.equal('2025-11-01 – 2026-01-31');
    expect(pt.filters).to.equal('Filtrado: Plano: Ouro e Canal: Telefone');
    expect(pt.source).to.equal('Pulso · api.clinica.example · exportado em 2 de dez. de 2026');
    const en = exportMeta({ title: 'CSAT by channel', locale: 'en', range, filters: [], source: 'demo', now });
    expect([en.range, en.filters, en.source]).to.deep.equal(['11/01/2025 – 01/31/2026', undefined, 'Pulso · demo · exported Dec 2, 2026']);
    expect(metaComment(en, 'en')).to.equal('CSAT by channel — 2025-11-01 – 2026-01-31 — No filters — Pulso · demo · exported Dec 2, 2026');
    const es = exportMeta({ title: 'x', locale: 'es', filters: ['Plan: Oro'], source: 'demo', now });
    expect(es.range).to.equal('Todos los datos');
    expect(metaColumns(es, 'es').map((c) => [c.header, c.value])).to.deep.equal([
      ['Rango de fechas', 'Todos los datos'],
      ['Filtros', 'Filtrado: Plan: Oro'],
      ['Fuente', 'Pulso · demo · exportado el 2 dic 2026'],
    ]);
  });

  it('says open ranges in words, in the time zone of the widget', () => {
    const from = exportMeta({ title: 't', locale: 'en', range: { from: Date.UTC(2025, 0, 1, 3) }, filters: [], source: 's', timeZone: 'America/Sao_Paulo', now });
    expect(from.range).to.equal('From 01/01/2025');
    const to = exportMeta({ title: 't', locale: 'pt-BR', range: { to: Date.UTC(2025, 0, 1, 3) }, filters: [], source: 's', timeZone: 'America/Sao_Paulo', now });
    expect(to.range).to.equal('Até 31/12/2024');
  });

  it('reads range bounds and names sources as people read them', () => {
    expect(rangeBound('2025-11-01')).to.equal(Date.UTC(2025, 10, 1));
    expect(rangeBound('not a date')).to.equal(undefined);
    expect(rangeBound(undefined)).to.equal(undefined);
    expect(sourceName('json:/api', 'intranet.example')).to.equal('intranet.example/api');
    expect(sourceName('csv:https://files.example/data.csv')).to.equal('files.example');
    expect(sourceName('memory:3-abc')).to.equal('memory:3-abc');
  });
});
