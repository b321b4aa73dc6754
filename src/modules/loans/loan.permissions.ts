import { allow } from 'graphql-shield';
import { hasRole } from '../../platform/graphql/shield-rules';

const READ = hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'BORROWER');
/**
 * A borrower reads its loan's terms, schedule, balances, payments and statements; the lender's books
 * (journal, ledger balances, receivables), its event log and the referring agent are the staff's.
 * A hidden field answers FORBIDDEN.
 */
const BOOKS = hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST');

export const loanPermissions = {
  Query: {
    // An agent's key reads the loans its referrals became (status, DPD, bucket, not the books); see loan-books.
    loan: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'BORROWER', 'AGENT'),
    loans: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR', 'ANALYST', 'BORROWER', 'AGENT'),
    payoffQuote: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR', 'BORROWER'),
    trialBalance: hasRole('LENDER_ADMIN', 'ANALYST'),
    loanStatement: READ,
    creditLine: READ,
    creditLines: READ,
  },
  Mutation: {
    recordRepayment: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR'),
    settleLoan: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR'),
    reverseTransaction: hasRole('LENDER_ADMIN', 'SERVICER'),
    chargeFee: hasRole('LENDER_ADMIN', 'SERVICER'),
    waive: hasRole('LENDER_ADMIN', 'SERVICER'),
    writeOffLoan: hasRole('LENDER_ADMIN'),
    restructureLoan: hasRole('LENDER_ADMIN', 'SERVICER'),
    refreshBureauReport: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR'),
    refundCredit: hasRole('LENDER_ADMIN', 'SERVICER'),
    drawOnCreditLine: hasRole('LENDER_ADMIN', 'SERVICER', 'BORROWER'),
    setCreditLineLimit: hasRole('LENDER_ADMIN', 'UNDERWRITER'),
    freezeCreditLine: hasRole('LENDER_ADMIN', 'UNDERWRITER', 'COLLECTOR'),
    recordRecovery: hasRole('LENDER_ADMIN', 'SERVICER', 'COLLECTOR'),
  },
  Loan: { '*': allow, journal: BOOKS, events: BOOKS, agentId: BOOKS },
  LoanProductRef: allow,
  LoanInstallment: allow,
  LoanAmounts: allow,
  LoanBalances: { '*': allow, ledger: BOOKS, receivable: BOOKS },
  LoanReceivables: allow,
  LoanTransaction: allow,
  LoanEvent: allow,
  JournalEntry: allow,
  Allocation: allow,
  InstallmentAllocation: allow,
  RepaymentResult: allow,
  PayoffQuote: allow,
  TrialBalance: allow,
  TrialBalanceLine: allow,
  CreditLine: allow,
  LoanStatement: allow,
  BureauRefresh: allow,
  StatementLine: allow,
};
