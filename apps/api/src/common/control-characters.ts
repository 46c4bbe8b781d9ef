import { type ValidationOptions, ValidatorConstraint, type ValidatorConstraintInterface, getMetadataStorage, registerDecorator } from 'class-validator';
import type { FieldProblem } from '@loket/domain';

/* eslint-disable no-control-regex -- finding control characters is the point of these patterns */
// C0 controls, DEL and C1 controls. PostgreSQL refuses NUL in text outright (a 500 before this
// check, issue 13); the others are never typed by a person and only garble screens, CSVs and logs.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Free text keeps line breaks and tabs.
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/** Marks a property whose text may span lines: a note. Every other text field is one line. */
@ValidatorConstraint({ name: 'freeText' })
class FreeTextMarker implements ValidatorConstraintInterface {
  validate(): boolean {
    // The check itself is in controlCharacterProblems, run on every body, query and parameter.
    return true;
  }
}

/**
 * The property holds free text (a note): `\n`, `\r` and `\t` are allowed there; other
 * control characters are refused as everywhere. Kept in class-validator's metadata, so
 * PickType, PartialType and IntersectionType carry it over to derived DTOs.
 */
export function FreeText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({ target: target.constructor, propertyName: propertyName as string, options, validator: FreeTextMarker });
}

const freeTextCache = new WeakMap<object, ReadonlySet<string>>();

function freeTextFields(constructor: unknown): ReadonlySet<string> {
  if (typeof constructor !== 'function' || constructor === Object) return new Set();
  let fields = freeTextCache.get(constructor);
  if (!fields) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(constructor, '', true, false);
    fields = new Set(metadata.filter((entry) => entry.constraintCls === FreeTextMarker).map((entry) => entry.propertyName));
    freeTextCache.set(constructor, fields);
  }
  return fields;
}

/**
 * Every string in `value` (a validated DTO, a plain body, a query or a parameter) that holds
 * a control character, by field path. Object keys are checked as well as values. Strings of
 * a DTO property marked @FreeText may hold line breaks and tabs.
 */
export function controlCharacterProblems(value: unknown, field = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (item: unknown, path: string, lines: boolean, depth: number): void => {
    if (typeof item === 'string') {
      if ((lines ? CONTROL_BUT_LINES : CONTROL).test(item)) {
        const name = path || 'the value';
        problems.push({ field: path, problems: [`${name} must not contain control characters${lines ? ' (other than line breaks and tabs)' : ''}`] });
      }
      return;
    }
    // Bodies are at most 32 levels deep (refuseDeepBodies); this only guards against cycles.
    if (typeof item !== 'object' || item === null || item instanceof Date || depth > 64) return;
    if (Array.isArray(item)) {
      item.forEach((element, index) => visit(element, path ? `${path}.${index}` : String(index), lines, depth + 1));
      return;
    }
    const free = freeTextFields((item as object).constructor);
    for (const [key, child] of Object.entries(item)) {
      const childPath = path ? `${path}.${key}` : key;
      if (CONTROL.test(key)) problems.push({ field: childPath, problems: ['field names must not contain control characters'] });
      visit(child, childPath, free.has(key), depth + 1);
    }
  };
  visit(value, field, false, 0);
  return problems;
}
