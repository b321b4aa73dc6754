import { SqlWhere } from './sql-where';

describe('SqlWhere', () => {
  it('numbers placeholders across conditions and binds the values in order', () => {
    const w = new SqlWhere().and('a = ?', 1).and('(b, c) < (?::timestamptz, ?::uuid)', 't', 'u');
    const limit = w.bind(21);
    expect(`${w.sql} LIMIT ${limit}`).toBe('WHERE a = $1 AND (b, c) < ($2::timestamptz, $3::uuid) LIMIT $4');
    expect(w.params).toEqual([1, 't', 'u', 21]);
  });
  it('is empty without conditions', () => {
    expect(new SqlWhere().sql).toBe('');
  });
  it('refuses a condition whose placeholders and values disagree', () => {
    expect(() => new SqlWhere().and('a = ? AND b = ?', 1)).toThrow(/1 values for 2 placeholders/);
    expect(() => new SqlWhere().and('a = ?', 1, 2)).toThrow(/2 values for 1 placeholders/);
  });
});
