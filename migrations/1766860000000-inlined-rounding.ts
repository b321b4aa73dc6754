import type { MigrationInterface, QueryRunner } from 'typeorm';
import { roundMoneyFunction } from './1764700000000-close-of-business';
import { roundRatioFunction } from './1766100000000-accrual-state';

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

export class InlinedRounding1766860000000 implements MigrationInterface {
  name = 'InlinedRounding1766860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ROUND_MONEY);
    await q.query(ROUND_RATIO);
  }

  /** Back to the definitions of 1764700000000 and 1766100000000 (nothing else depends on the functions). */
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION round_money(numeric, integer, text)');
    await q.query(roundMoneyFunction());
    await q.query('DROP FUNCTION round_ratio(numeric, numeric, integer, text)');
    await q.query(roundRatioFunction());
  }
}
