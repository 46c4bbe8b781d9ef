import { counterNameBeyondNumber } from './counter-name';

describe('counterNameBeyondNumber', () => {
  it('keeps what the name says beyond "Loket N", without the brackets', () => {
    expect(counterNameBeyondNumber('Loket 6 (Prioritas)', 6)).toBe('Prioritas');
    expect(counterNameBeyondNumber('Loket 17 (BPJS Kesehatan)', 17)).toBe('BPJS Kesehatan');
    expect(counterNameBeyondNumber('Counter 3 – Passports', 3)).toBe('Passports');
    expect(counterNameBeyondNumber('Loket 04: Akta', 4)).toBe('Akta');
  });

  it('keeps a name whole when it says no more than the number, or is not "word N"', () => {
    expect(counterNameBeyondNumber('Loket 7', 7)).toBe('Loket 7');
    expect(counterNameBeyondNumber('Loket 12 ()', 12)).toBe('Loket 12 ()');
    expect(counterNameBeyondNumber('Loket 1', 12)).toBe('Loket 1');
    expect(counterNameBeyondNumber('Loket 12 Dukcapil', 1)).toBe('Loket 12 Dukcapil');
    expect(counterNameBeyondNumber('Meja Prioritas', 6)).toBe('Meja Prioritas');
  });
});
