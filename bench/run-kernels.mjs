// The kernels against the hand loops in headless Chromium, before and after
// (bench/kernels.html, bench/kernels-chromium.ts); prints one table row per metric.
//   node bench/run-kernels.mjs [n=1000000] [runs=9] [metrics=a,b] [before=1] [aq=1] [--js-flags=...]
// before=1 needs bench/out/before: `git archive <commit> src bench demo package.json | tar -x -C bench/out/before`.
import { runPage } from './browser.mjs';

const args = process.argv.slice(2);
const jsFlags = args.filter((a) => a.startsWith('--js-flags=')).flatMap((a) => a.slice(11).split(' '));
const query = args.filter((a) => !a.startsWith('--')).join('&');
const { version, extra } = await runPage('bench/kernels.html', { query, jsFlags, read: 'window.__kernels' });
const f = (x) => x.toFixed(1);
console.log(`${version}, ${query}`);
for (const r of extra) {
  for (const mode of ['', ' cold']) {
    const names = Object.keys(r.median).filter((k) => k.endsWith(mode) && !k.startsWith('hand') && (mode || !k.endsWith(' cold')));
    const hand = r.median[`hand${mode}`];
    const cells = names.map((k) => `${f(r.median[k])} ms`).join(' | ');
    const ratios = names.map((k) => `${(r.median[k] / hand).toFixed(2)}×`).join(' | ');
    console.log(`| ${r.metric}${mode || ' warm'} | ${cells} | ${f(hand)} ms | ${ratios} |`);
  }
}
