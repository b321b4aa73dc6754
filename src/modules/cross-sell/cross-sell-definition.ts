import { z } from 'zod';
import { CROSS_SELL_KINDS, type CrossSellRule } from '../../core/cross-sell';

/** A cross-sell rule as a tenant file's `crossSell:` entry or `setCrossSellRule` gives it (see core validateCrossSellRule). */
export const crossSellRuleSchema = z.object({
  kind: z.enum(CROSS_SELL_KINDS),
  productCode: z.string().min(1).max(40),
  description: z.string().max(500).default(''),
  // The condition's shape is checked by the decisioning rules' validator, field by field.
  when: z.unknown(),
  amountMultiple: z.string().max(20).default('1'),
  termCount: z.number().int().nullable().default(null),
  validDays: z.number().int().default(30),
}).strict();

export type CrossSellRuleDefinition = CrossSellRule & { code: string };

export const asRule = (parsed: z.infer<typeof crossSellRuleSchema>): CrossSellRuleDefinition => ({ ...(parsed as CrossSellRule), code: parsed.kind });
