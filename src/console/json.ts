/** The value of a JSON text being typed, or undefined while it is not (yet) valid JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * What the API answered, as its input takes it back: the same fields without the nulls (absent, for
 * an input) and urql's __typename, at every depth.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== null && k !== '__typename').map(([k, v]) => [k, withoutNulls(v)]));
  return value;
}
