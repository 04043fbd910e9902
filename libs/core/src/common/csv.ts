/**
 * One CSV field: quoted when needed; with `defuseFormula`, text a spreadsheet would run as a formula (`=`, `+`, `-`,
 * `@`, tab, CR at the start) gets a leading `'`.
 */
export function csvField(
  value: string | number | boolean | null | undefined,
  defuseFormula: boolean,
): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (defuseFormula && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
