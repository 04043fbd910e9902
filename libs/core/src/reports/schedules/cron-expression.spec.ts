import { cronProblem } from './cron-expression';

describe('cronProblem', () => {
  it.each([
    '* * * * *',
    '0 7 * * MON-FRI',
    '*/15 6-18 1,15 * 1',
    '30 23 L * *'.replace('L', '28'),
    '0 0 1 JAN,jul *',
    '5 4 * * 7',
  ])('accepts %s', (expr) => expect(cronProblem(expr)).toBeNull());

  it.each([
    ['* * * *', /five fields/],
    ['* * * * * *', /five fields/],
    ['60 * * * *', /minute/],
    ['* 24 * * *', /hour/],
    ['* * 0 * *', /day of month/],
    ['* * * 13 *', /month/],
    ['* * * * 8', /day of week/],
    ['*/0 * * * *', /step/],
    ['10-5 * * * *', /backwards/],
    ['a * * * *', /minute/],
    ['1,,2 * * * *', /not a valid item/],
  ])('rejects %s', (expr, message) => expect(cronProblem(expr)).toMatch(message));
});
