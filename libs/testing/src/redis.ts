import Redis from 'ioredis';

/**
 * Deletes every key under `prefix` (queues, job schedulers, rate-limit counters). Job schedulers keep delayed jobs in
 * Redis forever: a finished test must not leave them behind.
 */
export async function deleteRedisKeys(prefix: string, url = 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
