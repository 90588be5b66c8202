import { expect } from 'chai';
import type { ColumnTable } from 'arquero';
import { CsvAdapter } from '../../src/adapters/csv.js';
import { JsonAdapter } from '../../src/adapters/json.js';
import { bytesStartWithMarkup, textStartsWithMarkup } from '../../src/adapters/web-page.js';
import { bytesResponse, gzip, here, json, rejection, scriptedFetch } from './fake-fetch.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);

// What Vite's dev server answers for a file it does not have (its SPA fallback), 200 OK.
const FALLBACK = `<!doctype html>
<html lang="pt-BR">
  <head>
    <script type="module" src="/@vite/client"></script>
    <meta charset="utf-8" />
    <title>Pulso — demo</title>
  </head>
  <body><pulso-dashboard></pulso-dashboard></body>
</html>
`;
const BOM = '\ufeff';
const html = (body: string, type?: string): Response =>
  new Response(body, type === undefined ? {} : { headers: { 'Content-Type': type } });

describe('a web page where data was expected', () => {
  describe('the sniff of the first bytes', () => {
    const pages = [FALLBACK, '<html><body>x', '<HEAD>', '<body>', '<?xml version="1.0"?><a/>', '<!-- a comment -->', '</p>', `${BOM}  \r\n\t<!DOCTYPE html>`];
    const data = ['html,body\n1,2', 'doctype,head\nx,y', '< 11,n\n1,2', '<5 min,count\n3,4', '"<b>",x\n1,2', '[{"a":"<html>"}]', '', '   ', '<', `${BOM}customer_id,at`];

    it('finds markup after a BOM and blanks, in text and in bytes', () => {
      for (const page of pages) {
        expect(textStartsWithMarkup(page), page).to.equal(true);
        expect(bytesStartWithMarkup(new TextEncoder().encode(page)), page).to.equal(true);
      }
    });

    it('leaves data alone, even when its first field looks like a tag name or starts with <', () => {
      for (const text of data) {
        expect(textStartsWithMarkup(text), text).to.equal(false);
        expect(bytesStartWithMarkup(new TextEncoder().encode(text)), text).to.equal(false);
      }
    });
  });

  describe('CsvAdapter', () => {
    async function csvError(response: Response, url = '/data/events.csv.gz') {
      const fetch = scriptedFetch([response]);
      const e = await rejection(new CsvAdapter({ url, fetch }).load({ table: 'activity' }));
      expect(fetch.calls, 'not retried').to.have.length(1);
      return e;
    }

    it('rejects a page by its content type, naming the URL, as a format error', async () => {
      const e = await csvError(html(FALLBACK, 'text/html; charset=utf-8'));
      expect(e).to.include({ code: 'malformed', received: 'html', url: here('/data/events.csv.gz') });
      expect(e.message).to.equal(
        `GET ${here('/data/events.csv.gz')} answered a web page (Content-Type: text/html) where data was expected`,
      );
      const xhtml = await csvError(html('a,b\n1,2', 'application/xhtml+xml'));
      expect(xhtml).to.include({ code: 'malformed', received: 'html' });
    });

    it('rejects a page by its first bytes when the content type says nothing or lies', async () => {
      for (const type of [undefined, 'text/csv', 'application/octet-stream', 'text/plain']) {
        const e = await csvError(html(FALLBACK, type));
        expect(e, String(type)).to.include({ code: 'malformed', received: 'html' });
        expect(e.message).to.contain('answered a web page (it starts with "<!doctype html>")');
      }
      const bom = await csvError(bytesResponse(new TextEncoder().encode(`${BOM}\n  <html><body>Sign in</body></html>`)));
      expect(bom).to.include({ received: 'html' });
      expect(bom.message).to.contain('it starts with "<html><body>Sign in</body></html>"');
    });

    it('rejects a gzip-compressed page once inflated', async () => {
      const e = await csvError(bytesResponse(await gzip(FALLBACK), { 'Content-Type': 'application/gzip' }));
      expect(e).to.include({ code: 'malformed', received: 'html' });
    });

    it('rejects a page passed as inline text, naming the table', async () => {
      const e = await rejection(new CsvAdapter({ text: FALLBACK, table: 'tickets' }).load({ table: 'tickets' }));
      expect(e).to.include({ code: 'malformed', received: 'html', url: 'inline CSV for tickets' });
      expect(e.message).to.equal('inline CSV for tickets is a web page (it starts with "<!doctype html>"), not CSV');
    });

    it('still reads CSV whose first field looks like a tag name or starts with <, plain and gzip', async () => {
      const text = `${BOM}html,< 11\n<b>,x\n`;
      const fetch = scriptedFetch([html(text, 'text/csv'), bytesResponse(await gzip(text))]);
      for (const url of ['/a.csv', '/a.csv.gz']) {
        const t = await new CsvAdapter({ url, fetch }).load({ table: 'activity' });
        expect(t.columnNames()).to.deep.equal(['html', '< 11']);
        expect(values(t, 'html')).to.deep.equal(['<b>']);
      }
      const inline = await new CsvAdapter({ text: 'doctype,head\n1,2' }).load({ table: 'activity' });
      expect(values(inline, 'head')).to.deep.equal(['2']);
    });
  });

  describe('JsonAdapter', () => {
    const BASE = 'https://x.test/api';
    async function jsonError(response: Response) {
      const fetch = scriptedFetch([response]);
      const e = await rejection(new JsonAdapter({ base: BASE, fetch }).load({ table: 'surveys' }));
      expect(fetch.calls, 'not retried').to.have.length(1);
      return e;
    }

    it('rejects a page by its content type or by its first characters, naming the URL', async () => {
      const typed = await jsonError(html('{"rows": []}', 'text/html'));
      expect(typed).to.include({ code: 'malformed', received: 'html', url: `${BASE}/surveys` });
      expect(typed.message).to.equal(`GET ${BASE}/surveys answered a web page (Content-Type: text/html) where data was expected`);
      for (const type of [undefined, 'application/json']) {
        const e = await jsonError(html(`${BOM}\n${FALLBACK}`, type));
        expect(e, String(type)).to.include({ code: 'malformed', received: 'html' });
        expect(e.message).to.equal(`GET ${BASE}/surveys answered a web page (it starts with "<!doctype html>") where JSON was expected`);
      }
    });

    it('keeps other malformed JSON a plain format error', async () => {
      const e = await jsonError(html('{"rows": [', 'application/json'));
      expect(e.code).to.equal('malformed');
      expect(e.received).to.equal(undefined);
    });

    it('still reads valid JSON, with markup inside its strings and a BOM before it', async () => {
      const fetch = scriptedFetch([
        json([{ at: '2025-01-01', note: '<html><body>' }]),
        html(`${BOM}  [{"at": "2025-01-02", "note": "<!doctype>"}]`, 'text/plain'),
      ]);
      const adapter = new JsonAdapter({ base: BASE, fetch });
      expect(values(await adapter.load({ table: 'surveys' }), 'note')).to.deep.equal(['<html><body>']);
      expect(values(await adapter.load({ table: 'surveys' }), 'note')).to.deep.equal(['<!doctype>']);
    });
  });
});
