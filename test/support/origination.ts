import { CREATE_PRODUCT, productTerms } from './products';
import type { TestApp } from './test-app';

let seq = 0;

/** A borrower input that the sandbox providers pass (unless the national ID's last four say otherwise). */
export function borrowerInput(overrides: Record<string, unknown> = {}) {
  seq++;
  return {
    kind: 'INDIVIDUAL',
    segment: 'CONSUMER',
    fullName: `Amina Wanjiku ${seq}`,
    nationalId: `${String(27000000 + seq * 7919).padStart(8, '0')}${String(1000 + seq).slice(-4)}`,
    dateOfBirth: '1988-04-12',
    phone: `+254 7${String(10000000 + seq * 104729).slice(-8)}`,
    email: `amina${seq}@example.co.ke`,
    region: 'Nairobi',
    industry: 'retail',
    monthlyIncome: '85000.00',
    monthlyObligations: '5000.00',
    bankAccount: `0110${String(seq).padStart(8, '0')}`,
    ...overrides,
  };
}

export const SUBMIT = `mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) {
    id status riskGrade score borrowerId
    decision { outcome reasons { code source description } checks { kind outcome summary } score rules appetite price tier }
    offer { amount apr annualRate totalCost netDisbursement validUntil schedule { number total } upfrontFees { deducted financed paidUpfront } fees { name kind } }
  }
}`;

/** A lender with a consumer product and a key per role; tiers and limits are left to each spec. */
export async function lenderWithProduct(app: TestApp) {
  const { slug, id: tenantId } = await app.createTenant();
  const admin = await app.apiKey(slug, 'LENDER_ADMIN');
  const product = (await app.gql(CREATE_PRODUCT, { code: 'CONSUMER-1', input: productTerms({ amountMax: '500000.00', rateBands: ['A', 'B', 'C', 'D', 'E'].map((grade, i) => ({ grade, annualRate: `0.${14 + i * 2}`, feeDiscount: '0' })), segmentOverrides: [] }) }, admin)).data!.createLoanProduct;
  return { slug, tenantId, admin, productId: product.id as string };
}

/** Approval tiers used by the origination specs: automatic small loans, a two-vote committee above 100,000, a credit officer otherwise. */
export async function setTieredApprovals(app: TestApp, admin: string) {
  const res = await app.gql(
    `mutation { setApprovalTiers(tiers: [
      { id: "small-auto", name: "Small loans", priority: 10, maxAmount: "50000", grades: ["A", "B", "C"], mode: AUTO },
      { id: "committee", name: "Credit committee", priority: 20, minAmount: "100000.01", mode: COMMITTEE, group: "credit-committee", quorum: 2, deadlineHours: 72 },
      { id: "officer", name: "Credit officer", priority: 30, mode: SINGLE }
    ]) { id mode } }`, {}, admin);
  if (res.errors) throw new Error(`setApprovalTiers failed: ${JSON.stringify(res.errors)}`);
  return res.data!.setApprovalTiers;
}

