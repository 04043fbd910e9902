import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'granted' | 'off' | 'refused';

/**
 * Who may read `/metrics` (API and worker): nobody while METRICS_TOKEN is unset (the endpoint is off: 404), otherwise
 * only a request with `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time; anything else: 401).
 */
export function metricsAccess(authorization: string | string[] | undefined, token: string | undefined): MetricsAccess {
  if (!token) return 'off';
  const given = typeof authorization === 'string' ? /^Bearer +(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  if (!given) return 'refused';
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token)) ? 'granted' : 'refused';
}
