import { addressVerdict, isBlockedAddress, webhookUrlProblem } from './address-policy';

/**
 * The webhook address policy as a table: every kind of address a receiver URL could name or resolve to, with the
 * verdict and the range it is judged by. Translated IPv6 forms are judged by the IPv4 address they carry.
 */
const REFUSED: [string, string][] = [
  // IPv4
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.5', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.3.4', 'private'],
  ['172.31.255.1', 'private'],
  ['192.168.0.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['100.64.1.1', 'carrierGradeNat'],
  ['100.127.255.254', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  ['224.0.0.251', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['192.88.99.1', 'reserved'],
  // IPv6
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['fd00::1', 'uniqueLocal'],
  ['fc00::abcd', 'uniqueLocal'],
  ['ff02::1', 'multicast'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['100::1', 'discard'],
  ['2001:db8::1', 'reserved'],
  ['2001:2::1', 'benchmarking'],
  ['3fff::1', 'reserved'],
  // IPv4-mapped, IPv4-translated, IPv4-compatible
  ['::ffff:127.0.0.1', 'ipv4Mapped of loopback'],
  ['::ffff:7f00:1', 'ipv4Mapped of loopback'],
  ['::ffff:10.1.2.3', 'ipv4Mapped of private'],
  ['::ffff:169.254.169.254', 'ipv4Mapped of linkLocal'],
  ['::ffff:0:127.0.0.1', 'rfc6145 of loopback'],
  ['::ffff:0:7f00:1', 'rfc6145 of loopback'],
  ['::ffff:0:192.168.1.1', 'rfc6145 of private'],
  ['::127.0.0.1', 'ipv4Compatible'],
  ['::7f00:1', 'ipv4Compatible'],
  ['::10.0.0.1', 'ipv4Compatible'],
  ['::8.8.8.8', 'ipv4Compatible'],
  // NAT64
  ['64:ff9b::7f00:1', 'rfc6052 of loopback'],
  ['64:ff9b::127.0.0.1', 'rfc6052 of loopback'],
  ['64:ff9b::a00:1', 'rfc6052 of private'],
  ['64:ff9b::a9fe:a9fe', 'rfc6052 of linkLocal'],
  ['64:ff9b::6440:101', 'rfc6052 of carrierGradeNat'],
  ['64:ff9b:1::a00:1', 'rfc6052'],
  // 6to4
  ['2002:7f00:1::', '6to4 of loopback'],
  ['2002:c0a8:101::', '6to4 of private'],
  ['2002:a00:1::1', '6to4 of private'],
  ['2002:a9fe:a9fe::', '6to4 of linkLocal'],
  // Teredo (server 65.54.227.120; client obfuscated by inverting its bits)
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo client of loopback'],
  ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'teredo client of private'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo client of reserved'],
  ['2001:0:7f00:1:8000:63bf:f7f7:f7f7', 'teredo server of loopback'],
  // not an address
  ['not-an-ip', 'not an IP address'],
  ['localhost', 'not an IP address'],
  ['0x7f.1', 'not an IP address'],
  ['2130706433', 'not an IP address'],
];

const ALLOWED: [string, string][] = [
  ['8.8.8.8', 'unicast'],
  ['1.1.1.1', 'unicast'],
  ['93.184.215.14', 'unicast'],
  ['172.32.0.1', 'unicast'],
  ['100.128.0.1', 'unicast'],
  ['11.0.0.1', 'unicast'],
  ['2606:4700:4700::1111', 'unicast'],
  ['2001:4860:4860::8888', 'unicast'],
  ['2a00:1450:4001:82a::200e', 'unicast'],
  ['::ffff:8.8.8.8', 'ipv4Mapped of unicast'],
  ['64:ff9b::808:808', 'rfc6052 of unicast'],
  ['2002:808:808::1', '6to4 of unicast'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'teredo client of unicast'],
];

describe('webhook address policy', () => {
  it('judges at least 50 addresses', () =>
    expect(REFUSED.length + ALLOWED.length).toBeGreaterThanOrEqual(50));

  it.each(REFUSED)('refuses %s (%s)', (address, range) => {
    expect(addressVerdict(address)).toEqual({ allowed: false, range });
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(ALLOWED)('allows %s (%s)', (address, range) => {
    expect(addressVerdict(address)).toEqual({ allowed: true, range });
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe('webhook URLs naming private addresses in unusual spellings', () => {
  const strict = { allowPrivate: false, requireHttps: false };
  it.each([
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:0:127.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[64:ff9b::a00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[2002:c0a8:101::]/',
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
    'http://[fe80::1]/',
    'http://[::1]:8080/hook',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses %s', async (url) => {
    expect(await webhookUrlProblem(url, strict)).toBe(
      'must not point to a private, loopback or link-local address',
    );
  });

  it.each(['http://8.8.8.8/hook', 'http://[2606:4700:4700::1111]/hook', 'http://[64:ff9b::808:808]/hook'])(
    'accepts %s',
    async (url) => expect(await webhookUrlProblem(url, strict)).toBeNull(),
  );
});
