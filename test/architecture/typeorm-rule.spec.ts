import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The TypeORM rule (docs/architecture.md): TypeORM runs the migrations, maps entities, and does
 * simple reads and writes of configuration (tenants, products, decision configs, staff, borrowers,
 * applications). Money paths (loan servicing, booking and restructuring, the ledger, close of
 * business, payments) read and write in explicit SQL staged in the unit of work: there TypeORM may
 * only find rows (`getRepository(X).find…`), never write, lock or build queries. Nowhere does code
 * open a TypeORM transaction or query runner: transactions belong to the boundary (platform/tenancy).
 */
const ROOT = path.resolve(__dirname, '../../src');
const MONEY_PATHS = ['modules/loans/servicing/', 'modules/loans/loan-booking.service.ts', 'modules/loans/loan-restructure.service.ts', 'modules/ledger/', 'modules/cob/', 'modules/payments/'];
const TRANSACTION_OWNERS = ['platform/tenancy/', 'platform/db/'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(file) ? [file] : [];
  });
}

const files = sources(ROOT).map((file) => ({ rel: path.relative(ROOT, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));
const under = (rel: string, prefixes: string[]) => prefixes.some((p) => rel.startsWith(p));

/** Each match of `pattern` in the files it applies to, as `file: match`. */
function offences(applies: (rel: string) => boolean, pattern: RegExp, allowed: (match: RegExpExecArray) => boolean = () => false): string[] {
  return files.filter((f) => applies(f.rel)).flatMap((f) => [...f.text.matchAll(pattern)].filter((m) => !allowed(m)).map((m) => `${f.rel}: ${m[0]}`));
}

describe('the TypeORM rule', () => {
  it('finds the money paths it guards', () => {
    expect(files.filter((f) => under(f.rel, MONEY_PATHS)).length).toBeGreaterThan(20);
  });

  it('money paths only find rows through TypeORM: no repository writes, query builders or locks', () => {
    expect(offences((rel) => under(rel, MONEY_PATHS), /getRepository\(\w+\)\s*\.\s*(\w+)/g, (m) => /^(find|count|exist)/.test(m[1]))).toEqual([]);
    expect(offences((rel) => under(rel, MONEY_PATHS), /=\s*(\(await [^)]*\)|\w+)\.getRepository\(/g)).toEqual([]);
    expect(offences((rel) => under(rel, MONEY_PATHS), /\b(createQueryBuilder|setLock)\(/g)).toEqual([]);
  });

  it('no code outside the transaction mechanism opens a TypeORM transaction or query runner', () => {
    const outside = (rel: string) => !under(rel, TRANSACTION_OWNERS);
    expect(offences(outside, /\.(transaction|startTransaction|commitTransaction|rollbackTransaction|createQueryRunner)\(/g)).toEqual([]);
  });

  it('would catch an offence (the patterns match what they forbid)', () => {
    const sample = 'await (await ctx.db()).getRepository(LoanEntity).save(loan); const repo = em.getRepository(X); qb.createQueryBuilder(); em.transaction(';
    expect([...sample.matchAll(/getRepository\(\w+\)\s*\.\s*(\w+)/g)].map((m) => m[1])).toEqual(['save']);
    expect(/=\s*(\(await [^)]*\)|\w+)\.getRepository\(/.test(sample)).toBe(true);
    expect(/\b(createQueryBuilder|setLock)\(/.test(sample)).toBe(true);
    expect(/\.(transaction|startTransaction|commitTransaction|rollbackTransaction|createQueryRunner)\(/.test(sample)).toBe(true);
  });
});
