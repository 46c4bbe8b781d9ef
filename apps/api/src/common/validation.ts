import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { RuleError } from '@loket/domain';
import { controlCharacterProblems } from './control-characters.js';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The DTO's own rules, then one check no DTO can forget: no control characters in any text
 * of a body, query or route parameter (free text marked @FreeText keeps line breaks).
 */
class TextCheckingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result: unknown = await super.transform(value, metadata);
    // Custom decorators (the logged-in staff member, the Idempotency-Key) check their own input.
    // An untyped argument is a socket message (every HTTP body and query is a DTO): the gateway
    // runs the same check and answers it as an acknowledgement, which a pipe's throw would not.
    if (metadata.type === 'custom' || metadata.metatype === undefined || metadata.metatype === Object) return result;
    const problems = controlCharacterProblems(result, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (problems.length > 0) throw new RuleError('validation_failed', problems.flatMap((problem) => problem.problems).join('; '), problems);
    return result;
  }
}

/** Every body and query is checked here: unknown fields are refused, and the message says what is wrong. */
export function validationPipe(): ValidationPipe {
  return new TextCheckingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((detail) => detail.problems.join(', ')).join('; ');
      return new RuleError('validation_failed', message || 'Invalid request', details);
    },
  });
}
