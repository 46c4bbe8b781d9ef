import { OFFICE_SEQUENCE_SQL } from '../../src/database/office-sequence.repository.js';

/**
 * Every repository's SQL, by the name of its snapshot file in apps/api/queries/ (checked
 * by sql-snapshots.spec.ts). A new repository adds one line here.
 */
export const SQL_REGISTRY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'office-sequence': OFFICE_SEQUENCE_SQL,
};
