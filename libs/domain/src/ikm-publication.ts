/**
 * Publishing a period's IKM with its follow-up plan (rencana tindak lanjut), as PermenPANRB
 * 14/2017 asks: the results of the SKM are published, with what the office will do about
 * them (issue 19). The figures are fixed when published; the board and the office's public
 * page show the latest.
 */
import { RuleError } from './errors.js';
import { isCalendarDay } from './reports.js';
import type { IkmGrade } from './satisfaction.js';
import type { SkmPreset } from './skm.js';

export const IKM_PLAN_LIMITS = {
  items: { min: 1, max: 10 },
  action: { min: 5, max: 300 },
  owner: { min: 2, max: 100 },
} as const;

/** One follow-up item: what will be done, by whom, by when. */
export interface IkmPlanItem {
  action: string;
  owner: string;
  /** A calendar day, YYYY-MM-DD. */
  dueDate: string;
}

export interface IkmPublicationView {
  id: string;
  period: { preset: SkmPreset | 'custom'; from: string; to: string };
  /** The converted index (25–100, two decimals) and its grade, as of publishing. */
  ikm: number;
  grade: IkmGrade;
  responses: number;
  served: number;
  sampleSize: number;
  sampleReached: boolean;
  plan: IkmPlanItem[];
  publishedAt: string;
}

/**
 * The plan as it will be kept: each item's text trimmed, within the limits, with a real due
 * day. Throws `validation_failed` naming the item. A plan is required: the regulation asks
 * for the follow-up with the result.
 */
export function checkIkmPlan(items: readonly IkmPlanItem[]): IkmPlanItem[] {
  const L = IKM_PLAN_LIMITS;
  if (items.length < L.items.min || items.length > L.items.max) {
    throw new RuleError('validation_failed', `A follow-up plan has ${L.items.min}–${L.items.max} items`, [{ field: 'plan', problems: ['item count'] }]);
  }
  return items.map((item, index) => {
    const action = item.action.trim();
    const owner = item.owner.trim();
    const refuse = (field: string, message: string) => {
      throw new RuleError('validation_failed', `Item ${index + 1}: ${message}`, [{ field: `plan.${index}.${field}`, problems: [message] }]);
    };
    if (action.length < L.action.min || action.length > L.action.max) refuse('action', `the action must be ${L.action.min}–${L.action.max} characters`);
    if (owner.length < L.owner.min || owner.length > L.owner.max) refuse('owner', `the owner must be ${L.owner.min}–${L.owner.max} characters`);
    if (!isCalendarDay(item.dueDate)) refuse('dueDate', 'the due date must be a day of the calendar');
    return { action, owner, dueDate: item.dueDate };
  });
}

/** An IKM can be published only when every element has answers (the index exists). */
export function assertPublishable(ikm: number | null): asserts ikm is number {
  if (ikm === null) throw new RuleError('nothing_to_publish', 'The period has no complete IKM to publish: no responses, or an element without answers');
}
