// Saves what each widget of a page exports (PNG, SVG or CSV), as a user's Download menu
// would, so the files can be looked at: node scripts/export-shots.mjs URL OUT_DIR
// [png|svg|csv] [width=1440] [light|dark] [selector]. Runs Debian's headless Chromium.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [url, out, kind = 'png', width = '1440', scheme = 'light', selector = '[id]'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/export-shots.mjs URL OUT_DIR [png|svg|csv] [width] [light|dark] [selector]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', String(e)));
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.setViewport({ width: Number(width), height: 900, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 60000 });
  await new Promise((r) => setTimeout(r, 2000));
  const files = await page.evaluate(async (kind, selector) => {
    const widgets = [...document.querySelectorAll(selector)].filter((el) => typeof el.export === 'function');
    const saved = [];
    for (const el of widgets) {
      let got;
      const onClick = (e) => {
        const a = e.target;
        if (!(a instanceof HTMLAnchorElement) || !a.download) return;
        e.preventDefault();
        got = fetch(a.href)
          .then((r) => r.blob())
          .then((blob) => new Promise((resolve) => {
            const reader = new FileReader();
            reader.onload = () => resolve({ name: `${el.id || el.localName}-${a.download}`, data: String(reader.result).split(',')[1] });
            reader.readAsDataURL(blob);
          }));
      };
      document.addEventListener('click', onClick, true);
      try {
        await el.export(kind);
      } catch (e) {
        saved.push({ name: `${el.id}-error.txt`, data: btoa(String(e)) });
      } finally {
        document.removeEventListener('click', onClick, true);
      }
      if (got) saved.push(await got);
    }
    return saved;
  }, kind, selector);
  for (const f of files) {
    writeFileSync(join(out, f.name), Buffer.from(f.data, 'base64'));
    console.log(join(out, f.name));
  }
} finally {
  await browser.close();
}
