import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * True for addresses a tenant's webhook must not reach from inside our network: anything ipaddr.js
 * does not classify as plain public `unicast` (loopback, RFC 1918 and unique-local, link-local with
 * the cloud metadata service at 169.254.169.254, carrier-grade NAT, documentation, benchmarking,
 * multicast, broadcast, reserved). IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`
 * however written, e.g. the `::ffff:7f00:1` the URL parser turns `[::ffff:127.0.0.1]` into; NAT64,
 * 6to4, Teredo, SIIT) are refused outright rather than decoded: no webhook needs them, and each
 * decoding rule would be one more place to get wrong. Names (not addresses) answer false; their
 * resolved addresses are checked at connection time.
 */
export function isPrivateAddress(ip: string): boolean {
  if (!isIP(ip)) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(ip);
  } catch {
    return true; // node says it is an address but the classifier cannot read it: refuse, never guess
  }
  return parsed.range() !== 'unicast';
}
