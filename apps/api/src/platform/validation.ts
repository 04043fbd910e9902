import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError } from '@ksbb/core';
import { problem } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]): FieldError => {
      const coded = e.contexts?.[constraint] as Pick<FieldError, 'code' | 'messages'> | undefined;
      return {
        field,
        message: message.replace(/^property (\S+) should not exist$/, 'is not a known field'),
        ...(coded?.code ? { code: coded.code, messages: coded.messages } : {}),
      };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (value or key) that is not well-formed UTF-16, or null. */
function illFormedAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (!value || typeof value !== 'object' || depth > 32) return null;
  for (const [key, v] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) return at;
    const found = illFormedAt(v, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses text that is not well-formed Unicode (a lone surrogate, as JSON's "\ud800" can carry) before validating:
 * it cannot be stored as UTF-8, and validators that percent-encode (IsEmail) throw on it.
 */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const at = illFormedAt(value, '');
      if (at !== null) {
        const field = at || metadata.type;
        throw new BadRequestException({
          problem: problem(400, `${field} is not well-formed Unicode`, [{ field, message: 'contains a lone surrogate', code: 'invalid_unicode' }], 'invalid_unicode'),
        });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Validates and transforms every body and query; unknown fields are rejected, never silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      const detail = list.length === 1 ? `${list[0].field} ${list[0].message}` : `${list.length} fields are invalid`;
      return new BadRequestException({ problem: problem(400, detail, list, 'validation_failed') });
    },
  });
}

/**
 * Like @IsOptional, but only a missing field skips validation: `null` is validated (and refused). For optional
 * fields of a PATCH whose column is NOT NULL, where @IsOptional would let `null` through to the database.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
