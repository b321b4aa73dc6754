import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * China's Loan Prime Rates as published (PBoC / NIFC) since the reform of 2019-08-20, one row per
 * change, effective on its date: enough to price, preview and book a loan dated any day since then.
 * Fractions, like every rate in the database (0.0425 = 4.25%). Frozen: later values are published
 * with `setReferenceRate` (or a later migration), never added here.
 */
export const LPR_HISTORY: readonly (readonly [name: 'CN_LPR_1Y' | 'CN_LPR_5Y', effectiveFrom: string, rate: string])[] = [
  ['CN_LPR_1Y', '2019-08-20', '0.0425'],
  ['CN_LPR_1Y', '2019-09-20', '0.0420'],
  ['CN_LPR_1Y', '2019-11-20', '0.0415'],
  ['CN_LPR_1Y', '2020-02-20', '0.0405'],
  ['CN_LPR_1Y', '2020-04-20', '0.0385'],
  ['CN_LPR_1Y', '2021-12-20', '0.0380'],
  ['CN_LPR_1Y', '2022-01-20', '0.0370'],
  ['CN_LPR_1Y', '2022-08-22', '0.0365'],
  ['CN_LPR_1Y', '2023-06-20', '0.0355'],
  ['CN_LPR_1Y', '2023-08-21', '0.0345'],
  ['CN_LPR_1Y', '2024-07-22', '0.0335'],
  ['CN_LPR_1Y', '2024-10-21', '0.0310'],
  ['CN_LPR_1Y', '2025-05-20', '0.0300'],

  ['CN_LPR_5Y', '2019-08-20', '0.0485'],
  ['CN_LPR_5Y', '2019-11-20', '0.0480'],
  ['CN_LPR_5Y', '2020-02-20', '0.0475'],
  ['CN_LPR_5Y', '2020-04-20', '0.0465'],
  ['CN_LPR_5Y', '2022-01-20', '0.0460'],
  ['CN_LPR_5Y', '2022-05-20', '0.0445'],
  ['CN_LPR_5Y', '2022-08-22', '0.0430'],
  ['CN_LPR_5Y', '2023-06-20', '0.0420'],
  ['CN_LPR_5Y', '2024-02-20', '0.0395'],
  ['CN_LPR_5Y', '2024-07-22', '0.0385'],
  ['CN_LPR_5Y', '2024-10-21', '0.0360'],
  ['CN_LPR_5Y', '2025-05-20', '0.0350'],
];

/** The two values ProductsAndPricing1764400000000 already ships: theirs to remove, not this migration's. */
const SHIPPED_BEFORE = new Set(['CN_LPR_1Y 2024-10-21', 'CN_LPR_1Y 2025-05-20']);

const values = (rows: readonly (readonly [string, string, string])[]) => rows.map(([name, from, rate]) => `('${name}', DATE '${from}', ${rate})`).join(',\n       ');

/**
 * The published CN_LPR_1Y and CN_LPR_5Y history since the LPR reform. A value already present (the
 * two shipped before, or one the operator published) is kept as it is.
 */
export class LprHistory1765900000000 implements MigrationInterface {
  name = 'LprHistory1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO reference_rates (name, effective_from, rate) VALUES
       ${values(LPR_HISTORY)}
     ON CONFLICT (name, effective_from) DO NOTHING`);
  }

  /** Removes the rows this migration added: its values not shipped before, unless since corrected to another rate. */
  async down(q: QueryRunner): Promise<void> {
    const added = LPR_HISTORY.filter(([name, from]) => !SHIPPED_BEFORE.has(`${name} ${from}`));
    await q.query(`DELETE FROM reference_rates WHERE (name, effective_from, rate) IN (VALUES
       ${values(added)})`);
  }
}
