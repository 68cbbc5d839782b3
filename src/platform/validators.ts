import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { badUserInput } from './errors.js';

/**
 * At most `max` characters, counted as Unicode code points: the way PostgreSQL counts `varchar(n)`.
 * (class-validator's MaxLength skips variation selectors, so a value it accepts could overflow the column.)
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxChars',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max],
      options,
      validator: {
        validate: (value: unknown) => value == null || (typeof value === 'string' && [...value].length <= max),
        defaultMessage: () => `must be at most ${max} characters`,
      },
    });
}

/** Letters, digits, punctuation or symbols: what a reader can see (not only spaces or zero-width characters). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** The text holds at least one visible character. */
export function HasVisibleText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasVisibleText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && VISIBLE.test(value),
        defaultMessage: () => 'must not be blank',
      },
    });
}

/** A UTF-16 surrogate without its pair: text no keyboard produces, which storage would turn into U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text is well-formed Unicode (no lone surrogate). */
export function WellFormedText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'wellFormedText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !LONE_SURROGATE.test(value),
        defaultMessage: () => 'must be valid Unicode text',
      },
    });
}

/**
 * Validates the field only when the client sent it: an absent field (undefined) is "no change", while an
 * explicit null still meets the other validators (and fails those that need a value).
 */
export function IfGiven(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/**
 * Checks free text given as a plain argument (outside an input type): at most `max` characters (code points),
 * and with something visible when `required`.
 * @returns the text trimmed, or null when absent and not required.
 * @throws BAD_USER_INPUT naming `field`.
 */
export function checkedText(field: string, value: string | null | undefined, max: number, required: boolean): string | null {
  const text = value?.trim() ?? '';
  if (required && !VISIBLE.test(text)) throw badUserInput(`${field} must not be blank`, [{ field, message: 'must not be blank' }]);
  if ([...text].length > max) {
    throw badUserInput(`${field} is longer than ${max} characters`, [{ field, message: `must be at most ${max} characters` }]);
  }
  return text || null;
}
