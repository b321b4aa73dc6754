/**
 * The WHERE clause of a raw list query, built filter by filter: each `?` of a condition binds the
 * next value as a positional parameter ($1, $2, ...), so values never enter the SQL text.
 * (Conditions must not use the jsonb `?` operators; write `jsonb_exists(...)` instead.)
 */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  and(condition: string, ...values: unknown[]): this {
    let used = 0;
    this.conditions.push(condition.replace(/\?/g, () => this.bind(values[used++])));
    if (used !== values.length) throw new Error(`${values.length} values for ${used} placeholders in: ${condition}`);
    return this;
  }

  /** The placeholder of a value used outside the conditions (a LIMIT). */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
