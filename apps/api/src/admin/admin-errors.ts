import { QueryFailedError } from 'typeorm';
import { type FieldProblem, RuleError } from '@loket/domain';

/** A 400 in the shape the validation pipe gives, so the app shows each problem beside its field. */
export function invalidFields(details: FieldProblem[]): RuleError {
  return new RuleError('validation_failed', details.map((d) => d.problems.join(', ')).join('; '), details);
}

export function assertNoProblems(details: FieldProblem[]): void {
  if (details.length > 0) throw invalidFields(details);
}

/** The unique constraint a failed statement broke, or null: a race the pre-check could not see. */
export function violatedConstraint(error: unknown): string | null {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' ? (driverError.constraint ?? null) : null;
}

/**
 * Runs `work`, turning a breach of one of the named unique constraints into that key's
 * conflict: two admins writing the same key at once both pass the pre-check, and the
 * constraint decides, so the loser gets the same 409 the pre-check gives.
 */
export async function uniqueChecked<T>(conflicts: Readonly<Record<string, () => RuleError>>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint !== null && Object.hasOwn(conflicts, constraint)) throw conflicts[constraint]();
    throw error;
  }
}
