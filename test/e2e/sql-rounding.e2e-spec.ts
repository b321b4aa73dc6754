import 'reflect-metadata';
import { Client } from 'pg';
import { Dec, ROUNDING_MODES, roundMoney } from '../../src/core/money';
import { roundRatio } from '../../src/core/cob/accrue-penalty';
import { nightlySteps } from '../../src/core/cob';
import { cobChunkSql, cobIdleSql } from '../../src/modules/cob/cob.sql';
import { settlementsCobWriter } from '../../src/modules/loans/settlements.cob';
import { collectionsCobWriter } from '../../src/modules/collections/collections.cob';
import { quoteIdent } from '../../src/platform/db/database';
import { roundMoneyFunction } from '../../migrations/1764700000000-close-of-business';
import { roundRatioFunction } from '../../migrations/1766100000000-accrual-state';
import { adminUrl, createTestDatabase } from '../support/test-app';

/**
 * The database's rounding (round_money, round_ratio: every accrual of the nightly run and every
 * commission goes through them) gives the same amounts as the TypeScript core, tie for tie, in every
 * mode; gives what the earlier definitions gave (as the migration's down restores them, over negative amounts too);
 * and is expanded into the nightly statements rather than called per loan.
 */

/** The definitions before migration 1766860000000 (what its down restores), under names of their own. */
const EARLIER = [roundMoneyFunction('pg_temp.old_round_money'), roundRatioFunction('pg_temp.old_round_ratio')];

/** Amounts with ties at every place (x.5, x.x5, ...), near-ties and plain values, both signs. */
function amounts(count: number): string[] {
  const out: string[] = ['12.345', '-12.345'];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < count; i++) {
    const whole = next() % 100000;
    const digits = String(next() % 1000000).padStart(6, '0');
    for (const frac of [digits, `${digits.slice(0, 1)}5`, `${digits.slice(0, 2)}5`, `${digits.slice(0, 3)}5`, `${digits.slice(0, 2)}50001`, `${digits.slice(0, 2)}49999`, '5', '0']) {
      out.push(`${whole}.${frac}`, `-${whole}.${frac}`);
    }
  }
  return out;
}

describe('rounding in the database', () => {
  let url: string;
  let db: Client;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = new Client({ connectionString: url });
    await db.connect();
    for (const sql of EARLIER) await db.query(sql);
  });

  afterAll(async () => {
    await db?.end();
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(new URL(url).pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
  });

  it('round_money equals the core and the earlier definition in every mode and at 0 to 4 places', async () => {
    const xs = amounts(400);
    const { rows } = await db.query<{ x: string; places: number; mode: string; now: string; before: string }>(
      `SELECT x::text, places, mode, round_money(x, places, mode)::text AS now, pg_temp.old_round_money(x, places, mode)::text AS before
       FROM unnest($1::numeric[]) x, generate_series(0, 4) places, unnest($2::text[]) mode`, [xs, ROUNDING_MODES]);
    expect(rows).toHaveLength(xs.length * 5 * ROUNDING_MODES.length);
    const wrong = rows.filter((r) => !roundMoney(r.x, r.places, r.mode as never).eq(r.now) || !new Dec(r.now).eq(r.before));
    expect(wrong.slice(0, 5)).toEqual([]);
    // At its places' scale (the earlier one answered with sixteen or more).
    expect(rows.find((r) => r.x === '12.345' && r.places === 2 && r.mode === 'HALF_EVEN')?.now).toBe('12.34');
  });

  it('round_ratio equals the core on penalty numerators (non-negative) and the earlier definition on any', async () => {
    const xs = amounts(100);
    const { rows } = await db.query<{ x: string; basis: number; places: number; mode: string; now: string; before: string }>(
      `SELECT x::text, basis, places, mode, round_ratio(x, basis, places, mode)::text AS now, pg_temp.old_round_ratio(x, basis, places, mode)::text AS before
       FROM unnest($1::numeric[]) x, unnest(ARRAY[360, 365, ${365 * 366}]) basis, generate_series(0, 4) places, unnest($2::text[]) mode`, [xs, ROUNDING_MODES]);
    expect(rows).toHaveLength(xs.length * 3 * 5 * ROUNDING_MODES.length);
    const wrong = rows.filter((r) => r.now !== r.before || (!r.x.startsWith('-') && !roundRatio(r.x, r.basis, r.places, r.mode as never).eq(r.now)));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('is expanded into the nightly statements, not called once per loan', async () => {
    const writers = [settlementsCobWriter, collectionsCobWriter];
    const params = ['00000000-0000-0000-0000-000000000001', '2026-01-02', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 90, null];
    for (const sql of [cobIdleSql(writers), cobChunkSql(nightlySteps(), writers)]) {
      const plan = (await db.query(`EXPLAIN (VERBOSE) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('Update on public.loans');
      expect(plan.match(/round_(money|ratio)\(/g) ?? []).toEqual([]);
    }
  });
});
