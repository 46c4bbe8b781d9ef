/**
 * Publishing a period's IKM with its follow-up plan (rencana tindak lanjut), as PermenPANRB
 * 14/2017 asks: the results of the SKM are published, with what the office will do about
 * them (issue 19). The figures are fixed when published; the board and the office's public
 * page show the latest.
 */
import { RuleError } from './errors.js';
import { isCalendarDay } from './time.js';
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

/**
 * Where a follow-up item stands: not started (*belum*), under way (*berjalan*), done
 * (*selesai*). Every item starts as *belum* on the day of publishing.
 */
export const IKM_PLAN_STATUSES = ['belum', 'berjalan', 'selesai'] as const;
export type IkmPlanStatus = (typeof IKM_PLAN_STATUSES)[number];
export const IKM_PLAN_NOTE_MAX = 300;

/** A follow-up item as shown: the plan's item with where it stands, since when, and a note. */
export interface IkmPlanItemView extends IkmPlanItem {
  status: IkmPlanStatus;
  /** The day the status took effect (YYYY-MM-DD): the publishing day while still *belum*. */
  statusOn: string;
  note: string;
}

/** A supervisor's update of one item: its status, the day it took effect, a short note. */
export interface IkmPlanProgress {
  status: IkmPlanStatus;
  on: string;
  note: string;
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
  plan: IkmPlanItemView[];
  publishedAt: string;
  /** The day of publishing in the office's zone: no progress can be dated before it. */
  publishedOn: string;
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

/**
 * A progress update as it will be kept: a known item and status, a real day that is neither
 * before the publication's day nor after today (the office's), a note within its length.
 * Throws `validation_failed` naming the field.
 */
export function checkPlanProgress(
  update: { item: number; status: string; on: string; note: string },
  planLength: number,
  publishedOn: string,
  today: string,
): IkmPlanProgress {
  const refuse = (field: string, message: string): never => {
    throw new RuleError('validation_failed', message, [{ field, problems: [message] }]);
  };
  if (!Number.isInteger(update.item) || update.item < 0 || update.item >= planLength) refuse('item', `The plan has items 1–${planLength}`);
  if (!(IKM_PLAN_STATUSES as readonly string[]).includes(update.status)) refuse('status', `status is one of ${IKM_PLAN_STATUSES.join(', ')}`);
  if (!isCalendarDay(update.on)) refuse('on', 'the day must be a day of the calendar');
  if (update.on < publishedOn) refuse('on', `the day must not be before the publication (${publishedOn})`);
  if (update.on > today) refuse('on', `the day must not be after today (${today})`);
  const note = update.note.trim();
  if (note.length > IKM_PLAN_NOTE_MAX) refuse('note', `the note must be at most ${IKM_PLAN_NOTE_MAX} characters`);
  return { status: update.status as IkmPlanStatus, on: update.on, note };
}

/** Each item with its latest update (by the order given, latest last), or *belum* since publishing. */
export function planWithProgress(
  plan: readonly IkmPlanItem[],
  updates: readonly (IkmPlanProgress & { item: number })[],
  publishedOn: string,
): IkmPlanItemView[] {
  return plan.map((item, index) => {
    const latest = updates.filter((update) => update.item === index).at(-1);
    return latest ? { ...item, status: latest.status, statusOn: latest.on, note: latest.note } : { ...item, status: 'belum', statusOn: publishedOn, note: '' };
  });
}

/** How many items stand where: what the compliance pack and the public page sum up. */
export function planProgressCounts(plan: readonly IkmPlanItemView[]): Record<IkmPlanStatus, number> {
  const counts = { belum: 0, berjalan: 0, selesai: 0 };
  for (const item of plan) counts[item.status] += 1;
  return counts;
}
