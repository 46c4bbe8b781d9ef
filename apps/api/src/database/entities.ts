import { OfficeEntity } from '../offices/office.entity.js';

/**
 * The TypeORM entities: only those a repository reads through TypeORM. Every other table
 * is read and written with explicit SQL in its repository, so it has no entity class.
 */
export const entities = [OfficeEntity];
