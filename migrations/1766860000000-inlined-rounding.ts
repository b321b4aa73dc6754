import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SQL rounding functions, written so PostgreSQL inlines them into the statement that calls them.
 * A SQL function whose body reads FROM a subquery is run by the function executor at every call
 * (about 13 µs here), and the nightly run calls `round_money` once for every loan (the day's interest)
 * and `round_ratio` once for every penalty row: some 13 s of a million-loan night spent entering and
 * leaving a function. A body that is one expression with no FROM is expanded in place (about 1 µs).
 * The values are the same, tie for tie, in every mode; `round_money` now answers at its places' scale.
 */
const ROUND_MONEY = `CREATE OR REPLACE FUNCTION round_money(x numeric, places integer, mode text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE mode
    WHEN 'HALF_UP' THEN round(x, places)
    WHEN 'DOWN' THEN trunc(x, places)
    WHEN 'UP' THEN round(sign(x) * ceil(abs(x) * power(10::numeric, places)) / power(10::numeric, places), places)
    -- HALF_EVEN: half away from zero, except a tie whose kept digit is even (twice the kept units leave 0.5).
    ELSE CASE WHEN mod(abs(x) * power(10::numeric, places), 2) = 0.5 THEN trunc(x, places) ELSE round(x, places) END
  END $$`;

/** num / den rounded exactly (numeric division alone stops at a finite scale): quotient and remainder of the scaled numerator. */
const ROUND_RATIO = `CREATE OR REPLACE FUNCTION round_ratio(num numeric, den numeric, places integer, mode text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (div(num * power(10::numeric, places), den) + CASE
            WHEN mod(num * power(10::numeric, places), den) = 0 OR mode = 'DOWN' THEN 0
            WHEN mode = 'UP' THEN 1
            WHEN 2 * mod(num * power(10::numeric, places), den) > den THEN 1
            WHEN 2 * mod(num * power(10::numeric, places), den) < den THEN 0
            WHEN mode = 'HALF_UP' THEN 1
            ELSE mod(div(num * power(10::numeric, places), den), 2)
          END) / power(10::numeric, places) $$`;

/** The definitions before this migration (what `down` restores), under the name given (a spec compares against them). */
export const earlierRoundMoney = (name = 'round_money') => `CREATE OR REPLACE FUNCTION ${name}(x numeric, places integer, mode text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sign(x) * (CASE
             WHEN mode = 'DOWN' THEN trunc(v)
             WHEN mode = 'UP' THEN ceil(v)
             WHEN v - trunc(v) > 0.5 THEN trunc(v) + 1
             WHEN v - trunc(v) < 0.5 THEN trunc(v)
             WHEN mode = 'HALF_UP' THEN trunc(v) + 1
             ELSE trunc(v) + (trunc(v) % 2)
           END) / power(10::numeric, places)
    FROM (SELECT abs(x) * power(10::numeric, places) AS v) s $$`;

export const earlierRoundRatio = (name = 'round_ratio') => `CREATE OR REPLACE FUNCTION ${name}(num numeric, den numeric, places integer, mode text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE
              WHEN r = 0 OR mode = 'DOWN' THEN q
              WHEN mode = 'UP' THEN q + 1
              WHEN 2 * r > den THEN q + 1
              WHEN 2 * r < den THEN q
              WHEN mode = 'HALF_UP' THEN q + 1
              ELSE q + mod(q, 2)
            END) / power(10::numeric, places)
    FROM (SELECT q, n - q * den AS r FROM (SELECT div(n, den) AS q, n FROM (SELECT num * power(10::numeric, places) AS n) a) b) c $$`;

export class InlinedRounding1766860000000 implements MigrationInterface {
  name = 'InlinedRounding1766860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ROUND_MONEY);
    await q.query(ROUND_RATIO);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(earlierRoundMoney());
    await q.query(earlierRoundRatio());
  }
}
