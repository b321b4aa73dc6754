import { type ContactAttempt, type ConductRules, DEFAULT_CONDUCT, checkContact, conductProblems, firstAllowedTime } from './conduct';
import { localTime } from './zoned-time';

const rules: ConductRules = { ...DEFAULT_CONDUCT, quietHours: { start: '21:00', end: '08:00' }, maxContactsPerDay: 3, maxContactsPerWeek: 5, perChannel: { CALL: { perDay: 2, perWeek: null } }, coolingOffDays: 14, forbiddenWords: ['jail', '坐牢'] };
const attempt = (over: Partial<ContactAttempt>): ContactAttempt => ({
  at: new Date('2026-03-10T04:00:00Z'), channel: 'CALL', party: 'BORROWER', partyConsented: false, disclosesDebt: false, text: null,
  timeZone: 'Asia/Shanghai', stageChannels: ['SMS', 'CALL'], previous: [], coolingOffUntil: null, ...over,
});

describe('conduct rules', () => {
  it('allows a call at noon on the borrower’s clock', () => {
    expect(checkContact(rules, attempt({}))).toEqual({ allowed: true });
  });

  it('refuses quiet hours on the borrower’s clock, not the lender’s, and says when they end', () => {
    // 13:30 UTC is 21:30 in Shanghai (quiet) and 16:30 in Nairobi (not).
    const at = new Date('2026-03-10T13:30:00Z');
    const shanghai = checkContact(rules, attempt({ at }));
    expect(shanghai).toMatchObject({ allowed: false, rule: 'QUIET_HOURS' });
    // Quiet hours end at 08:00 the next morning in Shanghai = 00:00 UTC.
    expect((shanghai as { allowedAt: Date }).allowedAt.toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(checkContact(rules, attempt({ at, timeZone: 'Africa/Nairobi' }))).toEqual({ allowed: true });
    // After midnight, still quiet until 08:00 the same day.
    const early = checkContact(rules, attempt({ at: new Date('2026-03-10T22:30:00Z') })); // 06:30 Shanghai on the 11th
    expect((early as { allowedAt: Date }).allowedAt.toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it('ends quiet hours at the right instant across a daylight-saving change', () => {
    // New York springs forward on 2026-03-08: 08:00 EDT is 12:00 UTC (EST would be 13:00).
    const v = checkContact(rules, attempt({ at: new Date('2026-03-08T06:00:00Z'), timeZone: 'America/New_York' })); // 01:00 EST
    expect((v as { allowedAt: Date }).allowedAt.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(localTime((v as { allowedAt: Date }).allowedAt, 'America/New_York')).toEqual({ date: '2026-03-08', minute: 8 * 60 });
  });

  it('caps contacts per local day and per channel, free again at the borrower’s midnight', () => {
    const calls = [new Date('2026-03-10T01:00:00Z'), new Date('2026-03-10T02:00:00Z')].map((at) => ({ at, channel: 'CALL' as const }));
    const third = checkContact(rules, attempt({ previous: calls }));
    expect(third).toMatchObject({ allowed: false, rule: 'CONTACT_CAP', message: 'At most 2 CALL contacts a day per borrower' });
    expect((third as { allowedAt: Date }).allowedAt.toISOString()).toBe('2026-03-10T16:00:00.000Z'); // midnight in Shanghai
    // An SMS is still allowed (2 of 3 for the day), a fourth contact of any channel is not.
    expect(checkContact(rules, attempt({ channel: 'SMS', previous: calls }))).toEqual({ allowed: true });
    const three = [...calls, { at: new Date('2026-03-10T03:00:00Z'), channel: 'SMS' as const }];
    expect(checkContact(rules, attempt({ channel: 'SMS', previous: three }))).toMatchObject({ rule: 'CONTACT_CAP', message: 'At most 3 contacts a day per borrower' });
    // Yesterday's (Shanghai) contacts do not count today, though the same UTC date.
    const yesterday = [new Date('2026-03-09T15:00:00Z'), new Date('2026-03-09T15:30:00Z')].map((at) => ({ at, channel: 'CALL' as const }));
    expect(checkContact(rules, attempt({ previous: yesterday }))).toEqual({ allowed: true });
  });

  it('caps contacts over seven days, free when the oldest drops out', () => {
    const five = [1, 2, 3, 4, 5].map((d) => ({ at: new Date(Date.UTC(2026, 2, 4 + d, 3)), channel: 'SMS' as const }));
    const v = checkContact(rules, attempt({ channel: 'SMS', at: new Date('2026-03-11T03:00:00Z'), previous: five }));
    expect(v).toMatchObject({ allowed: false, rule: 'CONTACT_CAP', message: 'At most 5 contacts in seven days per borrower' });
    expect((v as { allowedAt: Date }).allowedAt.toISOString()).toBe('2026-03-12T03:00:00.000Z');
  });

  it('refuses third parties: anyone but a guarantor or a consenting reference, and any disclosure of the debt', () => {
    expect(checkContact(rules, attempt({ party: 'OTHER' }))).toMatchObject({ rule: 'THIRD_PARTY', allowedAt: null });
    expect(checkContact(rules, attempt({ party: 'REFERENCE' }))).toMatchObject({ rule: 'THIRD_PARTY' });
    expect(checkContact(rules, attempt({ party: 'REFERENCE', partyConsented: true }))).toEqual({ allowed: true });
    expect(checkContact(rules, attempt({ party: 'GUARANTOR', disclosesDebt: true }))).toMatchObject({ rule: 'THIRD_PARTY' });
    expect(checkContact(rules, attempt({ party: 'GUARANTOR' }))).toEqual({ allowed: true });
  });

  it('refuses forbidden words, whole words in Latin script and anywhere in Chinese', () => {
    expect(checkContact(rules, attempt({ text: 'You will go to JAIL.' }))).toMatchObject({ rule: 'CONTENT', allowedAt: null });
    expect(checkContact(rules, attempt({ text: 'Please call Jailson' }))).toEqual({ allowed: true });
    expect(checkContact(rules, attempt({ text: '不还款就会坐牢' }))).toMatchObject({ rule: 'CONTENT' });
  });

  it('refuses a channel the stage does not allow, and contact while cooling off (until it ends)', () => {
    expect(checkContact(rules, attempt({ channel: 'FIELD_VISIT' }))).toMatchObject({ rule: 'CHANNEL_NOT_ALLOWED', allowedAt: null });
    const until = new Date('2026-03-20T00:00:00Z');
    expect(checkContact(rules, attempt({ coolingOffUntil: until }))).toMatchObject({ rule: 'COOLING_OFF', allowedAt: until });
  });

  it('finds the first allowed time past quiet hours and a full day', () => {
    // 22:00 Shanghai with the day's calls used up: quiet until 08:00, and the cap is fresh by then.
    const calls = [new Date('2026-03-10T01:00:00Z'), new Date('2026-03-10T02:00:00Z')].map((at) => ({ at, channel: 'CALL' as const }));
    expect(firstAllowedTime(rules, attempt({ at: new Date('2026-03-10T14:00:00Z'), previous: calls }))!.toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(firstAllowedTime(rules, attempt({ party: 'OTHER' }))).toBeNull();
  });

  it('names the field of each bad rule', () => {
    expect(conductProblems({ ...rules, quietHours: { start: '25:00', end: '8' }, maxContactsPerDay: -1, coolingOffDays: 1.5 }).map((p) => p.field))
      .toEqual(['quietHours.start', 'quietHours.end', 'maxContactsPerDay', 'coolingOffDays']);
  });
});
