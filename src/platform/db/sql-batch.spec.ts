import { SqlBatch } from './sql-batch';

describe('SqlBatch', () => {
  it('sends a lone statement as it is', () => {
    const batch = new SqlBatch().add('UPDATE loans SET dpd = $2 WHERE id = $1', ['l1', 3]);
    expect(batch.toStatement()).toEqual({ sql: 'UPDATE loans SET dpd = $2 WHERE id = $1', params: ['l1', 3] });
  });

  it('joins statements as data-modifying CTEs, renumbering each one’s placeholders after the ones before', () => {
    const batch = new SqlBatch()
      .add('INSERT INTO a (x, y) VALUES ($1, $2)', [1, 2])
      .add('UPDATE b SET z = $2 WHERE id = $1 AND $1 IS NOT NULL', ['b1', 'z'])
      .add('DELETE FROM c WHERE id = $1', ['c1']);
    const { sql, params } = batch.toStatement();
    expect(params).toEqual([1, 2, 'b1', 'z', 'c1']);
    expect(sql).toBe(
      'WITH w1 AS (INSERT INTO a (x, y) VALUES ($1, $2)),\n' +
      'w2 AS (UPDATE b SET z = $4 WHERE id = $3 AND $3 IS NOT NULL),\n' +
      'w3 AS (DELETE FROM c WHERE id = $5)\nSELECT 1',
    );
  });

  it('renumbers two-digit placeholders whole ($10 is not $1 followed by 0)', () => {
    const params = Array.from({ length: 10 }, (_, i) => i);
    const { sql } = new SqlBatch().add('INSERT INTO a VALUES ($1)', ['x']).add('INSERT INTO b VALUES ($10, $1)', params).toStatement();
    expect(sql).toContain('INSERT INTO b VALUES ($11, $2)');
  });

  it('refuses a statement with its own WITH, or with fewer parameters than it uses', () => {
    expect(() => new SqlBatch().add('WITH x AS (SELECT 1) INSERT INTO a SELECT * FROM x')).toThrow(/own WITH/);
    expect(() => new SqlBatch().add('INSERT INTO a VALUES ($1, $2)', [1])).toThrow(/\$2/);
  });

  it('composes a shape once: the same parts give the same text, other parameter counts renumber anew', () => {
    const insert = 'INSERT INTO a (x) SELECT * FROM unnest($1::int[])';
    const update = 'UPDATE b SET z = $2 WHERE id = $1';
    const first = new SqlBatch().add(insert, [[1, 2]]).add(update, ['b1', 'z']).toStatement();
    const again = new SqlBatch().add(insert, [[3]]).add(update, ['b2', 'y']).toStatement();
    expect(again.sql).toBe(first.sql);
    expect(again.params).toEqual([[3], 'b2', 'y']);
    // The same texts with the first taking two parameters: the second's placeholders start later.
    const longer = new SqlBatch().add(insert, [[1], 'unused']).add(update, ['b3', 'x']).toStatement();
    expect(longer.sql).toContain('w2 AS (UPDATE b SET z = $4 WHERE id = $3)');
    expect(longer.params).toEqual([[1], 'unused', 'b3', 'x']);
    // The WITH check holds for a text already seen as well.
    expect(() => new SqlBatch().add('WITH x AS (SELECT 1) INSERT INTO a SELECT * FROM x')).toThrow(/own WITH/);
    expect(() => new SqlBatch().add('WITH x AS (SELECT 1) INSERT INTO a SELECT * FROM x')).toThrow(/own WITH/);
  });
});
