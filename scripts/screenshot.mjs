// Takes a screenshot of a page in Debian's headless Chromium, to look at what users see.
// node scripts/screenshot.mjs URL OUT.png [width=1200] [light|dark] [maxHeight]
import puppeteer from 'puppeteer-core';

const [url, out, width = '1200', scheme = 'light', maxHeight] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [width] [light|dark]');
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.setViewport({ width: Number(width), height: 900, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 60000 });
  await new Promise((r) => setTimeout(r, 1500));
  // Grow the viewport to the page (capped) and let widgets re-lay out before capturing:
  // puppeteer's fullPage capture resizes the page mid-shot, which widgets catch half-way.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const shot = Math.min(height, Number(maxHeight) || 16000);
  await page.setViewport({ width: Number(width), height: shot, deviceScaleFactor: 1 });
  await new Promise((r) => setTimeout(r, 1500));
  await page.screenshot({ path: out, captureBeyondViewport: false });
  if (errors.length) console.error('page errors:\n' + errors.join('\n'));
} finally {
  await browser.close();
}
