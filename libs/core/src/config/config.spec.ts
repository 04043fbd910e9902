import { ConfigError, DEFAULT_SECRETS, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working local defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toContain('127.0.0.1:5432');
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url' });
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DATABASE_URL',
        'PORT',
      ]);
    }
  });

  it('refuses default secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_ACCESS_SECRET/);
    const ok = loadConfig({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'a'.repeat(40),
      JWT_REFRESH_SECRET: 'b'.repeat(40),
      NIK_HMAC_SECRET: 'c'.repeat(40),
      API_KEY_PEPPER: 'd'.repeat(40),
    });
    expect(ok.NODE_ENV).toBe('production');
    expect(Object.values(DEFAULT_SECRETS)).not.toContain(ok.JWT_ACCESS_SECRET);
  });
});
