import { hasIndonesianVoice } from './use-voice-check';

describe('hasIndonesianVoice', () => {
  it('finds an Indonesian voice however the browser writes its language', () => {
    expect(hasIndonesianVoice([{ lang: 'en-US' }, { lang: 'id-ID' }])).toBe(true);
    expect(hasIndonesianVoice([{ lang: 'id_ID' }])).toBe(true);
    expect(hasIndonesianVoice([{ lang: 'in-ID' }])).toBe(true);
    expect(hasIndonesianVoice([{ lang: 'id' }])).toBe(true);
  });

  it('does not take another language for Indonesian', () => {
    expect(hasIndonesianVoice([])).toBe(false);
    expect(hasIndonesianVoice([{ lang: 'en-ID' }, { lang: 'ms-MY' }, { lang: 'ind' }, { lang: 'it-IT' }])).toBe(false);
  });
});
