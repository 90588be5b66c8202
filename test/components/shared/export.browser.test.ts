// Chart export: standalone SVG with inlined paint, PNG through a blob: URL (runs in
// the strict-CSP group too), downloads that revoke their URL, and safe file names.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css, svg } from 'lit';
import { customElement } from 'lit/decorators.js';
import {
  downloadBlob,
  exportFilename,
  serializeSvg,
  svgToPngBlob,
} from '../../../components/shared/export.js';
import { parseXml } from '../../setup/test-policy.js';

@customElement('export-test-chart')
class ExportTestChart extends LitElement {
  static override styles = css`
    :host { --mark-color: rgb(12, 34, 56); font-family: serif; }
    .mark { fill: var(--mark-color); stroke: var(--missing, rgb(200, 0, 0)); }
    .label { font-size: 13px; }
  `;

  label = 'Cohort A';

  get chart(): SVGSVGElement {
    const el = this.renderRoot.querySelector('svg');
    if (!el) throw new Error('no svg rendered');
    return el;
  }

  override render() {
    return html`<svg width="120" height="80" viewBox="0 0 120 80">
      ${svg`<rect class="mark" x="10" y="10" width="50" height="40"></rect>
      <text class="label" x="10" y="70">${this.label}</text>`}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'export-test-chart': ExportTestChart;
  }
}

// Through the test's Trusted Types policy: DOMParser is a TrustedHTML sink on the strict-CSP page.
const parse = (text: string): Document => parseXml(text);

async function chart(label = 'Cohort A'): Promise<ExportTestChart> {
  const el = await fixture<ExportTestChart>(html`<export-test-chart .label=${label}></export-test-chart>`);
  await el.updateComplete;
  return el;
}

describe('serializeSvg', () => {
  it('inlines the computed fill from a custom property as an attribute', async () => {
    const el = await chart();
    const text = serializeSvg(el.chart, { title: 'Retenção' });
    const doc = parse(text);
    expect(doc.getElementsByTagName('parsererror')).to.have.length(0);
    const root = doc.documentElement;
    expect(root.namespaceURI).to.equal('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).to.equal('120');
    expect(root.getAttribute('height')).to.equal('80');
    expect(root.getAttribute('viewBox')).to.equal('0 0 120 80');
    const rect = doc.querySelector('rect');
    expect(rect?.getAttribute('fill')).to.equal('rgb(12, 34, 56)');
    expect(rect?.getAttribute('stroke')).to.equal('rgb(200, 0, 0)');
    expect(rect?.hasAttribute('style')).to.equal(false);
    expect(rect?.hasAttribute('class')).to.equal(false);
    expect(doc.querySelector('text')?.getAttribute('font-size')).to.equal('13px');
    expect(root.firstElementChild?.localName).to.equal('title');
    expect(root.firstElementChild?.textContent).to.equal('Retenção');
    expect(text).not.to.include('var(');
    expect(text).not.to.include('<!--');
  });

  it('keeps hostile text escaped and never yields a script element', async () => {
    const hostile = '</svg><script>alert(1)</script>';
    const el = await chart(hostile);
    const text = serializeSvg(el.chart, { title: hostile });
    expect(text).to.include('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.to.include('<script');
    const doc = parse(text);
    expect(doc.getElementsByTagName('parsererror')).to.have.length(0);
    expect(doc.getElementsByTagName('script')).to.have.length(0);
    expect(doc.querySelector('text')?.textContent).to.equal(hostile);
  });

  it('adds extra root attributes and rejects bad names', async () => {
    const el = await chart();
    const doc = parse(serializeSvg(el.chart, { styles: { 'font-family': 'Inter, sans-serif' } }));
    expect(doc.documentElement.getAttribute('font-family')).to.equal('Inter, sans-serif');
    expect(() => serializeSvg(el.chart, { styles: { 'a b': 'y' } })).to.throw(
      "styles keys must be attribute names; got 'a b'",
    );
    expect(() => serializeSvg(el.chart, { styles: { onload: 'alert(1)' } })).to.throw('onload');
  });
});

describe('svgToPngBlob', () => {
  it('rasterizes through a blob: URL at the given scale', async () => {
    const el = await chart();
    const blob = await svgToPngBlob(serializeSvg(el.chart), 120, 80, 2);
    expect(blob.type).to.equal('image/png');
    expect(blob.size).to.be.greaterThan(0);
    const bitmap = await createImageBitmap(blob);
    expect(bitmap.width).to.equal(240);
    expect(bitmap.height).to.equal(160);
    bitmap.close();
  });

  it('rejects bad sizes and unparseable SVG', async () => {
    let error: unknown;
    try {
      await svgToPngBlob('<svg', 10, 10);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include('could not be loaded');
    try {
      await svgToPngBlob('<svg/>', 0, 10);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include('width must be a positive number');
  });
});

describe('downloadBlob', () => {
  it('clicks a temporary <a download> and revokes its object URL', async () => {
    const original = URL.revokeObjectURL.bind(URL);
    const revoked: string[] = [];
    const clicked: { href: string; download: string }[] = [];
    const onClick = (e: Event): void => {
      const a = e.target as HTMLAnchorElement;
      clicked.push({ href: a.href, download: a.download });
      e.preventDefault();
    };
    URL.revokeObjectURL = (url: string): void => {
      revoked.push(url);
      original(url);
    };
    document.addEventListener('click', onClick, true);
    try {
      await downloadBlob(new Blob(['a,b\r\n'], { type: 'text/csv' }), 'rows.csv', 0);
    } finally {
      URL.revokeObjectURL = original;
      document.removeEventListener('click', onClick, true);
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]?.download).to.equal('rows.csv');
    expect(clicked[0]?.href.startsWith('blob:')).to.equal(true);
    expect(revoked).to.deep.equal([clicked[0]?.href]);
    expect(document.querySelector('a[download]')).to.equal(null);
  });
});

describe('exportFilename', () => {
  const day = new Date(2025, 2, 7, 12);

  it('slugs the base and appends the local date', () => {
    expect(exportFilename('Cohort Churn — São Paulo', 'png', day)).to.equal(
      'cohort-churn-sao-paulo-2025-03-07.png',
    );
    expect(exportFilename('../../etc/passwd', '.CSV', day)).to.equal('etc-passwd-2025-03-07.csv');
    expect(exportFilename('', 'svg', day)).to.equal('pulso-2025-03-07.svg');
  });

  it('rejects a bad extension or date', () => {
    expect(() => exportFilename('a', 'p/ng', day)).to.throw("ext must be 1 to 8 letters or digits; got 'p/ng'");
    expect(() => exportFilename('a', 'png', new Date(Number.NaN))).to.throw('date must be a valid Date');
  });
});
