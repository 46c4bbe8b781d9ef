/**
 * The simulated office and one day's trace: who arrives when for what, how long each takes,
 * who does not show, who is transferred, who answers the survey, and when each counter opens
 * and breaks. All drawn up front from the seed, so the live run and the in-process policy
 * runs replay exactly the same day.
 */
import { PRIORITY_CATEGORIES, type PriorityCategory, SURVEY_ELEMENT_CODES, type SurveyAnswers, type SurveyScore } from '@loket/domain';
import { Rng } from './rng.js';

export interface SimService {
  code: string;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  /** Share of the day's citizens who come for it. */
  share: number;
  /** Where a citizen is sent when the counter transfers them. */
  transferTo: string[];
}

export interface SimCounter {
  number: number;
  services: string[];
  priorityOnly: boolean;
}

/** The demo office of the product's seed (apps/api/src/database/seed/demo-office.ts), with the demand of an ordinary weekday. */
export const STANDARD_OFFICE = {
  slug: 'mpp-kota-harapan',
  opens: '08:00',
  closes: '15:00',
  priorityMaxWaitMinutes: 10,
  services: [
    { code: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10, share: 0.38, transferTo: ['B'] },
    { code: 'B', maxWaitMinutes: 45, serviceTimeMinutes: 15, share: 0.2, transferTo: ['C'] },
    { code: 'C', maxWaitMinutes: 45, serviceTimeMinutes: 12, share: 0.15, transferTo: ['B'] },
    { code: 'D', maxWaitMinutes: 60, serviceTimeMinutes: 20, share: 0.1, transferTo: ['B'] },
    { code: 'PL', maxWaitMinutes: 20, serviceTimeMinutes: 8, share: 0.17, transferTo: ['A', 'B', 'C', 'D'] },
  ] satisfies SimService[],
  /** The office's midday break rota (ishoma): minute of the day each counter is due to go, and the allowed length. */
  breakRota: { odd: 225, even: 280, minutes: 60 },
  counters: [
    { number: 1, services: ['A'], priorityOnly: false },
    { number: 2, services: ['A', 'B'], priorityOnly: false },
    { number: 3, services: ['B', 'C'], priorityOnly: false },
    { number: 4, services: ['C', 'D'], priorityOnly: false },
    { number: 5, services: ['PL', 'D'], priorityOnly: false },
    { number: 6, services: ['A', 'B', 'C', 'D', 'PL'], priorityOnly: true },
  ] satisfies SimCounter[],
};

/** Relative arrivals per opening hour 08, 09, …, 14: a morning peak, the lunch dip, a post-lunch bump. */
export const HOURLY_PROFILE = [1.0, 1.6, 1.4, 1.0, 0.55, 1.15, 0.6];

export interface DayOptions {
  seed: number;
  /** Expected citizens over the whole day (the standard day: 165, about 90% of what six counters can serve). */
  citizens: number;
  /** Only the first this many minutes of the day (a smoke run); null = the whole day. */
  minutes: number | null;
  priorityShare: number;
  noShowShare: number;
  transferShare: number;
  surveyShare: number;
  lateOpeningChance: number;
  breakOverrunChance: number;
}

export const STANDARD_DAY: DayOptions = {
  seed: 2026,
  citizens: 165,
  minutes: null,
  priorityShare: 0.08,
  noShowShare: 0.05,
  transferShare: 0.03,
  surveyShare: 0.35,
  lateOpeningChance: 0.3,
  breakOverrunChance: 0.3,
};

export interface Arrival {
  index: number;
  /** Minutes after the office opens. */
  atMinute: number;
  service: string;
  priority: PriorityCategory | null;
  serviceMinutes: number;
  walkUpMinutes: number;
  noShow: boolean;
  transfer: { service: string; serviceMinutes: number } | null;
  survey: SurveyAnswers | null;
}

export interface CounterBreak {
  atMinute: number;
  minutes: number;
}

export interface CounterPlan {
  number: number;
  openAtMinute: number;
  breaks: CounterBreak[];
}

export interface DayTrace {
  options: DayOptions;
  lengthMinutes: number;
  arrivals: Arrival[];
  counters: CounterPlan[];
}

const SCORE_WEIGHTS = [0.03, 0.12, 0.55, 0.3];

export function serviceOf(code: string): SimService {
  const service = STANDARD_OFFICE.services.find((candidate) => candidate.code === code);
  if (!service) throw new Error(`No service ${code} in the simulated office`);
  return service;
}

/** One service time: log-normal around the standard (median 85% of it), never under a minute or over five standards. */
function drawServiceMinutes(rng: Rng, code: string): number {
  const standard = serviceOf(code).serviceTimeMinutes;
  return Math.min(5 * standard, Math.max(1, rng.logNormal(0.85 * standard, 0.45)));
}

export function drawDay(options: DayOptions): DayTrace {
  const root = new Rng(options.seed);
  const arrivalsRng = root.fork('arrivals');
  const detailsRng = root.fork('details');
  const countersRng = root.fork('counters');
  const lengthMinutes = HOURLY_PROFILE.length * 60;
  const weightSum = HOURLY_PROFILE.reduce((sum, weight) => sum + weight, 0);

  // A Poisson process whose rate follows the hourly profile.
  const times: number[] = [];
  for (const [hour, weight] of HOURLY_PROFILE.entries()) {
    const perMinute = (options.citizens * weight) / weightSum / 60;
    let at = hour * 60 + arrivalsRng.exponential(1 / perMinute);
    while (at < (hour + 1) * 60) {
      times.push(at);
      at += arrivalsRng.exponential(1 / perMinute);
    }
  }
  const horizon = options.minutes ?? lengthMinutes;
  const codes = STANDARD_OFFICE.services.map((service) => service.code);
  const shares = STANDARD_OFFICE.services.map((service) => service.share);
  const arrivals: Arrival[] = times
    .filter((at) => at < horizon)
    .map((atMinute, index) => {
      const service = detailsRng.pick(codes, shares);
      const priority = detailsRng.chance(options.priorityShare) ? detailsRng.pick(PRIORITY_CATEGORIES) : null;
      const serviceMinutes = drawServiceMinutes(detailsRng, service);
      const walkUpMinutes = detailsRng.between(0.3, 1.5);
      const noShow = detailsRng.chance(options.noShowShare);
      const transferCode = detailsRng.chance(options.transferShare) ? detailsRng.pick(serviceOf(service).transferTo) : null;
      const transfer = transferCode ? { service: transferCode, serviceMinutes: drawServiceMinutes(detailsRng, transferCode) } : null;
      const answers = detailsRng.chance(options.surveyShare) ? drawSurvey(detailsRng) : null;
      return { index, atMinute, service, priority, serviceMinutes, walkUpMinutes, noShow: noShow && !transfer, transfer, survey: answers };
    });

  // Counters 1, 3, 5 take the midday break (ishoma) first, 2, 4, 6 after them.
  const counters: CounterPlan[] = STANDARD_OFFICE.counters.map((counter) => {
    const late = countersRng.chance(options.lateOpeningChance);
    const openAtMinute = late ? Math.min(60, countersRng.logNormal(9, 0.5)) : countersRng.between(-4, 2);
    const breakAt = counter.number % 2 === 1 ? STANDARD_OFFICE.breakRota.odd : STANDARD_OFFICE.breakRota.even;
    const overrun = countersRng.chance(options.breakOverrunChance);
    const minutes = overrun ? 60 + countersRng.between(5, 20) : countersRng.between(40, 58);
    return { number: counter.number, openAtMinute, breaks: breakAt < horizon ? [{ atMinute: breakAt + countersRng.between(0, 10), minutes }] : [] };
  });
  return { options, lengthMinutes: horizon, arrivals, counters };
}

function drawSurvey(rng: Rng): SurveyAnswers {
  const answers = {} as SurveyAnswers;
  for (const code of SURVEY_ELEMENT_CODES) {
    // U4 (cost): every service here is free, so most answer "gratis".
    answers[code] = (code === 'u4' ? (rng.chance(0.9) ? 4 : 3) : rng.pick([1, 2, 3, 4], SCORE_WEIGHTS)) as SurveyScore;
  }
  return answers;
}
