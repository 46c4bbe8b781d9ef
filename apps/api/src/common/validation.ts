import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RuleError } from '@loket/domain';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Every body and query is checked here: unknown fields are refused, and the message says what is wrong. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
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
