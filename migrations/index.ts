import { PlatformFoundation1764300000000 } from './1764300000000-platform-foundation';
import { ProductsAndPricing1764400000000 } from './1764400000000-products-and-pricing';
import { Origination1764500000000 } from './1764500000000-origination';
import { Servicing1764600000000 } from './1764600000000-servicing';
import { CloseOfBusiness1764700000000 } from './1764700000000-close-of-business';
import { CreditLines1764800000000 } from './1764800000000-credit-lines';
import { Restructure1764900000000 } from './1764900000000-restructure';
import { OutboxAndWebhooks1765000000000 } from './1765000000000-outbox-and-webhooks';
import { Payments1765100000000 } from './1765100000000-payments';
import { UsageBilling1765200000000 } from './1765200000000-usage-billing';
import { CobPartitions1765400000000 } from './1765400000000-cob-partitions';
import { CitusDistribution1765500000000 } from './1765500000000-citus-distribution';
import { RateLimits1765600000000 } from './1765600000000-rate-limits';
import { AuthLookupsPlpgsql1765700000000 } from './1765700000000-auth-lookups-plpgsql';
import { AuditLanes1765800000000 } from './1765800000000-audit-lanes';
import { LprHistory1765900000000 } from './1765900000000-lpr-history';
import { AccrualState1766100000000 } from './1766100000000-accrual-state';
import { Approvals1766300000000 } from './1766300000000-approvals';
import { SettlementTransactions1766400000000 } from './1766400000000-settlement-transactions';
import { LoginLockout1766500000000 } from './1766500000000-login-lockout';
import { CostBudgets1766600000000 } from './1766600000000-cost-budgets';
import { BorrowerFrontEnd1766620000000 } from './1766620000000-borrower-front-end';
import { ReplaySnapshots1766630000000 } from './1766630000000-replay-snapshots';
import { ReplaySnapshotValidity1766640000000 } from './1766640000000-replay-snapshot-validity';
import { PayoutsOutOfTransaction1766650000000 } from './1766650000000-payouts-out-of-transaction';
import { CredentialEpoch1766655000000 } from './1766655000000-credential-epoch';

/** Every migration, in order. Listed explicitly so the same list runs from ts (dev, tests) and js (image). */
export const migrations = [PlatformFoundation1764300000000, ProductsAndPricing1764400000000, Origination1764500000000, Servicing1764600000000, CloseOfBusiness1764700000000, CreditLines1764800000000, Restructure1764900000000, OutboxAndWebhooks1765000000000, Payments1765100000000, UsageBilling1765200000000, CobPartitions1765400000000, CitusDistribution1765500000000, RateLimits1765600000000, AuthLookupsPlpgsql1765700000000, AuditLanes1765800000000, LprHistory1765900000000, AccrualState1766100000000, Approvals1766300000000, SettlementTransactions1766400000000, LoginLockout1766500000000, CostBudgets1766600000000, BorrowerFrontEnd1766620000000, ReplaySnapshots1766630000000, ReplaySnapshotValidity1766640000000, PayoutsOutOfTransaction1766650000000, CredentialEpoch1766655000000];
