import type { z } from 'zod';
import { badInput } from '../../core/domain-error';

/** The first zod issue as BAD_USER_INPUT naming the field path (e.g. `input.rounding.decimals`). */
export function zodToBadInput(error: z.ZodError, root: string) {
  const issue = error.issues[0];
  const field = [root, ...issue.path.map(String)].filter(Boolean).join('.');
  return badInput(field, `${field}: ${issue.message}`, {
    issues: error.issues.map((i) => ({ field: [root, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message })),
  });
}
