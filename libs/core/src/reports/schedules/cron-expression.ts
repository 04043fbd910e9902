/** A five-field cron expression (minute hour day-of-month month day-of-week), as BullMQ's job scheduler runs it. */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function value(token: string, spec: FieldSpec): number | null {
  if (/^\d{1,2}$/.test(token)) {
    const n = Number(token);
    return n >= spec.min && n <= spec.max ? n : null;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index < 0) return null;
  return spec.name === 'month' ? index + 1 : index;
}

function fieldProblem(field: string, spec: FieldSpec): string | null {
  for (const part of field.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || range === '') return `${spec.name}: "${part}" is not a valid item`;
    if (step !== undefined && !(/^\d{1,2}$/.test(step) && Number(step) >= 1)) {
      return `${spec.name}: step "${step}" must be a positive number`;
    }
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `${spec.name}: "${range}" is not a valid range`;
    const numbers = bounds.map((b) => value(b, spec));
    if (numbers.some((n) => n === null)) {
      return `${spec.name}: "${range}" must be within ${spec.min}-${spec.max}${spec.names ? ' or a name' : ''}`;
    }
    if (numbers.length === 2 && (numbers[0] as number) > (numbers[1] as number)) {
      return `${spec.name}: range "${range}" runs backwards`;
    }
  }
  return null;
}

/** Why the expression is not a valid five-field cron, or null when it is. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return 'must have five fields: minute hour day-of-month month day-of-week';
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return problem;
  }
  return null;
}
