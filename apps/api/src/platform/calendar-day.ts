import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MESSAGE = 'must be a date YYYY-MM-DD';

/** A calendar day `YYYY-MM-DD` that exists (2024-02-29 yes, 2024-02-30 no), as OpenAPI's `format: date` demands. */
export const IsCalendarDay = (): PropertyDecorator =>
  applyDecorators(Matches(DAY, { message: MESSAGE }), IsISO8601({ strict: true }, { message: MESSAGE }));
