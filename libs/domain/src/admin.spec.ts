import { nipProblem, scheduleOutsideHours, scheduleProblems } from './admin.js';

describe('scheduleProblems', () => {
  it('accepts a usual week: Mon–Thu 08:00–15:00, Fri 08:00–11:30', () => {
    const week = [1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' }));
    expect(scheduleProblems([...week, { weekday: 5, opens: '08:00', closes: '11:30' }])).toEqual([]);
  });

  it('names each malformed time, a closing not after its opening, a bad weekday and a second span on one day', () => {
    const problems = scheduleProblems([
      { weekday: 1, opens: '8:00', closes: '24:00' },
      { weekday: 2, opens: '15:00', closes: '08:00' },
      { weekday: 8, opens: '08:00', closes: '09:00' },
      { weekday: 2, opens: '16:00', closes: '17:00' },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['schedule.0.opens', 'schedule.0.closes', 'schedule.1.closes', 'schedule.2.weekday', 'schedule.3.weekday']);
    expect(problems[2].problems[0]).toContain('after');
    expect(problems[4].problems[0]).toContain('one span per day');
  });

  it('refuses equal opening and closing times', () => {
    expect(scheduleProblems([{ weekday: 3, opens: '10:00', closes: '10:00' }], 'openingHours')).toEqual([
      { field: 'openingHours.0.closes', problems: [expect.stringContaining('after')] },
    ]);
  });
});

describe('scheduleOutsideHours', () => {
  const office = [{ weekday: 1, opens: '07:30', closes: '16:00' }];
  it('accepts a counter inside the office hours, and anything when the office has none', () => {
    expect(scheduleOutsideHours([{ weekday: 1, opens: '08:00', closes: '15:00' }], office)).toEqual([]);
    expect(scheduleOutsideHours([{ weekday: 6, opens: '08:00', closes: '15:00' }], [])).toEqual([]);
  });
  it('names a day the office is closed and hours beyond its own', () => {
    const problems = scheduleOutsideHours(
      [
        { weekday: 1, opens: '07:00', closes: '15:00' },
        { weekday: 2, opens: '08:00', closes: '15:00' },
      ],
      office,
    );
    expect(problems.map((p) => p.field)).toEqual(['schedule.0', 'schedule.1.weekday']);
  });
});

describe('nipProblem', () => {
  it('accepts a well-formed NIP', () => {
    expect(nipProblem('198203152006042001')).toBeNull();
  });
  it.each([
    ['19820315200604200', '18 digits'],
    ['19820315200604200a', '18 digits'],
    ['198213152006042001', 'birth date'],
    ['198203152006132001', 'appointment'],
    ['198203152006043001', 'digit 15'],
  ])('refuses %s', (nip, message) => {
    expect(nipProblem(nip)).toContain(message);
  });
});
