// Which IP addresses a download may connect to: public unicast only. Everything a server-side
// request could abuse to reach our own network (SSRF) is refused.
import { BlockList, isIP } from 'node:net';

export interface AddressPolicyOptions {
  /** Tests only: allow 127.0.0.0/8 and ::1 (every other internal range stays refused). */
  allowLoopback?: boolean;
}

type Rule = [address: string, prefix: number];

function blockList(rules: Rule[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of rules) list.addSubnet(address, prefix, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

const LOOPBACK = 'a loopback address';

// Checked in order: the first match names the address. The specific ones (metadata) come before
// the ranges that contain them (link-local, CGNAT, unique-local).
const CATEGORIES: Array<{ kind: string; list: BlockList }> = [
  {
    kind: 'an unspecified address',
    list: blockList([
      ['0.0.0.0', 8],
      ['::', 128],
    ]),
  },
  {
    kind: LOOPBACK,
    list: blockList([
      ['127.0.0.0', 8],
      ['::1', 128],
    ]),
  },
  {
    // AWS/GCP/Azure/OpenStack (169.254.169.254), Alibaba (100.100.100.200), AWS over IPv6.
    kind: 'a cloud metadata address',
    list: blockList([
      ['169.254.169.254', 32],
      ['100.100.100.200', 32],
      ['fd00:ec2::254', 128],
    ]),
  },
  {
    kind: 'a private address',
    list: blockList([
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ]),
  },
  {
    kind: 'a link-local address',
    list: blockList([
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ]),
  },
  { kind: 'a carrier-grade NAT address', list: blockList([['100.64.0.0', 10]]) },
  { kind: 'a unique-local address', list: blockList([['fc00::', 7]]) },
  {
    kind: 'a multicast address',
    list: blockList([
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ]),
  },
  {
    // IANA special-purpose blocks: broadcast, protocol assignments, documentation, benchmarking,
    // 6to4 and Teredo relays (they tunnel to an IPv4 we cannot vet), IPv4-compatible IPv6,
    // local-use NAT64, discard-only, deprecated site-local.
    kind: 'a reserved address',
    list: blockList([
      ['240.0.0.0', 4], // includes 255.255.255.255
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['192.88.99.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['::', 96],
      ['64:ff9b:1::', 48],
      ['100::', 64],
      ['2001::', 23],
      ['2001:db8::', 32],
      ['2002::', 16],
      ['3fff::', 20],
      ['fec0::', 10],
    ]),
  },
];

// Forms of IPv6 that carry an IPv4 address in their last 32 bits and reach it: IPv4-mapped
// (::ffff:a.b.c.d, used by dual-stack sockets) and well-known NAT64 (64:ff9b::a.b.c.d).
const EMBEDS_IPV4 = blockList([
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
]);

/** The eight 16-bit groups of a valid IPv6 address (with or without a dotted IPv4 tail). */
function ipv6Groups(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

function embeddedIpv4(ip: string): string | null {
  if (!EMBEDS_IPV4.check(ip, 'ipv6')) return null;
  const g = ipv6Groups(ip);
  const hi = g[6] ?? 0;
  const lo = g[7] ?? 0;
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The kind of forbidden address (e.g. "a private address"), or null for public unicast. */
function forbiddenKind(address: string, family: 4 | 6, options: AddressPolicyOptions): string | null {
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner !== null) return forbiddenKind(inner, 4, options);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { kind, list } of CATEGORIES) {
    if (!list.check(address, type)) continue;
    return kind === LOOPBACK && options.allowLoopback ? null : kind;
  }
  return null;
}

/**
 * Why `ip` must not be connected to, as "10.0.0.5 is a private address", or null when it is a
 * public unicast address. Anything that is not an IP literal is refused too.
 */
export function forbiddenAddressReason(ip: string, options: AddressPolicyOptions = {}): string | null {
  const address = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // brackets, IPv6 zone id
  const family = isIP(address);
  if (family !== 4 && family !== 6) return `${ip} is not an IP address`;
  const kind = forbiddenKind(address, family, options);
  if (kind === null) return null;
  const inner = family === 6 ? embeddedIpv4(address) : null;
  return inner === null ? `${address} is ${kind}` : `${address} is ${kind} (IPv4 ${inner} inside IPv6)`;
}
