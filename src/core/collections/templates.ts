/**
 * Message templates of a collection stage: text with `{{variable}}` placeholders filled from the
 * loan only (never anything of a third party, never free text), per locale.
 */
export const TEMPLATE_VARIABLES = ['loanId', 'currency', 'amountOverdue', 'totalOutstanding', 'dpd', 'nextDueDate', 'oldestDueDate', 'instalment', 'lender'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The variables of a campaign's offer message: the pre-approved offer's terms (never the borrower's data). */
export const OFFER_TEMPLATE_VARIABLES = ['amount', 'currency', 'product', 'termCount', 'apr', 'validUntil', 'lender'] as const;

/** The placeholders of `text` that name no variable of `variables` (a collection stage's by default). */
export function unknownVariables(text: string, variables: readonly string[] = TEMPLATE_VARIABLES): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((v) => !variables.includes(v));
}

/** The text with every placeholder filled (a value missing renders empty). */
export function renderTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

/** The template for `locale`: its own, its language's (`zh` for `zh-CN`), else the first one. */
export function templateFor(templates: Record<string, string>, locale: string): string | null {
  if (templates[locale]) return templates[locale];
  const language = locale.split('-')[0];
  const same = Object.keys(templates).find((k) => k.split('-')[0] === language);
  if (same) return templates[same];
  const first = Object.keys(templates)[0];
  return first ? templates[first] : null;
}
