import { z } from 'zod';
import { FREQUENCIES, type Frequency, MAX_OFFERED_TERM_COUNT } from '../../core/loan-math';
import { borrowerSchema } from '../borrowers';

/** submitApplication's input, validated before anything is written. */
export const submitSchema = z
  .object({
    borrowerId: z.string().uuid().optional(),
    borrower: borrowerSchema.optional(),
    bureauConsentTextVersion: z.string().max(60).optional(),
    productId: z.string().uuid(),
    amount: z.string().regex(/^(0|[1-9]\d{0,13})(\.\d{1,4})?$/, 'a positive amount such as "20000.00"').refine((v) => !/^0(\.0+)?$/.test(v), 'must be positive'),
    termCount: z.number().int().min(1).max(MAX_OFFERED_TERM_COUNT),
    frequency: z.enum(FREQUENCIES as [Frequency, ...Frequency[]]).optional(),
    purpose: z.string().max(500).optional(),
    deviceId: z.string().max(200).optional(),
    agentRef: z.string().max(200).optional(),
    referralCode: z.string().min(4).max(40).optional(),
    collateral: z
      .array(
        z.object({
          kind: z.enum(['GUARANTOR', 'INVENTORY_PLEDGE', 'RECEIVABLES_PLEDGE', 'VEHICLE', 'REAL_ESTATE']),
          description: z.string().min(1).max(500),
          valuation: z.string().regex(/^(0|[1-9]\d{0,13})(\.\d{1,4})?$/).optional(),
          guarantorName: z.string().max(200).optional(),
          documentHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest')).optional(),
        }).strict(),
      )
      .optional(),
  })
  .strict();

/** submitApplication's input as validated. */
export type SubmitInput = z.infer<typeof submitSchema>;
