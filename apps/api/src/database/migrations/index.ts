import { InitialSchema1764316800000 } from './1764316800000-initial-schema.js';

/** Every migration, in order. Listed by hand: ESM builds cannot be globbed reliably. */
export const migrations = [InitialSchema1764316800000];
