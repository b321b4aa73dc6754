import type { CollectionPolicyDefinition, CollectionStage } from '../../core/collections';
import { Dec } from '../../core/money';
import type { SettlementRow } from '../loans';
import type { CaseRow } from './collection-case.service';
import type { StoredPolicy } from './collection-policy.service';
import type { ConductDefinition } from './collections-definition';
import type { CollectionCaseType, CollectionConductType, CollectionPolicyType, CollectionStageType, SettlementType } from './dto/collections.type';

export function toStageType(s: CollectionStage): CollectionStageType {
  return { ...s, escalateTo: s.escalateTo ?? null, actions: s.actions.map((a) => ({ channel: a.channel, everyDays: a.everyDays, templates: Object.entries(a.templates ?? {}).map(([locale, text]) => ({ locale, text })),
    agencyCode: a.agencyCode ?? null, placementDays: a.placementDays ?? null, commissionRate: a.commissionRate ?? null })) };
}

export function toPolicyType(p: StoredPolicy): CollectionPolicyType {
  const d: CollectionPolicyDefinition = p.definition;
  return { id: p.id, code: p.code, version: p.version, isCurrent: p.isCurrent, createdAt: p.createdAt, name: d.name, productCodes: d.productCodes, segments: d.segments, hardshipPauseDays: d.hardshipPauseDays, stages: d.stages.map(toStageType) };
}

export function toCaseType(c: CaseRow): CollectionCaseType {
  return { ...c, stage: toStageType(c.stage) };
}

export function toConductType(r: ConductDefinition): CollectionConductType {
  return {
    quietHours: r.quietHours, maxContactsPerDay: r.maxContactsPerDay, maxContactsPerWeek: r.maxContactsPerWeek, coolingOffDays: r.coolingOffDays, forbiddenWords: r.forbiddenWords,
    perChannel: Object.entries(r.perChannel).map(([channel, cap]) => ({ channel, perDay: cap?.perDay ?? null, perWeek: cap?.perWeek ?? null })),
    allowedChannelsByStage: Object.entries(r.allowedChannelsByStage).map(([stage, channels]) => ({ stage, channels })),
    messageProvider: r.messageProvider ?? 'SANDBOX',
    complaintDeadlines: Object.entries(r.complaintDeadlines ?? {}).map(([category, hours]) => ({ category, hours })),
  };
}

/** The API's conduct input in the shape of the tenant file's `conduct:` section. */
export function conductFromInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  // No quiet hours, asked for with null, as a window that closes as it opens.
  if (input.quietHours === null) out.quietHours = { start: '00:00', end: '00:00' };
  if (Array.isArray(input.perChannel)) out.perChannel = Object.fromEntries((input.perChannel as { channel: string; perDay?: number | null; perWeek?: number | null }[]).map((c) => [c.channel, { perDay: c.perDay ?? null, perWeek: c.perWeek ?? null }]));
  if (Array.isArray(input.allowedChannelsByStage)) out.allowedChannelsByStage = Object.fromEntries((input.allowedChannelsByStage as { stage: string; channels: string[] }[]).map((s) => [s.stage, s.channels]));
  if (Array.isArray(input.complaintDeadlines)) out.complaintDeadlines = Object.fromEntries((input.complaintDeadlines as { category: string; hours: number }[]).map((d) => [d.category, d.hours]));
  return out;
}

/** The API's policy input in the shape of the tenant file's `collections:` entries (templates by locale). */
export function policyFromInput(input: { stages?: { actions?: { templates?: { locale: string; text: string }[] | null }[] }[] } & Record<string, unknown>): Record<string, unknown> {
  return {
    ...input,
    stages: (input.stages ?? []).map((s) => ({
      ...s,
      actions: (s.actions ?? []).map((a) => ({ ...a, templates: a.templates ? Object.fromEntries(a.templates.map((t) => [t.locale, t.text])) : null })),
    })),
  };
}

/** A settlement agreement as the API shows it: its discount's share of what was owed and what is left to pay. */
export function toSettlementType(r: SettlementRow): SettlementType {
  const owed = new Dec(r.owed);
  const remaining = r.status === 'PAID' ? new Dec(0) : Dec.max(new Dec(r.amount).minus(r.paid), 0);
  return {
    ...r, discountShare: owed.isZero() ? '0' : new Dec(r.discount).div(owed).toDecimalPlaces(4).toFixed(), remaining: remaining.toFixed(new Dec(r.amount).decimalPlaces() || 0),
  } as SettlementType;
}
