import fc from 'fast-check';
import { afterAttempt, isEventTypePattern, isPrivateAddress, matchesEventTypes, retryDelayMs, signPayload, signatureHeader, verifySignature } from '.';

describe('webhook signatures', () => {
  const secret = 'whsec_test_secret';
  const body = '{"id":"e1","type":"loan.repayment_posted"}';

  it('signs `<t>.<body>` with HMAC-SHA256 (known vector)', () => {
    // echo -n '1700000000.{"id":"e1","type":"loan.repayment_posted"}' | openssl dgst -sha256 -hmac whsec_test_secret
    expect(signPayload(secret, 1700000000, body)).toBe('46a967254003c9aa7a79d55ddba5dd8317ed7911bd4b6c4fc68bca9af58de2f6');
  });

  it('verifies its own header and rejects tampering, another secret, stale timestamps and garbage', () => {
    const t = 1_700_000_000;
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(secret, header, body, t + 10)).toBe(true);
    expect(verifySignature(secret, header, body.replace('e1', 'e2'), t + 10)).toBe(false);
    expect(verifySignature('whsec_other', header, body, t + 10)).toBe(false);
    expect(verifySignature(secret, header, body, t + 301)).toBe(false);
    expect(verifySignature(secret, undefined, body, t)).toBe(false);
    expect(verifySignature(secret, 't=abc,v1=zz', body, t)).toBe(false);
    expect(verifySignature(secret, `t=${t},v1=${'0'.repeat(64)},v1=${signPayload(secret, t, body)}`, body, t)).toBe(true);
  });

  it('never verifies a body it did not sign (property)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      fc.pre(a !== b);
      return !verifySignature(secret, signatureHeader(secret, 1, a), b, 1);
    }));
  });
});

describe('event type filters', () => {
  it.each([
    [[], 'loan.disbursed', true],
    [['*'], 'application.approved', true],
    [['loan.*'], 'loan.bucket_changed', true],
    [['loan.*'], 'loanx.bucket_changed', false],
    [['loan.*'], 'application.approved', false],
    [['loan.repayment_posted'], 'loan.repayment_posted', true],
    [['loan.repayment_posted'], 'loan.repayment_posted_late', false],
    [['application.approved', 'loan.*'], 'loan.written_off', true],
  ])('%j matches %s: %s', (patterns, type, expected) => {
    expect(matchesEventTypes(patterns as string[], type)).toBe(expected);
  });

  it.each([['*', true], ['loan.*', true], ['loan.repayment_posted', true], ['Loan.*', false], ['loan', false], ['loan.*.x', false], ['', false]])(
    'pattern %j is valid: %s', (p, ok) => expect(isEventTypePattern(p)).toBe(ok));
});

describe('delivery retries', () => {
  const opts = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };
  it('backs off exponentially and caps', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(retryDelayMs(10_000, 1000, 60_000)).toBe(60_000);
  });
  it('delivers on success, retries below the limit, gives up at it', () => {
    expect(afterAttempt(true, 5, opts)).toEqual({ status: 'DELIVERED' });
    expect(afterAttempt(false, 2, opts)).toEqual({ status: 'PENDING', retryInMs: 2000 });
    expect(afterAttempt(false, 5, opts)).toEqual({ status: 'FAILED' });
  });
});

describe('addresses a webhook may not reach', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true], ['172.32.0.1', false], ['192.168.1.1', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true], ['8.8.8.8', false], ['52.1.2.3', false],
    ['::1', true], ['::', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['2606:4700::1111', false],
    // IPv4 inside IPv6, however written (the URL parser turns [::ffff:127.0.0.1] into ::ffff:7f00:1): refused.
    ['::ffff:7f00:1', true], ['::ffff:a9fe:a9fe', true], ['::ffff:a00:1', true], ['0:0:0:0:0:ffff:7f00:1', true], ['::FFFF:7F00:1', true],
    ['::ffff:8.8.8.8', true], ['64:ff9b::7f00:1', true], ['2002:7f00:1::', true], ['::127.0.0.1', true],
    ['192.0.2.1', true], ['198.18.0.1', true], ['255.255.255.255', true], ['2001:db8::1', true], ['fe80::1%eth0', true],
    ['not an ip', false], ['hooks.example.com', false],
  ])('%s is private: %s', (ip, expected) => expect(isPrivateAddress(ip)).toBe(expected));
});
