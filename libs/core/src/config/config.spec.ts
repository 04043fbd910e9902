import { ConfigError, loadConfig, PUBLISHED_SECRETS, SECRET_KEYS, TEST_SECRETS } from './config';

const OWN = {
  JWT_ACCESS_SECRET: 'a'.repeat(40),
  JWT_REFRESH_SECRET: 'b'.repeat(40),
  NIK_HMAC_SECRET: 'c'.repeat(40),
  API_KEY_PEPPER: 'd'.repeat(40),
};

describe('loadConfig', () => {
  it('gives working local defaults, and fixed secrets in tests only', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toContain('127.0.0.1:5432');
    expect(c.JWT_ACCESS_SECRET).toBe(TEST_SECRETS.JWT_ACCESS_SECRET);
    expect(c.METRICS_TOKEN).toBeUndefined();
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ NODE_ENV: 'test', PORT: 'abc', DATABASE_URL: 'not a url' });
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DATABASE_URL',
        'PORT',
      ]);
    }
  });

  it.each(['development', 'production'])('has no default secret in %s', (mode) => {
    try {
      loadConfig({ NODE_ENV: mode });
      throw new Error('expected failure');
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([...SECRET_KEYS].sort());
    }
    expect(loadConfig({ NODE_ENV: mode, ...OWN }).NODE_ENV).toBe(mode);
  });

  it.each(['development', 'production'])('refuses every published secret in %s', (mode) => {
    for (const key of [...SECRET_KEYS, 'METRICS_TOKEN']) {
      for (const published of PUBLISHED_SECRETS) {
        expect(() => loadConfig({ NODE_ENV: mode, ...OWN, [key]: published })).toThrow(new RegExp(`${key}: is a value published`));
      }
    }
  });

  it('refuses WEBHOOK_ALLOW_PRIVATE in production', () => {
    const secrets = {
      JWT_ACCESS_SECRET: 'a'.repeat(40),
      JWT_REFRESH_SECRET: 'b'.repeat(40),
      NIK_HMAC_SECRET: 'c'.repeat(40),
      API_KEY_PEPPER: 'd'.repeat(40),
    };
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE: 'true', ...secrets })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE/,
    );
    expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE: 'true' }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
  });
});
