import type { ResolvedCap } from '../../core/pricing/rate-cap';
import { Dec } from '../../core/money';
import type { RateCapRuleEntity, ReferenceRateEntity } from './pricing.entity';
import type { RateCapKindEnum, RateCapRuleType, RateCapType, ReferenceRateType } from './dto/pricing.type';

/** NUMERIC columns come back padded ("0.03000000"); the API shows the plain value. */
const plain = (v: string | null) => (v === null ? null : new Dec(v).toFixed());

export const toReferenceRateType = (r: Pick<ReferenceRateEntity, 'name' | 'effectiveFrom' | 'rate'>): ReferenceRateType => ({
  name: r.name, effectiveFrom: r.effectiveFrom, rate: plain(r.rate)!,
});

export const toRateCapRuleType = (r: RateCapRuleEntity): RateCapRuleType => ({
  id: r.id, jurisdiction: r.jurisdiction, effectiveFrom: r.effectiveFrom, kind: r.kind as RateCapKindEnum,
  rate: plain(r.rate), referenceName: r.referenceName, multiple: plain(r.multiple), aprConvention: r.aprConvention,
});

export const toRateCapType = (c: ResolvedCap): RateCapType => ({
  cap: c.cap, jurisdiction: c.rule.jurisdiction, description: c.description, aprConvention: c.rule.aprConvention,
  reference: c.reference ? toReferenceRateType(c.reference) : null,
});
