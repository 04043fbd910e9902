import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { isEmail, IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';
import { EMAIL_ERRORS, emailRefusal, EmailErrorCode, normaliseEmail } from '@ksbb/core';

/** The class-validator context that carries a field error's code and id/en messages (see `validation.ts`). */
const context = (code: EmailErrorCode) => ({ code, messages: EMAIL_ERRORS[code] });

function refusedAs(code: EmailErrorCode, each: boolean): PropertyDecorator {
  return ValidateBy(
    {
      name: code,
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' ||
          (code === 'email_invalid' ? emailRefusal(value) !== null || isEmail(value) : emailRefusal(value) !== code),
        defaultMessage: () => EMAIL_ERRORS[code].en,
      },
    },
    { each, context: context(code) },
  );
}

/**
 * The one validator of an email address in a request (registration, sign-in, users, organisations' contacts, report
 * recipients): trimmed, NFKC-normalised and lower-cased (`normaliseEmail`), then refused with a coded, localised
 * 400 field error when it carries zero-width, bidi-control or other control characters or mixes scripts within a
 * part, or is not an address. `each` validates an array of addresses.
 */
export function IsEmailAddress(options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  const opts: ValidationOptions = { each };
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      each && Array.isArray(value)
        ? value.map((v: unknown) => (typeof v === 'string' ? normaliseEmail(v) : v))
        : typeof value === 'string'
          ? normaliseEmail(value)
          : value,
    ),
    IsString(opts),
    refusedAs('email_zero_width', each),
    refusedAs('email_bidi_control', each),
    refusedAs('email_control_character', each),
    refusedAs('email_mixed_script', each),
    refusedAs('email_invalid', each),
    MaxLength(254, opts),
  );
}
