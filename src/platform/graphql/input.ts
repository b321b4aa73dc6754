/**
 * GraphQL hands omitted optional input fields to resolvers as null (or leaves them undefined); the
 * zod schemas treat absent fields with their defaults. This drops both, deeply, before validation.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}
