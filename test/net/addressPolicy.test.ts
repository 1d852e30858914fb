// Which addresses downloads may reach: public unicast only, loopback only when a test says so.
import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason } from '../../src/render/net/addressPolicy.js';

describe('forbiddenAddressReason', () => {
  it('allows public unicast addresses', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(forbiddenAddressReason(ip), ip).toBeNull();
    }
  });

  it('names the kind of every internal or special address', () => {
    const cases: Record<string, string> = {
      '10.0.0.5': '10.0.0.5 is a private address',
      '172.16.0.1': '172.16.0.1 is a private address',
      '192.168.1.1': '192.168.1.1 is a private address',
      '127.0.0.1': '127.0.0.1 is a loopback address',
      '127.8.9.10': '127.8.9.10 is a loopback address',
      '::1': '::1 is a loopback address',
      '0.0.0.0': '0.0.0.0 is an unspecified address',
      '::': ':: is an unspecified address',
      '169.254.169.254': '169.254.169.254 is a cloud metadata address',
      '100.100.100.200': '100.100.100.200 is a cloud metadata address',
      'fd00:ec2::254': 'fd00:ec2::254 is a cloud metadata address',
      '169.254.10.1': '169.254.10.1 is a link-local address',
      'fe80::1': 'fe80::1 is a link-local address',
      'fe80::1%eth0': 'fe80::1 is a link-local address',
      '100.64.0.1': '100.64.0.1 is a carrier-grade NAT address',
      'fd00::1': 'fd00::1 is a unique-local address',
      'fc12::1': 'fc12::1 is a unique-local address',
      '224.0.0.1': '224.0.0.1 is a multicast address',
      'ff02::1': 'ff02::1 is a multicast address',
      '255.255.255.255': '255.255.255.255 is a reserved address',
      '192.0.2.1': '192.0.2.1 is a reserved address',
      '2001:db8::1': '2001:db8::1 is a reserved address',
      '2002:a00:1::1': '2002:a00:1::1 is a reserved address', // 6to4 to 10.0.0.1
      '::10.0.0.1': '::10.0.0.1 is a reserved address', // IPv4-compatible
      '::ffff:10.0.0.1': '::ffff:10.0.0.1 is a private address (IPv4 10.0.0.1 inside IPv6)',
      '::ffff:a9fe:a9fe': '::ffff:a9fe:a9fe is a cloud metadata address (IPv4 169.254.169.254 inside IPv6)',
      '::ffff:127.0.0.1': '::ffff:127.0.0.1 is a loopback address (IPv4 127.0.0.1 inside IPv6)',
      '64:ff9b::c0a8:101': '64:ff9b::c0a8:101 is a private address (IPv4 192.168.1.1 inside IPv6)',
      '[fd00::1]': 'fd00::1 is a unique-local address',
      'example.com': 'example.com is not an IP address',
    };
    for (const [ip, reason] of Object.entries(cases)) expect(forbiddenAddressReason(ip), ip).toBe(reason);
  });

  it('allowLoopback allows 127.0.0.0/8 and ::1 but nothing else internal', () => {
    const allowLoopback = true;
    for (const ip of ['127.0.0.1', '127.255.0.3', '::1']) expect(forbiddenAddressReason(ip, { allowLoopback }), ip).toBeNull();
    for (const ip of ['10.0.0.1', '169.254.169.254', '192.168.1.1', '::ffff:10.0.0.1', 'fd00::1', '0.0.0.0', '::']) {
      expect(forbiddenAddressReason(ip, { allowLoopback }), ip).not.toBeNull();
    }
  });
});
