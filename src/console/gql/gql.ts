/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n": typeof types.ConsoleLoginDocument,
    "\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n": typeof types.ConsoleCreateProductDocument,
    "\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n": typeof types.ConsoleProductsDocument,
    "\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n": typeof types.ConsoleProductVersionsDocument,
    "\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n": typeof types.ConsoleSchedulePreviewDocument,
    "\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n": typeof types.ConsoleViewerDocument,
};
const documents: Documents = {
    "\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n": types.ConsoleLoginDocument,
    "\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n": types.ConsoleCreateProductDocument,
    "\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n": types.ConsoleProductsDocument,
    "\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n": types.ConsoleProductVersionsDocument,
    "\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n": types.ConsoleSchedulePreviewDocument,
    "\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n": types.ConsoleViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n"): (typeof documents)["\n  mutation ConsoleLogin($input: LoginInput!) {\n    login(input: $input) { token expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {\n    createLoanProduct(code: $code, input: $input) { id code currentVersion }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n"): (typeof documents)["\n  query ConsoleProducts($search: String) {\n    loanProducts(search: $search, first: 100) { nodes { id code name segment currency status currentVersion } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleProductVersions($id: ID!) {\n    loanProduct(id: $id) {\n      id code name currency\n      versions { version createdAt maxApr terms { amountMin amountMax termMin termMax frequencies amortization dayCount rateBands { grade annualRate } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSchedulePreview($input: SchedulePreviewInput!) {\n    previewSchedule(input: $input) {\n      currency apr totalInterest totalFees totalPayable netDisbursement\n      capCheck { apr cap withinCap description }\n      installments { number dueDate principal interest fees total balance }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n"): (typeof documents)["\n  query ConsoleViewer {\n    viewer { roles tenant { name slug locale baseCurrency timezone } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;