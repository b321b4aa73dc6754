/** English: the key every other language follows. */
export const en = {
  app: { title: 'microlend console', signOut: 'Sign out', language: 'Language' },
  nav: { products: 'Products' },
  login: {
    title: 'Sign in', tenant: 'Lender (tenant slug)', email: 'Email', password: 'Password', submit: 'Sign in',
    failed: 'Those credentials were not accepted.',
  },
  products: {
    title: 'Loan products', new: 'New product', code: 'Code', name: 'Name', segment: 'Segment', currency: 'Currency', status: 'Status', version: 'Version',
    none: 'No products yet.', search: 'Search by code or name', versions: 'Versions', compare: 'Terms side by side', maxApr: 'Highest APR',
  },
  editor: {
    create: 'Create product', revise: 'Save new version', terms: 'Terms', amountMin: 'Smallest amount', amountMax: 'Largest amount',
    termMin: 'Fewest instalments', termMax: 'Most instalments', frequency: 'Frequency', amortization: 'Amortization', dayCount: 'Day count',
    rate: 'Annual rate (grade A)', upfrontFee: 'Upfront fee (share of principal)', decimals: 'Decimals', created: 'Product {{code}} created.',
  },
  preview: {
    title: 'Schedule preview', principal: 'Principal', term: 'Instalments', number: 'No.', dueDate: 'Due', principalCol: 'Principal', interest: 'Interest',
    fees: 'Fees', total: 'Total', balance: 'Balance', apr: 'APR', totalPayable: 'Total payable', netDisbursement: 'Net disbursement',
    withinCap: 'Within the rate cap ({{cap}})', overCap: 'APR {{apr}} is over the cap of {{cap}}: {{description}}', noCap: 'No rate cap applies',
  },
  errors: {
    RATE_CAP_EXCEEDED: 'The all-in APR would be over the jurisdiction’s rate cap: lower the rate or the fees, or lengthen the term.',
    BAD_USER_INPUT: 'A value is not accepted.',
    FORBIDDEN: 'Your roles do not allow this.',
    UNAUTHENTICATED: 'Sign in again: the session has ended.',
    CONFLICT: 'Someone changed this at the same time: reload and try again.',
    NOT_FOUND: 'It no longer exists.',
    default: 'The request failed.',
    field: 'Field: {{field}}',
  },
};

export type Messages = typeof en;
