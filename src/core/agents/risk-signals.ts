import { Dec } from '../money';

export const RISK_SIGNALS = ['FIRST_PAYMENT_DEFAULTS', 'SHARED_DEVICE', 'SHARED_PHONE', 'SHARED_BANK_ACCOUNT', 'THRESHOLD_CLUSTER', 'SHARED_REPAYMENT_SOURCE'] as const;
export type RiskSignalKind = (typeof RISK_SIGNALS)[number];

/** The evidence about one agent's referred book that the signals are judged on. */
export interface AgentEvidence {
  /** Loans disbursed in the look-back, and those that defaulted on their first payment. */
  disbursed: number;
  firstPaymentDefaults: number;
  /** Groups of distinct referred borrowers sharing one device, phone, bank account or repayment source (its key and size). */
  shared: { kind: 'SHARED_DEVICE' | 'SHARED_PHONE' | 'SHARED_BANK_ACCOUNT' | 'SHARED_REPAYMENT_SOURCE'; key: string; borrowers: number }[];
  /** Applications in the look-back, and those asking just under (within 5% below) an approval threshold. */
  applications: number;
  justUnderThreshold: number;
}

export interface RiskSignal {
  kind: RiskSignalKind;
  /** What distinguishes this signal from another of its kind (the shared value's hash, or the kind). */
  key: string;
  detail: string;
}

/** How far above the tenant's rate, with how many defaults at least, before first-payment defaults are a signal. */
export const FPD_MULTIPLE = 2;
export const FPD_MIN_DEFAULTS = 3;
export const SHARED_MIN_BORROWERS = 3;
export const CLUSTER_MIN_APPLICATIONS = 5;
export const CLUSTER_SHARE = '0.5';

/**
 * The fraud signals an agent's evidence raises, against the tenant's first-payment-default rate:
 * defaults at least twice the tenant's rate (and at least three); three or more referred borrowers
 * sharing a device, phone, bank account or repayment source; half or more of at least five
 * applications just under an approval threshold.
 */
export function riskSignals(e: AgentEvidence, tenantFpdRate: string | null): RiskSignal[] {
  const out: RiskSignal[] = [];
  if (e.disbursed > 0 && e.firstPaymentDefaults >= FPD_MIN_DEFAULTS) {
    const rate = new Dec(e.firstPaymentDefaults).div(e.disbursed);
    const peers = tenantFpdRate === null ? new Dec(0) : new Dec(tenantFpdRate);
    if (rate.gte(peers.times(FPD_MULTIPLE))) {
      out.push({ kind: 'FIRST_PAYMENT_DEFAULTS', key: 'FIRST_PAYMENT_DEFAULTS', detail: `${e.firstPaymentDefaults} of ${e.disbursed} loans (${rate.times(100).toFixed(1)}%) defaulted on the first payment; the lender's book: ${peers.times(100).toFixed(1)}%` });
    }
  }
  for (const s of e.shared) {
    if (s.borrowers >= SHARED_MIN_BORROWERS) out.push({ kind: s.kind, key: `${s.kind}:${s.key}`, detail: `${s.borrowers} referred borrowers share one ${s.kind.replace('SHARED_', '').toLowerCase().replace(/_/g, ' ')}` });
  }
  if (e.applications >= CLUSTER_MIN_APPLICATIONS && new Dec(e.justUnderThreshold).div(e.applications).gte(CLUSTER_SHARE)) {
    out.push({ kind: 'THRESHOLD_CLUSTER', key: 'THRESHOLD_CLUSTER', detail: `${e.justUnderThreshold} of ${e.applications} applications ask for just under an approval threshold` });
  }
  return out;
}
