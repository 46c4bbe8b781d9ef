import { type AdminServiceView, EMPTY_STANDARD_DETAILS } from '@loket/domain';
import type { ServiceInput } from '../admin-api';

/** A service as its form edits it: the lists as text, one item a line, and the optional counts as text. */
export interface ServiceDraft extends Omit<ServiceInput, 'requirements' | 'dailyQuota' | 'procedure' | 'legalBasis' | 'executorCount'> {
  requirements: string;
  dailyQuota: string;
  procedure: string;
  legalBasis: string;
  executorCount: string;
}

/** The service's on/off options, each a checkbox of its form. */
export const SERVICE_OPTIONS = ['active', 'dynamicQuota'] as const;

/** The standard's free texts, in the regulation's order: delivery ones first, then management. */
export const DELIVERY_TEXTS = ['product', 'complaintHandling'] as const;
export const MANAGEMENT_TEXTS = ['facilities', 'competence', 'internalSupervision', 'serviceGuarantee', 'safetyGuarantee', 'performanceEvaluation'] as const;

/** The lists are edited one item a line, in order (the procedure's steps are numbered by their line). */
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const optionalCount = (text: string) => (text.trim() === '' ? null : Number(text));

/** What the API takes for a draft. */
export function serviceBody(value: ServiceDraft): ServiceInput {
  return {
    ...value,
    requirements: lines(value.requirements),
    dailyQuota: optionalCount(value.dailyQuota),
    procedure: lines(value.procedure),
    legalBasis: lines(value.legalBasis),
    executorCount: optionalCount(value.executorCount),
  };
}

/** The draft of a service being edited, or of a new one (no service). */
export function serviceDraft(service: AdminServiceView | null): ServiceDraft {
  return service
    ? {
        code: service.code,
        name: service.name,
        maxWaitMinutes: service.standard.maxWaitMinutes,
        serviceTimeMinutes: service.standard.serviceTimeMinutes,
        costRupiah: service.standard.costRupiah,
        requirements: service.standard.requirements.join('\n'),
        completionTime: service.standard.completionTime,
        dailyQuota: service.standard.dailyQuota === null ? '' : String(service.standard.dailyQuota),
        active: service.active,
        issueCutoffMinutes: service.issueCutoffMinutes,
        dynamicQuota: service.dynamicQuota,
        ...service.details,
        procedure: service.details.procedure.join('\n'),
        legalBasis: service.details.legalBasis.join('\n'),
        executorCount: service.details.executorCount === null ? '' : String(service.details.executorCount),
      }
    : {
        code: '',
        name: '',
        maxWaitMinutes: 30,
        serviceTimeMinutes: 10,
        costRupiah: 0,
        requirements: '',
        completionTime: '',
        dailyQuota: '',
        active: true,
        issueCutoffMinutes: 30,
        dynamicQuota: false,
        ...EMPTY_STANDARD_DETAILS,
        procedure: '',
        legalBasis: '',
        executorCount: '',
      };
}
