import { InitialSchema1764316800000 } from './1764316800000-initial-schema.js';
import { SatisfactionSurveys1764400000000 } from './1764400000000-satisfaction-surveys.js';
import { Checklists1764400000001 } from './1764400000001-checklists.js';

/** Every migration, in order. Listed by hand: ESM builds cannot be globbed reliably. */
export const migrations = [InitialSchema1764316800000, SatisfactionSurveys1764400000000, Checklists1764400000001];
