import path from 'node:path';
import { Command, Option } from 'commander';
import type { Config } from '../config/config';
import { applyTenantFiles } from '../modules/tenant-config/apply-tenant-files';
import { TenantFileError } from '../modules/tenant-config/tenant-files';
import { ensureAppRole, resolveDatabase } from '../platform/db/database';
import { runMigrations } from '../app/migrate';
import { resetEmbeddedDatabase } from '../platform/db/reset';
import { createLogger } from '../platform/observability/logger';
import { type Runtime, bootRuntime } from '../app/runtime';
import type { RequestContext } from '../platform/tenancy/request-context';
import { runInContext } from '../platform/tenancy/run-in-context';
import { DomainError } from '../core/domain-error';
import { API_KEY_ROLES, type Role, STAFF_ROLES } from '../platform/tenancy/roles';
import { progressBar } from './progress';
import { seedLoans } from '../modules/cob/seed-loans';
import { seedHistory } from '../modules/cob/seed-history';
import type { CobResult } from '../modules/cob/cob.service';
import { portfolioReportHtml } from '../modules/analytics/portfolio-report';
import { rewrapTenantKeys } from '../modules/borrowers/rewrap-keys';
import { readFile, writeFile } from 'node:fs/promises';
import type { AuditCheckpoint } from '../core/audit/checkpoint';
import { InvalidCheckpoint } from '../modules/audit/audit-checkpoint.service';
import { CoreInputError } from '../core/input-error';
import { DATE_FORMATS, type DateFormat } from '../core/bank-statement';
import { formatImport, formatPreview, table } from './statement-table';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const PLATFORM = { tenantId: null, platform: true, actor: { type: 'SYSTEM' as const, id: 'cli' }, roles: ['PLATFORM_ADMIN' as Role] };

export class UsageError extends Error {}
export class CheckFailed extends Error {}

/**
 * The `microlend` command line. Each command boots the runtime (migrating first, so a fresh database
 * works), does its work in one transaction, and closes everything. Exit codes: 0 ok, 1 failure, 2 bad input.
 */
export function buildCli(config: Config, io: CliIo): Command {
  const withRuntime = async <T>(work: (rt: Runtime) => Promise<T>): Promise<T> => {
    const rt = await bootRuntime(config, { migrate: true, worker: false, logger: createLogger(config.env === 'test' ? 'silent' : 'warn', 2) });
    // Interrupted: roll back by closing (an embedded database this command started is stopped too).
    const interrupt = () => void rt.close().finally(() => process.exit(130));
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      return await work(rt);
    } finally {
      process.removeListener('SIGINT', interrupt);
      process.removeListener('SIGTERM', interrupt);
      await rt.close();
    }
  };
  const inTenant = <T>(rt: Runtime, slug: string, work: (ctx: RequestContext) => Promise<T>) =>
    runInContext(rt.dataSource, PLATFORM, async (platform) => {
      const tenant = await rt.services.tenants.bySlugOrThrow(platform, slug);
      return work(platform.forTenant(tenant.id));
    });

  const program = new Command('microlend').description('microlend: multi-tenant lending platform').exitOverride();
  program.configureOutput({ writeOut: io.out, writeErr: io.err });

  const tenants = program.command('tenants').description('tenants as code, and each tenant\u2019s API plan');
  tenants
    .command('apply')
    .argument('[path]', 'a tenant YAML file or a folder of them', config.tenantsDir)
    .description('validate and apply tenants/<slug>.yaml files (idempotent)')
    .action(async (target: string) => {
      await withRuntime(async (rt) => {
        const bar = progressBar('tenants', 1, io.err);
        try {
          const report = await applyTenantFiles(rt.services.units, rt.services, path.resolve(target), (done, total, file) => bar.update(done, file, total));
          bar.stop();
          for (const r of report.results) {
            const p = r.products;
            io.out(`${r.outcome.padEnd(9)} ${r.slug} (${path.basename(r.file)}): products ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged\n`);
          }
        } catch (err) {
          bar.stop();
          throw err;
        }
      });
    });

  tenants
    .command('plan')
    .argument('<slug>', 'the tenant')
    .argument('[plan]', `the plan to put it on, one of RATE_LIMIT_PLANS (${Object.keys(config.rateLimits.plans).join(', ')})`)
    .description('show a tenant\u2019s API plan (the cost budget of each of its credentials), or put it on another')
    .action(async (slug: string, plan?: string) => {
      const plans = config.rateLimits.plans;
      const describe = (name: string) => `${plans[name].maximumAvailable.toLocaleString('en')} points, ${plans[name].restoreRate.toLocaleString('en')} restored a second`;
      if (plan !== undefined && !Object.hasOwn(plans, plan)) {
        throw new UsageError(`unknown plan ${plan}: RATE_LIMIT_PLANS has ${Object.keys(plans).join(', ')}`);
      }
      const shown = (name: string | null) => (name === null ? `${config.rateLimits.defaultPlan} (the default)` : name);
      await withRuntime((rt) => runInContext(rt.dataSource, PLATFORM, async (platform) => {
        if (plan === undefined) {
          const current = await rt.services.tenants.apiPlan(platform, slug);
          const name = current.plan ?? config.rateLimits.defaultPlan;
          io.out(`${slug}: ${shown(current.plan)}${Object.hasOwn(plans, name) ? `: ${describe(name)}` : ' (not in RATE_LIMIT_PLANS: the default applies)'}\n`);
          return;
        }
        const { before } = await rt.services.tenants.setApiPlan(platform, slug, plan, 'cli');
        io.out(before === plan ? `${slug}: already ${plan}\n` : `${slug}: ${shown(before)} -> ${plan}: ${describe(plan)}\n`);
      }));
    });

  program
    .command('apikey')
    .description('API keys')
    .command('create')
    .description('create an API key and print it (only the key) on stdout')
    .option('--tenant <slug>', 'tenant slug (not for PLATFORM_ADMIN)')
    .addOption(new Option('--role <role>', 'role of the key').choices([...API_KEY_ROLES, 'PLATFORM_ADMIN']).makeOptionMandatory())
    .option('--name <name>', 'a name to recognise the key by', 'cli')
    .option('--expires-in-days <days>', 'expiry in days', (v) => Number(v))
    .action(async (opts: { tenant?: string; role: Role; name: string; expiresInDays?: number }) => {
      if (opts.role === 'PLATFORM_ADMIN' && opts.tenant) throw new UsageError('PLATFORM_ADMIN keys belong to no tenant; drop --tenant');
      if (opts.role !== 'PLATFORM_ADMIN' && !opts.tenant) throw new UsageError('--tenant <slug> is required');
      const key = await withRuntime(async (rt) => {
        if (opts.role === 'PLATFORM_ADMIN') return runInContext(rt.dataSource, PLATFORM, (ctx) => rt.services.apiKeys.createPlatformKey(ctx, opts.name));
        const expiresAt = opts.expiresInDays ? new Date(Date.now() + opts.expiresInDays * 86_400_000) : null;
        return inTenant(rt, opts.tenant!, async (ctx) => (await rt.services.apiKeys.create(ctx, { name: opts.name, role: opts.role, expiresAt })).secret);
      });
      io.out(`${key}\n`);
    });

  program
    .command('user')
    .description('staff users')
    .command('create')
    .description('create a staff user of a tenant')
    .requiredOption('--tenant <slug>')
    .requiredOption('--email <email>')
    .requiredOption('--name <full name>')
    .addOption(new Option('--role <role...>', 'roles').choices([...STAFF_ROLES]).makeOptionMandatory())
    .requiredOption('--password <password>', 'at least 12 characters')
    .action(async (opts: { tenant: string; email: string; name: string; role: Role[]; password: string }) => {
      const created = await withRuntime((rt) =>
        inTenant(rt, opts.tenant, (ctx) => rt.services.staff.create(ctx, { email: opts.email, fullName: opts.name, roles: opts.role, password: opts.password })),
      );
      io.out(`${created.id}\n`);
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('re-compute every hash of a tenant’s audit chain; exit 1 when anything was edited or deleted (or, with --checkpoint, cut back behind a published head)')
    .requiredOption('--tenant <slug>')
    .option('--checkpoint <file>', 'a published audit checkpoint (from `audit checkpoint` or an audit.checkpoint event) the chain must still reach')
    .action(async (opts: { tenant: string; checkpoint?: string }) => {
      const checkpoint = opts.checkpoint ? await readCheckpoint(opts.checkpoint) : null;
      const report = await withRuntime((rt) =>
        inTenant(rt, opts.tenant, async (ctx) => {
          const bar = progressBar('audit', 1, io.err);
          const result = await rt.services.audit.verify(ctx, (done, total) => bar.update(done, '', total));
          bar.stop();
          if (checkpoint) {
            try {
              result.breaks.push(...(await rt.services.auditCheckpoints.check(ctx, checkpoint)));
            } catch (err) {
              if (err instanceof InvalidCheckpoint) throw new CheckFailed(`${opts.checkpoint}: ${err.message}`);
              throw err;
            }
            result.ok = result.breaks.length === 0;
          }
          return result;
        }),
      );
      if (report.ok) {
        io.out(`audit chain of ${opts.tenant} intact: ${report.checked} entries verified\n`);
        return;
      }
      for (const b of report.breaks) io.err(`${b.lane ? `lane ${b.lane} ` : ''}entry ${b.seq}: ${b.reason}: ${b.detail}\n`);
      throw new CheckFailed(`audit chain of ${opts.tenant} is broken (${report.breaks.length} problem(s) in ${report.checked} entries)`);
    });
  audit
    .command('checkpoint')
    .description('sign the heads of a tenant’s audit chain with the platform’s key, publish them as an audit.checkpoint event and write them to a file')
    .requiredOption('--tenant <slug>')
    .option('--out <file>', 'where to write the checkpoint (default: audit-checkpoint-<slug>-<time>.json here)')
    .action(async (opts: { tenant: string; out?: string }) => {
      const checkpoint = await withRuntime((rt) => inTenant(rt, opts.tenant, (ctx) => rt.services.auditCheckpoints.take(ctx)));
      const file = path.resolve(opts.out ?? `audit-checkpoint-${opts.tenant}-${checkpoint.takenAt.replace(/[:.]/g, '-')}.json`);
      await writeFile(file, `${JSON.stringify(checkpoint, null, 2)}\n`);
      io.out(`${file}: ${checkpoint.heads.length} lane(s), ${checkpoint.heads.reduce((n, h) => n + h.seq, 0)} entries\n`);
    });

  program
    .command('cob')
    .description('close of business')
    .command('run')
    .description('run (or catch up) the close of business of a tenant up to a business date, with progress')
    .requiredOption('--tenant <slug>')
    .requiredOption('--date <YYYY-MM-DD>', 'the last business date to run')
    .action(async (opts: { tenant: string; date: string }) => {
      const results = await withRuntime((rt) =>
        inTenant(rt, opts.tenant, async (ctx) => {
          const bar = progressBar('cob', 1, io.err);
          try {
            return await rt.services.cob.run(ctx, opts.date, (p) => bar.update(p.chunk, `${p.businessDate} ${p.loans} loans`, p.chunks));
          } finally {
            bar.stop();
          }
        }),
      );
      const counts = (r: CobResult) => `${r.loans} loans, ${r.accruals} accruals, ${r.events} events`;
      for (const r of results) {
        io.out(`${r.businessDate}: ${r.skipped ? 'already closed' : r.caughtUp ? `already closed; caught up the loans behind it: ${counts(r)}` : counts(r)}\n`);
      }
    });

  program
    .command('seed')
    .description('synthetic data for load tests and demos')
    .command('loans')
    .description('generate a book of disbursed loans on a product, with progress')
    .requiredOption('--tenant <slug>')
    .requiredOption('--product <code>')
    .option('--count <n>', 'how many loans', (v) => Number(v), 100_000)
    .option('--start <YYYY-MM-DD>', 'the loans’ start date', new Date().toISOString().slice(0, 10))
    .option('--history <months>', 'a book with a past: weekly cohorts over these months, borrowers who pay on time, late, cure or default and come back for more, repayments recorded, close of business run over every date, the 180-days-late written off', (v) => Number(v))
    .action(async (opts: { tenant: string; product: string; count: number; start: string; history?: number }) => {
      if (!Number.isInteger(opts.count) || opts.count < 1) throw new UsageError('--count must be a positive whole number');
      if (opts.history !== undefined) {
        const months = opts.history;
        if (!Number.isInteger(months) || months < 1 || months > 60) throw new UsageError('--history must be whole months from 1 to 60');
        const r = await withRuntime(async (rt) => {
          const tenant = await runInContext(rt.dataSource, PLATFORM, (ctx) => rt.services.tenants.bySlugOrThrow(ctx, opts.tenant));
          const today = await inTenant(rt, opts.tenant, (ctx) => rt.services.directory.today(ctx));
          const bars = new Map<string, ReturnType<typeof progressBar>>();
          try {
            return await seedHistory(rt.services.units, rt.services, { tenantId: tenant.id, productCode: opts.product, count: opts.count, months, today }, (p) => {
              const bar = bars.get(p.phase) ?? bars.set(p.phase, progressBar(p.phase, p.total, io.err)).get(p.phase)!;
              bar.update(p.done);
            });
          } finally {
            for (const bar of bars.values()) bar.stop();
          }
        });
        io.out(`seeded ${r.loans} loans over ${months} months: ${r.repayments} repayments, ${r.writtenOff} written off, ${r.renewals} renewals to returning borrowers\n`);
        return;
      }
      const n = await withRuntime(async (rt) => {
        const tenant = await runInContext(rt.dataSource, PLATFORM, (ctx) => rt.services.tenants.bySlugOrThrow(ctx, opts.tenant));
        const bar = progressBar('seed', opts.count, io.err);
        try {
          return await seedLoans(rt.services.units, rt.services, { tenantId: tenant.id, productCode: opts.product, count: opts.count, startDate: opts.start }, (done) => bar.update(done));
        } finally {
          bar.stop();
        }
      });
      io.out(`seeded ${n} loans\n`);
    });

  program
    .command('report')
    .description('reports a person reads')
    .command('portfolio')
    .description('the portfolio report: summary and charts, one self-contained printable HTML file')
    .requiredOption('--tenant <slug>')
    .requiredOption('--out <file>')
    .option('--as-of <YYYY-MM-DD>', 'the report’s date (the tenant’s today)')
    .option('--from <YYYY-MM-DD>', 'the start of its flows and trends (a year before --as-of)')
    .action(async (opts: { tenant: string; out: string; asOf?: string; from?: string }) => {
      const html = await withRuntime((rt) => inTenant(rt, opts.tenant, async (ctx) => {
        const tenant = await rt.services.directory.current(ctx);
        const asOf = opts.asOf ?? await rt.services.directory.today(ctx);
        const from = opts.from ?? `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4, 8)}01`;
        const bar = progressBar('report', 12, io.err);
        try {
          return await portfolioReportHtml(ctx, { figures: rt.services.portfolioFigures, charts: rt.services.portfolioCharts }, { tenantName: tenant.name, asOf, from }, (done) => bar.update(done));
        } finally {
          bar.stop();
        }
      }));
      await writeFile(opts.out, html);
      io.out(`wrote ${opts.out} (${html.length.toLocaleString('en')} bytes)\n`);
    });

  program
    .command('analytics')
    .description('analytics models')
    .command('fit-propensity')
    .description('fit each cross-sell kind’s propensity model on the tenant’s own history, with its calibration by decile on a held-out fifth')
    .requiredOption('--tenant <slug>')
    .option('--as-of <YYYY-MM-DD>', 'the last day of history to learn from (the tenant’s today)')
    .action(async (opts: { tenant: string; asOf?: string }) => {
      const fitted = await withRuntime((rt) => inTenant(rt, opts.tenant, async (ctx) => {
        const asOf = opts.asOf ?? await rt.services.directory.today(ctx);
        const bars = new Map<string, ReturnType<typeof progressBar>>();
        try {
          return await rt.services.propensityModels.fit(ctx, asOf, (kind, done, total) => {
            const bar = bars.get(kind) ?? bars.set(kind, progressBar(`fit ${kind}`, total, io.err)).get(kind)!;
            bar.update(done);
          });
        } finally {
          for (const bar of bars.values()) bar.stop();
        }
      }));
      for (const f of fitted) {
        if (!f.fitted) {
          io.out(`${f.kind}: not fitted: ${f.observations} observations, ${f.positives} took it up (a model needs takers and non-takers)\n`);
          continue;
        }
        const m = f.fitted;
        io.out(`${f.kind}: model v${m.version} on ${m.sampleSize} observations (${m.positives} took it up), AUC ${m.auc === null ? 'n/a' : m.auc.toFixed(3)} on the held-out fifth\n`);
        io.out(`  decile  count  predicted  observed\n`);
        for (const b of m.calibration) io.out(`  ${String(b.decile).padStart(6)}  ${String(b.count).padStart(5)}  ${(b.predicted * 100).toFixed(1).padStart(8)}%  ${(b.observed * 100).toFixed(1).padStart(7)}%\n`);
      }
    });

  program
    .command('payments')
    .description('payments')
    .command('import')
    .description('preview a bank statement CSV against the loans; with --apply post the matched rows (each once, however often imported)')
    .requiredOption('--tenant <slug>')
    .requiredOption('--file <statement.csv>')
    .option('--apply', 'post the MATCHED rows as BANK_TRANSFER repayments', false)
    .addOption(new Option('--date-format <format>', 'how the statement writes dates').choices([...DATE_FORMATS]).default('YYYY-MM-DD'))
    .option('--delimiter <char>', 'field delimiter', ',')
    .action(async (opts: { tenant: string; file: string; apply: boolean; dateFormat: DateFormat; delimiter: string }) => {
      const csv = await readFile(path.resolve(opts.file), 'utf8').catch((err: Error) => {
        throw new UsageError(`cannot read ${opts.file}: ${err.message}`);
      });
      const failed = await withRuntime(async (rt) => {
        const statementOpts = { dateFormat: opts.dateFormat, delimiter: opts.delimiter, maxRows: 1_000_000 };
        const { preview, tenantId } = await inTenant(rt, opts.tenant, async (ctx) => ({ preview: await rt.services.bankStatements.preview(ctx, csv, statementOpts), tenantId: ctx.tenant }))
          .catch((err: unknown) => {
            throw err instanceof CoreInputError ? new UsageError(`${opts.file}: ${err.message}`) : err;
          });
        io.out(formatPreview(preview));
        if (!opts.apply) {
          if (preview.totals.matched) io.out('dry run: nothing posted (add --apply to post the matched rows)\n');
          return 0;
        }
        const bar = progressBar('import', Math.max(preview.totals.matched, 1), io.err);
        try {
          const result = await rt.services.bankStatements.post(tenantId, { type: 'SYSTEM', id: 'cli:payments-import' }, [], preview, (done, total) => bar.update(done, '', total));
          bar.stop();
          io.out(formatImport(result));
          return result.failed;
        } catch (err) {
          bar.stop();
          throw err;
        }
      });
      if (failed) throw new CheckFailed(`${failed} row(s) could not be posted`);
    });

  program
    .command('billing')
    .description('usage billing of tenants')
    .command('usage')
    .description('record a closed month’s usage per tenant and send it to Stripe Billing (months already sent send nothing)')
    .requiredOption('--period <YYYY-MM>')
    .option('--tenant <slug>', 'only this tenant')
    .action(async (opts: { period: string; tenant?: string }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.period)) throw new UsageError('--period must be a month YYYY-MM');
      const runs = await withRuntime((rt) =>
        runInContext(rt.dataSource, PLATFORM, async (ctx) => {
          const bar = progressBar('usage', 1, io.err);
          try {
            return await rt.services.usage.runForPeriod(ctx, opts.period, { slug: opts.tenant }, (done, total, slug) => bar.update(done, slug, total));
          } finally {
            bar.stop();
          }
        }),
      );
      const rows = runs.map((r) => [r.slug, r.period, r.status, String(r.record?.activeLoans ?? ''), r.record ? `${r.record.disbursedVolume} ${r.record.currency}` : '', String(r.sent), r.message]);
      io.out(table(['TENANT', 'PERIOD', 'STATUS', 'ACTIVE LOANS', 'DISBURSED', 'SENT', 'MESSAGE'], rows, [0, 0, 0, 0, 0, 0, 80]));
      if (runs.some((r) => r.status === 'FAILED')) throw new CheckFailed('usage could not be sent for some tenants');
    });

  program
    .command('keys')
    .description('encryption keys')
    .command('rewrap')
    .description('master-key rotation: rewrap every tenant data key with MASTER_KEY (opening it with MASTER_KEY_PREVIOUS)')
    .action(async () => {
      const endpoints = await resolveDatabase(config);
      let bar: ReturnType<typeof progressBar> | undefined;
      try {
        const report = await rewrapTenantKeys(endpoints.ownerUrl, config.masterKey, config.masterKeyPrevious, (done, total) => {
          bar ??= progressBar('rewrap', total, io.err);
          bar.update(done);
        });
        bar?.stop();
        io.out(`rewrapped ${report.rewrapped} tenant key(s); ${report.current} already under the current master key\n`);
      } finally {
        await endpoints.stop();
      }
    });
  const db = program.command('db').description('the database');
  // Only the schema: no app pool, queue or services, so a deploy's migration job needs nothing but
  // the owner connection (and, with no APP_DATABASE_URL, CREATEROLE to keep the app role's password).
  db.command('migrate').description('run pending migrations as the schema owner, then exit').action(async () => {
    const endpoints = await resolveDatabase(config);
    try {
      if (!config.appDatabaseUrl) await ensureAppRole(endpoints.ownerUrl, config.appDbPassword);
      const ran = await runMigrations(endpoints.ownerUrl, { citusDistribute: config.citus.distribute });
      io.out(ran.length ? `applied ${ran.length} migration(s):\n${ran.map((name) => `  ${name}\n`).join('')}` : 'migrations up to date\n');
    } finally {
      await endpoints.stop();
    }
  });
  db.command('reset').description('wipe the embedded database (all data!)').action(async () => {
    await resetEmbeddedDatabase(config);
    io.out('embedded database reset\n');
  });

  return program;
}

/** Maps an error to what the user sees and the exit code. */
export function describeFailure(err: unknown): { message: string; code: number } {
  if (err instanceof TenantFileError) return { message: `invalid tenant configuration:\n${err.message}`, code: 2 };
  if (err instanceof UsageError) return { message: err.message, code: 2 };
  if (err instanceof CheckFailed) return { message: err.message, code: 1 };
  // A use case's refusal by the code a client would read; anything else (the database unreachable) with its own reason.
  if (err instanceof DomainError) return { message: `${err.code}: ${err.message}`, code: err.code === 'BAD_USER_INPUT' || err.code === 'NOT_FOUND' ? 2 : 1 };
  return { message: err instanceof Error ? err.message : String(err), code: 1 };
}

/** A checkpoint file as `audit checkpoint` writes it (or an audit.checkpoint event's data). */
async function readCheckpoint(file: string): Promise<AuditCheckpoint> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--checkpoint ${file}: ${(err as Error).message}`);
  }
  const c = parsed as Partial<AuditCheckpoint>;
  if (c.version !== 1 || typeof c.tenantId !== 'string' || !Array.isArray(c.heads) || typeof c.signature !== 'string') throw new UsageError(`--checkpoint ${file}: not an audit checkpoint`);
  return c as AuditCheckpoint;
}
