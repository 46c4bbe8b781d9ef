/**
 * The compliance pack (issue 19): one printable bundle of the evidence an Ombudsman
 * compliance assessment (penilaian kepatuhan) and the PEKPPP evaluation ask for, from the
 * data Loket already holds, for one period: the published standards with their versions, the
 * maklumat, the SKM results with sample adequacy, the complaint figures, the follow-up
 * progress and the priority-service figures. The rules of the two figures only the pack
 * computes live here: standard versions from the audit trail, and priority service per group.
 */
import { maxWaitFor } from './call-order.js';
import type { ComplaintReportView } from './complaints.js';
import type { IkmPlanStatus, IkmPublicationView } from './ikm-publication.js';
import { type PriorityCategory, PRIORITY_CATEGORIES } from './priority.js';
import type { SatisfactionFigures } from './reports.js';
import type { MaklumatView, PublishedServiceStandard, StandardComponent } from './service-standard.js';
import type { SkmPreset, SkmProfileTable } from './skm.js';
import type { SurveyChannel } from './survey-terminal.js';
import { median, round1 } from './stats.js';
import type { TicketStatus } from './ticket-lifecycle.js';

// ---------------------------------------------------------------------------------------
// Versions of a service's published standard

/**
 * The fields of a service (as the audit trail records it, `service.created`/`service.updated`)
 * that make up its published standard: the 14 components. A change of anything else (the
 * name's order on the kiosk, the daily quota, the cut-off) is not a new version of the standard.
 */
export const STANDARD_FIELDS = [
  'requirements',
  'procedure',
  'completionTime',
  'costRupiah',
  'product',
  'complaintHandling',
  'legalBasis',
  'facilities',
  'competence',
  'internalSupervision',
  'executorCount',
  'serviceGuarantee',
  'safetyGuarantee',
  'performanceEvaluation',
] as const;

/** One audited change of a service, oldest first. */
export interface ServiceChange {
  serviceId: string;
  action: 'service.created' | 'service.updated';
  /** Epoch ms. */
  at: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface StandardVersion {
  /** 1 for the standard as the service was created (or seeded); each change of a component adds one. */
  version: number;
  /** When this version took effect (ISO), or null for a seeded service never changed since. */
  since: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Each service's standard version and since when, from its audited changes (oldest first). */
export function standardVersions(changes: readonly ServiceChange[]): Map<string, StandardVersion> {
  const versions = new Map<string, StandardVersion>();
  for (const change of [...changes].sort((a, b) => a.at - b.at)) {
    const current = versions.get(change.serviceId) ?? { version: 1, since: null };
    if (change.action === 'service.created') {
      versions.set(change.serviceId, { version: 1, since: new Date(change.at).toISOString() });
    } else if (STANDARD_FIELDS.some((field) => !same(change.before?.[field], change.after?.[field]))) {
      versions.set(change.serviceId, { version: current.version + 1, since: new Date(change.at).toISOString() });
    } else versions.set(change.serviceId, current);
  }
  return versions;
}

// ---------------------------------------------------------------------------------------
// Priority service per group (UU 25/2009 Pasal 29)

/** One priority ticket of the period. */
export interface PriorityFact {
  group: PriorityCategory;
  status: TicketStatus;
  issuedAt: number;
  /** The first call, epoch ms; null when never called. */
  firstCalledAt: number | null;
  serviceMaxWaitMinutes: number;
}

export interface PriorityGroupFigures {
  issued: number;
  /** Tickets finished (done). */
  served: number;
  /** Tickets called at least once: the waits below are theirs. */
  called: number;
  /** Called within the maximum wait a priority ticket is held to (`maxWaitFor`). */
  withinStandard: number;
  /** withinStandard ÷ called (0–1); null when none was called. */
  withinShare: number | null;
  /** Median minutes from issue to first call, one decimal; null when none was called. */
  medianWaitMinutes: number | null;
}

function priorityGroupFigures(facts: readonly PriorityFact[], priorityMaxWaitMinutes: number): PriorityGroupFigures {
  const waits = facts
    .filter((fact) => fact.firstCalledAt !== null)
    .map((fact) => ({ minutes: (fact.firstCalledAt! - fact.issuedAt) / 60_000, max: maxWaitFor(fact.serviceMaxWaitMinutes, true, priorityMaxWaitMinutes) }));
  const within = waits.filter((wait) => wait.minutes <= wait.max).length;
  const middle = median(waits.map((wait) => wait.minutes));
  return {
    issued: facts.length,
    served: facts.filter((fact) => fact.status === 'done').length,
    called: waits.length,
    withinStandard: within,
    withinShare: waits.length === 0 ? null : within / waits.length,
    medianWaitMinutes: middle === null ? null : round1(middle),
  };
}

/** The figures of every group the law names (a group with no ticket shows zeros), and of all of them. */
export function priorityFigures(
  facts: readonly PriorityFact[],
  priorityMaxWaitMinutes: number,
): { rows: (PriorityGroupFigures & { group: PriorityCategory })[]; total: PriorityGroupFigures } {
  return {
    rows: PRIORITY_CATEGORIES.map((group) => ({
      group,
      ...priorityGroupFigures(
        facts.filter((fact) => fact.group === group),
        priorityMaxWaitMinutes,
      ),
    })),
    total: priorityGroupFigures(facts, priorityMaxWaitMinutes),
  };
}

// ---------------------------------------------------------------------------------------
// The pack

export interface PackServiceStandard extends PublishedServiceStandard, StandardVersion {
  /** The components still empty, in the regulation's order. */
  missing: StandardComponent[];
}

export interface CompliancePackView {
  office: { slug: string; name: string; address: string; city: string; timeZone: string };
  period: { preset: SkmPreset | 'custom'; from: string; to: string };
  generatedAt: string;
  generatedBy: string;
  standards: PackServiceStandard[];
  /** Every version of the maklumat, the one in force first. */
  maklumat: MaklumatView[];
  skm: {
    total: SatisfactionFigures;
    services: { code: string; name: string; satisfaction: SatisfactionFigures }[];
    profile: SkmProfileTable[];
    channels: Record<SurveyChannel, number>;
    /** How many wrote a suggestion, and the newest ones (at most `PACK_SUGGESTIONS`), as text. */
    suggestionCount: number;
    suggestions: { submittedAt: string; text: string }[];
  };
  complaints: ComplaintReportView & { laporChannel: string };
  /** The latest publication and where its plan stands. */
  followUp: (IkmPublicationView & { counts: Record<IkmPlanStatus, number> }) | null;
  priority: { priorityMaxWaitMinutes: number; rows: (PriorityGroupFigures & { group: PriorityCategory })[]; total: PriorityGroupFigures };
}

/** The pack lists the newest suggestions up to this many; all of them are in the SKM report. */
export const PACK_SUGGESTIONS = 20;
