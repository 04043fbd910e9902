import { addressKey, slowdownMs } from './login-throttle';

describe('login throttling', () => {
  it('slows an account only past its limit, doubling up to the ceiling', () => {
    expect([1, 10].map((n) => slowdownMs(n, 10, 3000))).toEqual([0, 0]);
    expect([11, 12, 13, 14, 15, 16, 100, 1e9].map((n) => slowdownMs(n, 10, 3000))).toEqual([
      100, 200, 400, 800, 1600, 3000, 3000, 3000,
    ]);
    expect(slowdownMs(50, 10, 0)).toBe(0);
  });

  it('counts IPv4 addresses as they are and IPv6 ones by their /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
