import { expect } from 'chai';
import { datePattern, formatDateText, parseDateText } from '../../src/i18n/date-text.js';

describe('date text in the page locale', () => {
  it('writes dates day first in pt-BR and es, month first in en', () => {
    expect(formatDateText('2025-11-01', 'pt-BR')).to.equal('01/11/2025');
    expect(formatDateText('2025-11-01', 'es')).to.equal('01/11/2025');
    expect(formatDateText('2025-11-01', 'en')).to.equal('11/01/2025');
    expect(formatDateText('2025-11-01T00:00:00Z', 'en')).to.equal('');
    expect(formatDateText(undefined, 'en')).to.equal('');
    expect(datePattern('pt-BR').placeholder).to.equal('dd/mm/aaaa');
    expect(datePattern('en').placeholder).to.equal('mm/dd/yyyy');
  });

  it('reads what people type in that order, with any usual separator', () => {
    expect(parseDateText('01/11/2025', 'pt-BR')).to.equal('2025-11-01');
    expect(parseDateText(' 1-11-2025 ', 'es')).to.equal('2025-11-01');
    expect(parseDateText('1.11.2025', 'pt-BR')).to.equal('2025-11-01');
    expect(parseDateText('11/01/2025', 'en')).to.equal('2025-11-01');
    expect(parseDateText('29/02/2024', 'pt-BR')).to.equal('2024-02-29');
    expect(parseDateText('', 'en')).to.equal('');
  });

  it('refuses text that is not a real date in that order', () => {
    for (const bad of ['31/02/2025', '29/02/2025', '13/13/2025', '2025/11/01', '11/2025', '01/11/25', 'amanhã', '00/11/2025', '1/1/2025/1'])
      expect(parseDateText(bad, 'pt-BR'), bad).to.equal(null);
    // Day first is not month first: 25/12 is no month 25 in en.
    expect(parseDateText('25/12/2025', 'en')).to.equal(null);
  });
});
