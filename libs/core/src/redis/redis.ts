import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/**
 * A client that fails fast when Redis is away (no offline queue, one retry) so callers can degrade
 * instead of hanging a business request; it keeps reconnecting in the background.
 */
export function createRedis(url: string, name: string): Redis {
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  client.on('error', () => undefined);
  return client;
}
