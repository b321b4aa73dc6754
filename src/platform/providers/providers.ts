import { createHash } from 'node:crypto';
import type { RequestContext } from '../tenancy/request-context';
import { assertNoOpenTransaction } from '../tenancy/transaction-scope';

/** Whom the identity check and the bureau are asked about: a person as recorded, the national ID in clear. */
export interface Applicant {
  fullName: string;
  nationalId: string;
  dateOfBirth: string | null;
}

/** Identity verification: document, liveness and face match (a real KYC vendor sits behind this). */
export interface KycProvider {
  readonly name: string;
  verify(req: Applicant): Promise<KycResult>;
}
export interface KycResult {
  reference: string;
  documentVerified: boolean;
  livenessPassed: boolean;
  /** 0..1 */
  faceMatchScore: string;
  verifiedName: string;
  verifiedDateOfBirth: string | null;
}

/** A credit bureau report: multi-lending, delinquency, enquiries, repayments (central-bank or commercial bureau). */
export interface BureauProvider {
  readonly name: string;
  pull(req: { nationalId: string; fullName: string }): Promise<BureauReport>;
}
export interface BureauReport {
  reference: string;
  openLoans: { lender: string; balance: string; monthlyRepayment: string; daysPastDue: number }[];
  worstDelinquencyDays: number;
  enquiries90d: number;
  totalMonthlyRepayments: string;
  totalOpenBalance: string;
}

/** Money out (disbursements) and, later, in. `idempotencyKey` makes a retried call a no-op at the provider. */
export interface PaymentsProvider {
  readonly name: string;
  disburse(req: { amount: string; currency: string; beneficiary: string; reference: string; idempotencyKey: string }): Promise<{ reference: string; status: 'SUCCEEDED' | 'PENDING' }>;
}

/**
 * Disbursements as booking sees them: a payout queued in the booking's transaction (a PENDING
 * payment row) and paid by a job after commit, through the tenant's own Stripe account when the
 * borrower has a connected account, else the default provider. Never a provider call in the transaction.
 */
export interface TenantPaymentsProvider {
  queueDisbursement(ctx: RequestContext, req: { amount: string; currency: string; loanId: string; borrowerId: string; idempotencyKey: string }): Promise<{ paymentId: string; reference: string }>;
}

export interface Providers {
  kyc: KycProvider;
  bureau: BureauProvider;
  payments: PaymentsProvider;
}

/**
 * The providers with the network guard in front of every call (see transaction-scope): a call made
 * while the caller's transaction is open is refused (a rejected promise) before it leaves, in
 * development and tests, as the Stripe clients' and webhook POSTs are. The sandboxes answer
 * in-process, but are called as a real vendor would be, so a path that asks one inside a transaction
 * fails its specs here rather than holding a connection and its locks for a vendor's seconds in production.
 */
export function guardedProviders(providers: Providers): Providers {
  const { kyc, bureau, payments } = providers;
  return {
    kyc: { name: kyc.name, verify: async (req) => (assertNoOpenTransaction(`the KYC provider ${kyc.name}`), kyc.verify(req)) },
    bureau: { name: bureau.name, pull: async (req) => (assertNoOpenTransaction(`the credit bureau ${bureau.name}`), bureau.pull(req)) },
    payments: { name: payments.name, disburse: async (req) => (assertNoOpenTransaction(`the payments provider ${payments.name}`), payments.disburse(req)) },
  };
}

/** A stable pseudo-random number in [0, n) from a string, so sandbox answers repeat for the same person. */
function draw(seed: string, salt: string, n: number): number {
  return createHash('sha256').update(`${salt}:${seed}`).digest().readUInt32BE(0) % n;
}

/**
 * The built-in sandbox providers of the embedded default: deterministic, real-looking answers.
 * Test identities (last four characters of the national ID):
 *   0000 liveness fails · 1111 document not verified · 8888 six open loans (multi-lending) ·
 *   9999 a loan 120 days past due · 7777 nine bureau enquiries in 90 days.
 */
export function sandboxProviders(): Providers {
  return {
    kyc: {
      name: 'sandbox-kyc',
      async verify({ fullName, nationalId, dateOfBirth }) {
        const tail = nationalId.slice(-4);
        return {
          reference: `kyc_${createHash('sha256').update(nationalId).digest('hex').slice(0, 16)}`,
          documentVerified: tail !== '1111',
          livenessPassed: tail !== '0000',
          faceMatchScore: tail === '0000' ? '0.41' : `0.9${draw(nationalId, 'face', 9)}`,
          verifiedName: fullName,
          verifiedDateOfBirth: dateOfBirth,
        };
      },
    },
    bureau: {
      name: 'sandbox-bureau',
      async pull({ nationalId }) {
        const tail = nationalId.slice(-4);
        const count = tail === '8888' ? 6 : draw(nationalId, 'loans', 3);
        const openLoans = Array.from({ length: count }, (_, i) => {
          const balance = 2000 + draw(nationalId, `bal${i}`, 30) * 1000;
          return { lender: `Lender ${String.fromCharCode(65 + i)}`, balance: `${balance}.00`, monthlyRepayment: `${Math.round(balance / 12)}.00`, daysPastDue: tail === '9999' && i === 0 ? 120 : 0 };
        });
        if (tail === '9999' && openLoans.length === 0) openLoans.push({ lender: 'Lender A', balance: '5000.00', monthlyRepayment: '450.00', daysPastDue: 120 });
        const sum = (f: 'balance' | 'monthlyRepayment') => openLoans.reduce((acc, l) => acc + BigInt(l[f].replace('.', '')), 0n);
        const fmt = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        return {
          reference: `bureau_${createHash('sha256').update(`b:${nationalId}`).digest('hex').slice(0, 16)}`,
          openLoans,
          worstDelinquencyDays: Math.max(0, ...openLoans.map((l) => l.daysPastDue)),
          enquiries90d: tail === '7777' ? 9 : draw(nationalId, 'enq', 3),
          totalMonthlyRepayments: fmt(sum('monthlyRepayment')),
          totalOpenBalance: fmt(sum('balance')),
        };
      },
    },
    payments: {
      name: 'sandbox-payments',
      async disburse({ idempotencyKey }) {
        return { reference: `po_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 20)}`, status: 'SUCCEEDED' };
      },
    },
  };
}
