import fc from 'fast-check';
import {
  callAgencyName,
  callAnnouncement,
  callAnnouncementEnglish,
  callAnnouncementIn,
  spokenNumberEnglish,
  callAnnouncementClips,
  MAX_SPOKEN_NUMBER,
  spokenCounter,
  spokenNumber,
  spokenTicketNumber,
  VOICE_CLIPS,
  type VoiceClip,
} from './spoken.js';
import { formatTicketNumber, InvalidTicketNumberError, SERVICE_CODE_PATTERN } from './ticket-number.js';

const DIGIT_VALUE: Record<string, number> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
};

const UNIT_VALUE: Record<string, number> = { belas: 10, puluh: 10, ratus: 100, ribu: 1000 };

// An independent reader of Indonesian number words, to check every number both ways.
function readIndonesian(words: string): number {
  if (words === 'nol') return 0;
  let total = 0;
  let pending = 0;
  for (const word of words.split(' ')) {
    if (word in DIGIT_VALUE) {
      if (pending !== 0) throw new Error(`two digits in a row in "${words}"`);
      pending = DIGIT_VALUE[word];
    } else if (word === 'sepuluh') total += 10;
    else if (word === 'sebelas') total += 11;
    else if (word === 'seratus') total += 100;
    else if (word === 'seribu') total += 1000;
    else if (word in UNIT_VALUE) {
      total += word === 'belas' ? pending + 10 : pending * UNIT_VALUE[word];
      pending = 0;
    } else throw new Error(`unknown word "${word}" in "${words}"`);
  }
  return total + pending;
}

describe('spokenNumber', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [2, 'dua'],
    [4, 'empat'],
    [7, 'tujuh'],
    [8, 'delapan'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [200, 'dua ratus'],
    [345, 'tiga ratus empat puluh lima'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1011, 'seribu sebelas'],
    [1100, 'seribu seratus'],
    [2000, 'dua ribu'],
    [2026, 'dua ribu dua puluh enam'],
    [9999, 'sembilan ribu sembilan ratus sembilan puluh sembilan'],
  ])('says %i as "%s"', (n, expected) => {
    expect(spokenNumber(n)).toBe(expected);
  });

  it('says every number from 0 to 9999 in words that read back to it', () => {
    for (let n = 0; n <= MAX_SPOKEN_NUMBER; n += 1) {
      const words = spokenNumber(n);
      expect(readIndonesian(words)).toBe(n);
    }
  });

  it('uses the se- forms for one ten, hundred and thousand, never "satu puluh" and the like', () => {
    for (let n = 1; n <= MAX_SPOKEN_NUMBER; n += 1) {
      const words = spokenNumber(n);
      expect(words).not.toMatch(/satu (belas|puluh|ratus|ribu)|\bnol\b| {2}|^ | $/);
    }
  });

  it.each([-1, 10_000, 1.5, Number.NaN])('refuses %p', (n) => {
    expect(() => spokenNumber(n)).toThrow(RangeError);
  });
});

describe('spokenTicketNumber', () => {
  it.each([
    ['A-007', 'A nol nol tujuh'],
    ['A-120', 'A satu dua nol'],
    ['B-100', 'B satu nol nol'],
    ['KK-045', 'K K nol empat lima'],
    ['A-1000', 'A satu nol nol nol'],
  ])('reads %s as "%s"', (ticketNumber, expected) => {
    expect(spokenTicketNumber(ticketNumber)).toBe(expected);
  });

  it('reads every printed digit, one word per digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(SERVICE_CODE_PATTERN), fc.integer({ min: 1, max: 99_999 }), (code, sequence) => {
        const printed = formatTicketNumber(code, sequence);
        const words = spokenTicketNumber(printed).split(' ');
        const digits = printed.slice(code.length + 1);
        expect(words.slice(0, code.length)).toEqual([...code]);
        expect(
          words
            .slice(code.length)
            .map((word) => String(readIndonesian(word)))
            .join(''),
        ).toBe(digits);
      }),
    );
  });

  it.each(['', 'A007', 'a-007', 'A-07', 'ABC-001', 'A-12x'])('refuses %j with an invalid ticket number error', (ticketNumber) => {
    expect(() => spokenTicketNumber(ticketNumber)).toThrow(InvalidTicketNumberError);
    expect(() => spokenTicketNumber(ticketNumber)).toThrow(`"${ticketNumber}"`);
  });
});

describe('spokenCounter', () => {
  it.each([
    [1, 'loket satu'],
    [3, 'loket tiga'],
    [10, 'loket sepuluh'],
    [12, 'loket dua belas'],
    [21, 'loket dua puluh satu'],
  ])('calls counter %i "%s"', (counterNumber, expected) => {
    expect(spokenCounter(counterNumber)).toBe(expected);
  });

  it.each([0, -3, 2.5, 10_000])('refuses counter number %p', (counterNumber) => {
    expect(() => spokenCounter(counterNumber)).toThrow(RangeError);
  });
});

describe('callAnnouncement', () => {
  it('speaks the sentence of docs/domain.md', () => {
    expect(callAnnouncement('A-007', 3)).toBe('Nomor antrean A nol nol tujuh, silakan menuju loket tiga');
  });

  it('reads a two-letter code letter by letter and the counter as a whole number', () => {
    expect(callAnnouncement('KK-120', 12)).toBe('Nomor antrean K K satu dua nol, silakan menuju loket dua belas');
  });

  it('refuses an invalid ticket number rather than speak nonsense', () => {
    expect(() => callAnnouncement('007', 3)).toThrow(InvalidTicketNumberError);
  });

  it('names the counter’s agency in a building of several, and says nothing more in an office of one', () => {
    const building = {
      agencies: [
        { id: 'dukcapil', shortName: 'Dukcapil' },
        { id: 'samsat', shortName: 'Samsat' },
      ],
      counters: [
        { id: 'c5', agencyId: 'dukcapil' },
        { id: 'c9', agencyId: 'samsat' },
      ],
    };
    expect(callAgencyName({ counterId: 'c5' }, building)).toBe('Dukcapil');
    expect(callAgencyName({ counterId: 'c9' }, building)).toBe('Samsat');
    expect(callAgencyName({ counterId: 'gone' }, building)).toBeNull();
    expect(callAgencyName({ counterId: 'c5' }, { agencies: [building.agencies[0]], counters: building.counters })).toBeNull();
    expect(callAnnouncement('A-012', 5, 'Dukcapil')).toBe('Nomor antrean A nol satu dua, silakan menuju loket lima Dukcapil');
    expect(callAnnouncementIn('en', 'A-012', 5, 'Dukcapil')).toBe('Number A zero one two, please go to counter five Dukcapil');
    expect(callAnnouncementIn('id', 'A-012', 5, null)).toBe(callAnnouncement('A-012', 5));
  });
});

describe('callAnnouncementClips', () => {
  it.each([
    ['A-007', 3, ['nomor-antrean', 'huruf-a', 'nol', 'nol', 'tujuh', 'silakan-menuju-loket', 'tiga']],
    ['KK-120', 12, ['nomor-antrean', 'huruf-k', 'huruf-k', 'satu', 'dua', 'nol', 'silakan-menuju-loket', 'dua', 'belas']],
    ['Q-999', 40, ['nomor-antrean', 'huruf-q', 'sembilan', 'sembilan', 'sembilan', 'silakan-menuju-loket', 'empat', 'puluh']],
    ['Z-1000', 111, ['nomor-antrean', 'huruf-z', 'satu', 'nol', 'nol', 'nol', 'silakan-menuju-loket', 'seratus', 'sebelas']],
  ])('%s at counter %i plays %j', (ticket, counter, clips) => {
    expect(callAnnouncementClips(ticket, counter)).toEqual(clips);
  });

  it('spells letters by their Indonesian names', () => {
    expect(['huruf-a', 'huruf-h', 'huruf-q', 'huruf-w', 'huruf-z'].map((name) => VOICE_CLIPS[name as VoiceClip])).toEqual(['a', 'ha', 'ki', 'we', 'zet']);
  });

  it('plays exactly the words of the spoken sentence, for every number and counter', () => {
    const letterName = (letter: string) => letter.toLowerCase();
    fc.assert(
      fc.property(
        fc.stringMatching(SERVICE_CODE_PATTERN),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: MAX_SPOKEN_NUMBER }),
        (code, sequence, counter) => {
          const ticket = formatTicketNumber(code, sequence);
          const clips = callAnnouncementClips(ticket, counter);
          // Every clip exists, and read back as words they are the sentence (letters by name).
          const words = clips.map((name) => (name.startsWith('huruf-') ? name.slice(6) : VOICE_CLIPS[name]));
          const sentence = callAnnouncement(ticket, counter).replace(',', '').split(' ');
          expect(words.join(' ').toLowerCase()).toBe(sentence.map(letterName).join(' ').toLowerCase());
        },
      ),
    );
  });

  it('refuses what the sentence refuses', () => {
    expect(() => callAnnouncementClips('A007', 1)).toThrow(InvalidTicketNumberError);
    expect(() => callAnnouncementClips('A-007', 0)).toThrow(RangeError);
  });
});

describe('the call in English, for a board set to English', () => {
  it('reads the ticket letter by letter and digit by digit, and the counter as a whole number', () => {
    expect(callAnnouncementEnglish('A-007', 3)).toBe('Number A zero zero seven, please go to counter three');
    expect(callAnnouncementEnglish('KK-120', 12)).toBe('Number K K one two zero, please go to counter twelve');
    expect(callAnnouncementIn('en', 'B-010', 40)).toBe('Number B zero one zero, please go to counter forty');
    expect(callAnnouncementIn('id', 'A-007', 3)).toBe(callAnnouncement('A-007', 3));
  });

  it('says the numbers a counter can have', () => {
    const cases: [number, string][] = [
      [1, 'one'],
      [13, 'thirteen'],
      [20, 'twenty'],
      [21, 'twenty-one'],
      [105, 'one hundred five'],
      [1011, 'one thousand eleven'],
      [9999, 'nine thousand nine hundred ninety-nine'],
    ];
    for (const [n, words] of cases) expect(spokenNumberEnglish(n)).toBe(words);
    expect(() => callAnnouncementEnglish('A-007', 0)).toThrow(RangeError);
    expect(() => callAnnouncementEnglish('007', 1)).toThrow(InvalidTicketNumberError);
  });
});
