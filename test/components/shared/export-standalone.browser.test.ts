// Exports that stand on their own: a widget's SVG and PNG carry its title, range,
// filters, legend and source line (the PNG at 2×); the KPI picture is the card, not a
// bare sparkline; the CSV has units in its headers, rounded values (raw on request),
// and says its range and filters as columns or as a first comment line.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../components/channel-csat/pulso-channel-csat.js';
import '../../../components/kpi/pulso-kpi.js';
import '../../../components/dashboard/pulso-dashboard.js';
import type { PulsoChannelCsat } from '../../../components/channel-csat/pulso-channel-csat.js';
import type { PulsoKpi } from '../../../components/kpi/pulso-kpi.js';
import type { PulsoDashboard } from '../../../components/dashboard/pulso-dashboard.js';
import { MemoryAdapter } from '../../../src/adapters/memory.js';
import type { Row } from '../../../src/data/schema.js';
import { parseXml } from '../../setup/test-policy.js';
import { drawn } from '../widget-helpers.js';

const surveys: Row[] = [];
for (let i = 0; i < 10; i++) {
  const day = `2025-02-${String(2 + i).padStart(2, '0')}T10:00:00Z`;
  surveys.push({ at: day, kind: 'csat', score: i < 7 ? 5 : 2, customer_id: `c${i}`, channel: 'whatsapp' });
  surveys.push({ at: day, kind: 'csat', score: i < 4 ? 4 : 1, customer_id: `c${i}`, channel: 'phone' });
}
// First responses of 981699.5 ms and 1 h: the raw mean is not a round number of hours.
const tickets: Row[] = [
  { ticket_id: 't1', customer_id: 'c1', channel: 'whatsapp', opened_at: '2025-02-02T10:00:00Z', first_response_at: '2025-02-02T10:16:21.699Z', resolved_at: '2025-02-02T12:00:00Z', contacts: 1 },
  { ticket_id: 't2', customer_id: 'c2', channel: 'whatsapp', opened_at: '2025-02-03T10:00:00Z', first_response_at: '2025-02-03T10:16:21.700Z', resolved_at: '2025-02-03T14:00:00Z', contacts: 2 },
  { ticket_id: 't3', customer_id: 'c3', channel: 'phone', opened_at: '2025-02-03T10:00:00Z', first_response_at: '2025-02-03T11:00:00Z', resolved_at: '2025-02-03T14:00:00Z', contacts: 1 },
];
const customers: Row[] = Array.from({ length: 10 }, (_, i) => ({ customer_id: `c${i}`, signup_at: '2024-01-01', plan: i < 6 ? 'Ouro' : 'Prata' }));
const adapter = (): MemoryAdapter => new MemoryAdapter({ surveys, tickets, customers }, { id: 'clinic-demo' });

/** The file a widget's export downloads: its Blob (through the object URL) and its name. */
async function download(run: () => Promise<void>): Promise<{ name: string; blob: Blob }> {
  const blobs = new Map<string, Blob>();
  let got: { name: string; blob: Blob } | undefined;
  const create = URL.createObjectURL;
  // Reading the blob: URL back with fetch would break the strict-CSP page's connect-src.
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = create.call(URL, obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  const onClick = (e: Event): void => {
    const a = e.target as HTMLAnchorElement;
    if (!a.download) return;
    e.preventDefault();
    const blob = blobs.get(a.href);
    if (blob) got = { name: a.download, blob };
  };
  document.addEventListener('click', onClick, true);
  try {
    await run();
  } finally {
    URL.createObjectURL = create;
    document.removeEventListener('click', onClick, true);
  }
  if (!got) throw new Error('nothing was downloaded');
  return got;
}

/** The cells of one CSV record (quoted fields unquoted). */
function cellsOf(line: string, d: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(new RegExp(`("(?:[^"]|"")*"|[^"${d}]*)(?:${d}|$)`, 'g'))) {
    if (m.index === line.length && out.length > 0) break;
    out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
  }
  return out;
}

const textsOf = (doc: Document): string[] => [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');

async function csatOnDashboard(locale = 'pt-BR'): Promise<{ dash: PulsoDashboard; csat: PulsoChannelCsat }> {
  const dash = await fixture<PulsoDashboard>(html`<pulso-dashboard .adapter=${adapter()} locale=${locale}
      from="2025-02-01" to="2025-03-01" segment-by="plan" segment="Ouro">
    <pulso-channel-csat tickets="first-response"></pulso-channel-csat>
  </pulso-dashboard>`);
  const csat = dash.querySelector('pulso-channel-csat')!;
  await drawn(csat);
  await waitUntil(async () => (await csat.exportMeta())?.filters !== undefined, 'the segment filter never reached the chart');
  return { dash, csat };
}

describe('standalone exports', () => {
  it('draws title, range, filters, legend and source into the SVG, and a 2× PNG of it', async () => {
    const { csat } = await csatOnDashboard();
    const svgFile = await download(() => csat.export('svg'));
    expect(svgFile.name).to.match(/^satisfacao-csat-por-canal-\d{4}-\d{2}-\d{2}\.svg$/);
    const doc = parseXml(await svgFile.blob.text());
    expect(doc.getElementsByTagName('parsererror')).to.have.length(0);
    const texts = textsOf(doc);
    expect(texts).to.include('Satisfação (CSAT) por canal');
    expect(texts).to.include('01/02/2025 – 28/02/2025');
    expect(texts).to.include('Filtrado: Plano: Ouro');
    expect(texts.some((t) => /^Pulso · clinic-demo · exportado em /.test(t)), texts.join(' | ')).to.equal(true);
    // The legend on screen, redrawn: its swatch and its words.
    expect(texts.join(' ')).to.include('CSAT: parcela de respostas com nota 4 ou mais (de 5)');
    // The chart itself is inside, with its marks, and channels by their names.
    const nested = doc.documentElement.querySelector('svg');
    expect(nested?.querySelectorAll('rect').length).to.be.greaterThan(2);
    expect(texts.join(' ')).to.include('WhatsApp');
    expect(texts.join(' ')).not.to.include('whatsapp');
    const width = Number(doc.documentElement.getAttribute('width'));
    const height = Number(doc.documentElement.getAttribute('height'));
    expect(width).to.be.at.least(480);

    const pngFile = await download(() => csat.export('png'));
    expect(pngFile.blob.type).to.equal('image/png');
    const bitmap = await createImageBitmap(pngFile.blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([width * 2, height * 2]);
    bitmap.close();
  });

  it('exports a KPI card with its value, change and range, not a bare sparkline', async () => {
    const kpi = await fixture<PulsoKpi>(html`<pulso-kpi metric="csat" locale="en" .adapter=${adapter()}
      from="2025-02-01" to="2025-03-01" spark-unit="week"></pulso-kpi>`);
    await drawn(kpi);
    const file = await download(() => kpi.export('svg'));
    const doc = parseXml(await file.blob.text());
    const texts = textsOf(doc);
    expect(texts[0]).to.equal('CSAT');
    expect(texts).to.include('02/01/2025 – 02/28/2025');
    // 11 of 20 answers satisfied (4 or 5): the value, then its change line and count.
    expect(texts).to.include('55.0%');
    expect(texts.some((t) => /20 answers/.test(t)), texts.join(' | ')).to.equal(true);
    expect(Number(doc.documentElement.getAttribute('height'))).to.be.greaterThan(150);
  });

  it('writes units, rounded values and the range and filters as columns', async () => {
    const { csat } = await csatOnDashboard();
    const lines = (await csat.exportCsvText())!.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0]!.split(';');
    expect(header).to.include('CSAT (%)');
    expect(header.some((h) => /\(h\)$/.test(h)), header.join(';')).to.equal(true);
    expect(header.slice(-3)).to.deep.equal(['Intervalo de datas', 'Filtros', 'Fonte']);
    const whatsapp = lines.find((l) => l.startsWith('WhatsApp;'))!;
    expect(whatsapp, lines.join('\n')).to.be.a('string');
    const cells = whatsapp.split(';');
    expect(cells).to.include('whatsapp'); // the code beside its name
    // 6 of 6 Ouro answers satisfied → 100 %; the interval's 60.97…% → 61; 981 699,5 ms → 0,27 h.
    expect(cells[header.indexOf('CSAT (%)')]).to.equal('100');
    expect(lines.find((l) => l.startsWith('Telefone;'))!.split(';')[header.indexOf('CSAT (%)')]).to.equal('66,7');
    const hours = cells[header.findIndex((h) => /\(h\)$/.test(h))];
    expect(hours).to.equal('0,27');
    expect(cells.slice(-3, -1)).to.deep.equal(['2025-02-01 – 2025-02-28', 'Filtrado: Plano: Ouro']);
    expect(whatsapp).not.to.match(/\d[,.]\d{5,}/);
  });

  it('keeps raw precision on request, and puts the metadata in a first line when asked', async () => {
    const { csat } = await csatOnDashboard('en');
    csat.exportPrecision = 'raw';
    csat.exportMetadata = 'comment';
    const lines = (await csat.exportCsvText())!.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).to.equal('# Satisfaction (CSAT) by channel — 2025-02-01 – 2025-02-28 — Filtered: Plan: Ouro — ' + (await csat.exportMeta('en'))!.source);
    const header = cellsOf(lines[1]!, ',');
    expect(header).to.include('CSAT (0–1)');
    expect(header.some((h) => /\(ms\)$/.test(h))).to.equal(true);
    expect(header).not.to.include('Date range');
    const whatsapp = cellsOf(lines.find((l) => l.startsWith('WhatsApp,'))!, ',');
    expect(whatsapp).to.have.length(header.length);
    // Raw is as computed, float noise and all (the rounded file says 0,27 h).
    expect(Number(whatsapp[header.findIndex((h) => /\(ms\)$/.test(h))])).to.be.closeTo(981699.5, 1e-6);
    expect(Number(whatsapp[header.indexOf('CSAT (0–1)')])).to.equal(1);
    csat.exportMetadata = 'sideways';
    const refused = await csat.exportCsvText().then(() => undefined, (e: unknown) => e);
    expect(refused).to.be.instanceOf(Error);
    expect((refused as Error).message).to.equal("export-metadata must be one of columns, comment, none; got 'sideways'");
  });
});
