/** `KOM/PANGAN/2026/000001` */
export function formatNumber(kind: 'KOM' | 'BAST', programCode: string, year: number, n: number): string {
  return `${kind}/${programCode}/${year}/${String(n).padStart(6, '0')}`;
}

/** Numbers run per program and calendar year in Jakarta time (WIB, UTC+7), where forms and handovers are signed. */
export function jakartaYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}
