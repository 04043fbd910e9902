import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a webhook may reach (SSRF): only public unicast ones, as ipaddr.js (a maintained list of the IANA
 * special-purpose registries) classifies them. Every other range it names is refused: loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unique-local, multicast, broadcast, unspecified, reserved,
 * documentation, benchmarking, discard, ORCHID, AS112, AMT, segment routing...
 *
 * IPv6 forms that carry an IPv4 address are judged by that IPv4 address: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-
 * translated (`::ffff:0:a.b.c.d`, RFC 6145), NAT64 well-known prefix (`64:ff9b::/96`, RFC 6052), 6to4 (`2002::/16`,
 * the IPv4 in bits 16–48) and Teredo (`2001::/32`, its server and its obfuscated client address). The deprecated
 * IPv4-compatible form (`::a.b.c.d`, `::/96`) and the local-use NAT64 prefix (`64:ff9b:1::/48`) are refused outright.
 */
export type AddressVerdict = { allowed: true; range: string } | { allowed: false; range: string };

const ipv4Of = (hi: number, lo: number): ipaddr.IPv4 =>
  new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);

function ipv4Verdict(v4: ipaddr.IPv4, via?: string): AddressVerdict {
  const range = v4.range();
  const named = via ? `${via} of ${range}` : range;
  return range === 'unicast' ? { allowed: true, range: named } : { allowed: false, range: named };
}

function ipv6Verdict(v6: ipaddr.IPv6): AddressVerdict {
  const p = v6.parts;
  const range = v6.range();
  switch (range) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return ipv4Verdict(ipv4Of(p[6], p[7]), range);
    case 'rfc6052':
      // Only the well-known /96 carries the IPv4 address in the last 32 bits; 64:ff9b:1::/48 is local-use.
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0
        ? ipv4Verdict(ipv4Of(p[6], p[7]), range)
        : { allowed: false, range };
    case '6to4':
      return ipv4Verdict(ipv4Of(p[1], p[2]), range);
    case 'teredo': {
      const server = ipv4Verdict(ipv4Of(p[2], p[3]), 'teredo server');
      const client = ipv4Verdict(ipv4Of(~p[6] & 0xffff, ~p[7] & 0xffff), 'teredo client');
      if (!server.allowed) return server;
      return client;
    }
    case 'unicast':
      // ::/96 other than :: and ::1 (those have their own ranges): the deprecated IPv4-compatible form.
      if (p.slice(0, 6).every((x) => x === 0)) return { allowed: false, range: 'ipv4Compatible' };
      return { allowed: true, range };
    default:
      return { allowed: false, range };
  }
}

/** The verdict on one IP address (as written by DNS or by a URL parser); anything that is not an IP is refused. */
export function addressVerdict(address: string): AddressVerdict {
  const family = isIP(address);
  if (family === 0) return { allowed: false, range: 'not an IP address' };
  if (family === 4) return ipv4Verdict(ipaddr.IPv4.parse(address));
  return ipv6Verdict(ipaddr.IPv6.parse(withHexTail(address)));
}

/**
 * `::a.b.c.d` written with its IPv4 tail in hex (`::hhhh:hhhh`): ipaddr.js reads a dotted tail after `::` as
 * IPv4-mapped (`::ffff:a.b.c.d`), which would let the IPv4-compatible `::127.0.0.1` pass for a mapped address.
 */
function withHexTail(address: string): string {
  return address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)(%.*)?$/, (_, a, b, c, d, zone = '') => {
    const [o1, o2, o3, o4] = [a, b, c, d].map(Number);
    return `${((o1 << 8) | o2).toString(16)}:${((o3 << 8) | o4).toString(16)}${zone}`;
  });
}

/** Whether an IP address is not a public unicast address. Anything that is not an IP counts as blocked. */
export function isBlockedAddress(address: string): boolean {
  return !addressVerdict(address).allowed;
}

export interface UrlPolicy {
  allowPrivate: boolean;
  requireHttps: boolean;
}

/** Why a webhook URL is refused, or null when it is acceptable. Resolves the host and checks every address. */
export async function webhookUrlProblem(raw: string, policy: UrlPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && (policy.requireHttps || url.protocol !== 'http:')) {
    return policy.requireHttps ? 'must use https' : 'must use http or https';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (policy.allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return 'host name does not resolve';
  }
  if (addresses.length === 0) return 'host name does not resolve';
  return addresses.some(isBlockedAddress)
    ? 'must not point to a private, loopback or link-local address'
    : null;
}
