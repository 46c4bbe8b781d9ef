import { BadRequestException, ConflictException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { FieldProblem } from '@loket/domain';

/** A 400 in the shape the validation pipe gives, so the app shows each problem beside its field. */
export function invalidFields(details: FieldProblem[]): BadRequestException {
  return new BadRequestException({ message: details.map((d) => d.problems.join(', ')).join('; '), code: 'validation_failed', details });
}

export function assertNoProblems(details: FieldProblem[]): void {
  if (details.length > 0) throw invalidFields(details);
}

/** A 409 about one field (a code, number or username already taken), with the same `details` shape as a 400. */
export function fieldConflict(code: string, field: string, message: string): ConflictException {
  return new ConflictException({ message, code, details: [{ field, problems: [message] }] });
}

/** The unique constraint a failed statement broke, or null: a race the pre-check could not see. */
export function violatedConstraint(error: unknown): string | null {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' ? (driverError.constraint ?? null) : null;
}
