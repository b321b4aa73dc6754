import type { CombinedError } from 'urql';

/** What a failed call means for the person who made it: the error code's explanation and the field it names. */
export interface ShownError {
  code: string;
  message: string;
  field: string | null;
}

export function shownErrors(error: CombinedError | undefined): ShownError[] {
  if (!error) return [];
  if (error.networkError && !error.graphQLErrors.length) return [{ code: 'NETWORK', message: error.networkError.message, field: null }];
  return error.graphQLErrors.map((e) => ({
    code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
    message: e.message,
    field: typeof e.extensions?.field === 'string' ? e.extensions.field : null,
  }));
}
