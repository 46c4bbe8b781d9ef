import { numberRanges } from './number-ranges';

describe('numberRanges', () => {
  it('joins runs of three or more and lists the rest', () => {
    expect(numberRanges([9, 1, 3, 4, 5, 7, 8, 11])).toBe('1, 3–5, 7–9, 11');
    expect(numberRanges([2, 3, 6])).toBe('2, 3, 6');
    expect(
      numberRanges([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]),
    ).toBe('7–40');
    expect(numberRanges([])).toBe('');
  });
});
