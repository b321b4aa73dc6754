import fc from 'fast-check';
import { DEFAULT_FRAUD_WEIGHTS, type FraudSignals, assessFraud } from './fraud';

const clean: FraudSignals = {
  sameNationalIdOtherBorrowers: 0,
  samePhoneOtherBorrowers: 0,
  sameDeviceOtherBorrowers: 0,
  sameBankAccountOtherBorrowers: 0,
  applicationsInWindow: 1,
  velocityLimit: 3,
  velocityWindowDays: 30,
  blacklistHits: [],
  mismatches: [],
};

describe('assessFraud', () => {
  it('has the agreed default weights', () => {
    expect(DEFAULT_FRAUD_WEIGHTS).toEqual({
      DUPLICATE_NATIONAL_ID: 60,
      DUPLICATE_PHONE: 30,
      DUPLICATE_DEVICE: 25,
      DUPLICATE_BANK_ACCOUNT: 40,
      VELOCITY: 35,
      BLACKLIST: 100,
      MISMATCH: 30,
    });
  });

  it.each<[string, Partial<FraudSignals>, number, string[]]>([
    ['a clean applicant', {}, 0, []],
    ['shared national id (counted once)', { sameNationalIdOtherBorrowers: 3 }, 60, ['DUPLICATE_NATIONAL_ID']],
    ['shared phone', { samePhoneOtherBorrowers: 1 }, 30, ['DUPLICATE_PHONE']],
    ['shared device', { sameDeviceOtherBorrowers: 2 }, 25, ['DUPLICATE_DEVICE']],
    ['shared bank account', { sameBankAccountOtherBorrowers: 1 }, 40, ['DUPLICATE_BANK_ACCOUNT']],
    ['at the velocity limit', { applicationsInWindow: 3 }, 0, []],
    ['over the velocity limit', { applicationsInWindow: 4 }, 35, ['VELOCITY']],
    ['blacklisted phone', { blacklistHits: ['PHONE'] }, 100, ['BLACKLIST_PHONE']],
    ['mismatches, normalised and de-duplicated', { mismatches: ['NAME', 'date of birth', 'DATE_OF_BIRTH'] }, 60, ['MISMATCH_NAME', 'MISMATCH_DATE_OF_BIRTH']],
    ['several signals add up, uncapped', { sameNationalIdOtherBorrowers: 1, blacklistHits: ['device', 'EMAIL'] }, 260, ['DUPLICATE_NATIONAL_ID', 'BLACKLIST_DEVICE', 'BLACKLIST_EMAIL']],
    ['blank entries are ignored', { blacklistHits: [' '], mismatches: [''] }, 0, []],
  ])('%s', (_name, s, score, codes) => {
    const r = assessFraud({ ...clean, ...s });
    expect(r.score).toBe(score);
    expect(r.hits.map((h) => h.code)).toEqual(codes);
  });

  it('explains each hit', () => {
    expect(assessFraud({ ...clean, samePhoneOtherBorrowers: 2, applicationsInWindow: 5, mismatches: ['NAME'] }).hits).toEqual([
      { code: 'DUPLICATE_PHONE', weight: 30, detail: 'phone number shared with 2 other borrowers' },
      { code: 'VELOCITY', weight: 35, detail: '5 applications in 30 days (limit 3)' },
      { code: 'MISMATCH_NAME', weight: 30, detail: 'declared NAME differs from verified' },
    ]);
  });

  it('takes tenant weights: exact codes before families before defaults', () => {
    const s = { ...clean, samePhoneOtherBorrowers: 1, blacklistHits: ['PHONE', 'EMAIL'], mismatches: ['NAME', 'DATE_OF_BIRTH'] };
    const r = assessFraud(s, { DUPLICATE_PHONE: 10, BLACKLIST_EMAIL: 50, MISMATCH: 5, MISMATCH_NAME: 20, VELOCITY: undefined });
    expect(r.hits.map((h) => [h.code, h.weight])).toEqual([
      ['DUPLICATE_PHONE', 10],
      ['BLACKLIST_PHONE', 100],
      ['BLACKLIST_EMAIL', 50],
      ['MISMATCH_NAME', 20],
      ['MISMATCH_DATE_OF_BIRTH', 5],
    ]);
    expect(r.score).toBe(185);
  });

  it('the score is the sum of hit weights and more signals never lower it', () => {
    const count = fc.integer({ min: 0, max: 5 });
    const signals = fc.record({
      sameNationalIdOtherBorrowers: count,
      samePhoneOtherBorrowers: count,
      sameDeviceOtherBorrowers: count,
      sameBankAccountOtherBorrowers: count,
      applicationsInWindow: count,
      velocityLimit: count,
      velocityWindowDays: fc.constant(30),
      blacklistHits: fc.subarray(['PHONE', 'EMAIL', 'DEVICE']),
      mismatches: fc.subarray(['NAME', 'DATE_OF_BIRTH']),
    });
    fc.assert(
      fc.property(signals, fc.constantFrom('PHONE', 'ADDRESS'), (s, extra) => {
        const r = assessFraud(s);
        expect(r.score).toBe(r.hits.reduce((sum, h) => sum + h.weight, 0));
        expect(assessFraud({ ...s, blacklistHits: [...s.blacklistHits, extra], samePhoneOtherBorrowers: s.samePhoneOtherBorrowers + 1 }).score).toBeGreaterThanOrEqual(r.score);
      }),
    );
  });
});
