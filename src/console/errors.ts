import type { CombinedError } from 'urql';

/** What a failed call means for the person who made it: the error code's explanation and the field it names. */
export interface ShownError {
  code: string;
  message: string;
  field: string | null;
  /** A conduct refusal's rule (QUIET_HOURS, CONTACT_CAP, ...) and when the action becomes allowed. */
  rule: string | null;
  allowedAt: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function shownErrors(error: CombinedError | undefined): ShownError[] {
  if (!error) return [];
  if (error.networkError && !error.graphQLErrors.length) return [{ code: 'NETWORK', message: error.networkError.message, field: null, rule: null, allowedAt: null }];
  return error.graphQLErrors.map((e) => ({
    code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
    message: e.message,
    field: text(e.extensions?.field),
    rule: text(e.extensions?.rule),
    allowedAt: text(e.extensions?.allowedAt),
  }));
}
