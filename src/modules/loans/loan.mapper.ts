import { Dec } from '../../core/money';
import type { LoanType } from './dto/loan.type';
import type { LoanEntity } from './loan.entity';

/** Money in the loan's own decimals (0 for JPY, 3 for KWD …). */
export const toLoanType = (l: LoanEntity): LoanType => {
  const d = (l.servicingTerms as { decimals?: number } | null)?.decimals ?? 2;
  return {
  id: l.id, applicationId: l.applicationId, borrowerId: l.borrowerId, productId: l.productId, productVersion: l.productVersion, currency: l.currency,
  principal: new Dec(l.principal).toFixed(d), netDisbursed: new Dec(l.netDisbursed).toFixed(d), annualRate: new Dec(l.annualRate).toFixed(), apr: new Dec(l.apr).toFixed(),
  status: l.status, disbursedAt: l.disbursedAt, dpd: l.dpd, bucket: l.bucket, nextDueDate: l.nextDueDate, agentId: l.agentId,
  restructuredFrom: l.restructuredFrom, restructuredInto: l.restructuredInto,
  };
};
