import { expect } from 'chai';
import { CATEGORICAL, NEUTRAL_FILL, categorical, contrastRatio, relativeLuminance, sequential, textOn } from '../../src/charts/palette.js';

describe('charts/palette', () => {
  it('is Okabe–Ito, without yellow first, cycling after eight', () => {
    expect(CATEGORICAL).to.have.length(8);
    expect(new Set(CATEGORICAL).size).to.equal(8);
    expect(CATEGORICAL[0]).to.not.equal('#F0E442');
    expect(categorical(8)).to.equal(categorical(0));
    expect(categorical(-1)).to.equal(CATEGORICAL[7]);
  });

  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#000')).to.equal(0);
    expect(relativeLuminance('#ffffff')).to.be.closeTo(1, 1e-12);
    expect(contrastRatio('#000000', '#FFFFFF')).to.be.closeTo(21, 1e-9);
    expect(textOn('#000000')).to.equal('#FFFFFF');
    expect(textOn('#FFFFFF')).to.equal('#000000');
  });

  it('maps rates to viridis hex, clamped, with text contrast ≥ 4.5 everywhere', () => {
    expect(sequential(0)).to.equal('#440154');
    expect(sequential(-1)).to.equal(sequential(0));
    expect(sequential(2)).to.equal(sequential(1));
    expect(sequential(Number.NaN)).to.equal(sequential(0));
    for (let i = 0; i <= 100; i++) {
      const fill = sequential(i / 100);
      expect(fill).to.match(/^#[0-9A-F]{6}$/);
      expect(contrastRatio(fill, textOn(fill)), fill).to.be.at.least(4.5);
    }
    expect(contrastRatio(NEUTRAL_FILL, textOn(NEUTRAL_FILL))).to.be.at.least(4.5);
  });
});
