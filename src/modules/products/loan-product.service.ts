import { isDeepStrictEqual } from 'node:util';
import type { AprConvention } from '../../core/loan-math';
import type { ProductTerms } from '../../core/products/product-terms';
import { worstCaseApr } from '../../core/products/product-schedule';
import { uuidv7 } from '../../platform/db/ids';
import { queryPrepared } from '../../platform/db/prepared';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { badInput, conflict, notFound } from '../../core/domain-error';
import { withoutNulls } from '../../platform/graphql/input';
import { todayIn } from '../../platform/tenancy/business-date';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { AuditService } from '../../platform/audit/audit.service';
import type { PricingService } from '../pricing';
import type { LedgerService } from '../ledger';
import { ACCOUNT_TYPES } from '../../core/ledger/journal';
import { zodToBadInput } from '../tenancy';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import { LoanProductEntity, LoanProductVersionEntity, type LoanProductStatus } from './loan-product.entity';
import { productCodeSchema, productTermsSchema, toProductTerms } from './product-definition';

export interface ProductFilter {
  status?: LoanProductStatus | null;
  segment?: string | null;
  currency?: string | null;
  search?: string | null;
}

/** Product versions kept in memory per process (a few kilobytes each). */
const VERSIONS_KEPT = 2000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The catalogue: products with immutable versions. Every save is checked against the tenant's rate
 * cap at the product's worst corner, so no preview or offer made from it can breach the cap.
 */
export class LoanProductService {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly pricing: PricingService,
    private readonly audit: AuditService,
    private readonly limits: { defaultPageSize: number; maxPageSize: number },
    private readonly ledger: LedgerService,
  ) {}

  async create(ctx: RequestContext, code: string, input: unknown, root = 'input'): Promise<LoanProductEntity> {
    const parsedCode = productCodeSchema.safeParse(code);
    if (!parsedCode.success) throw badInput('code', `code: ${parsedCode.error.issues[0].message}`);
    const terms = this.parseTerms(input, root);
    const repo = (await ctx.db()).getRepository(LoanProductEntity);
    if (await repo.existsBy({ code })) throw conflict(`A product with code ${code} already exists; revise it instead`, { field: 'code' });
    const maxApr = await this.checkCap(ctx, terms, root);
    const now = new Date();
    const product = Object.assign(new LoanProductEntity(), {
      tenantId: ctx.tenant, id: uuidv7(), code, name: terms.name, segment: terms.segment, currency: terms.currency,
      revolving: Boolean(terms.creditLine), status: 'ACTIVE' as const, currentVersion: 1, createdAt: now, updatedAt: now, archivedAt: null,
    });
    await repo.insert(product);
    await this.insertVersion(ctx, product, terms, maxApr);
    await this.audit.record(ctx, { action: 'loanProduct.created', entityType: 'LoanProduct', entityId: product.id, after: { code, version: 1, terms } });
    return product;
  }

  /** A new version with `input` as its terms; unchanged terms make no version. Archived products cannot be revised. */
  async revise(ctx: RequestContext, id: string, input: unknown, root = 'input'): Promise<LoanProductEntity> {
    const terms = this.parseTerms(input, root);
    const product = await this.lockOrThrow(ctx, id);
    if (product.status === 'ARCHIVED') throw conflict(`Product ${product.code} is archived`);
    const current = await this.version(ctx, id, product.currentVersion);
    if (isDeepStrictEqual(normalised(current.terms), normalised(terms))) return product;
    const maxApr = await this.checkCap(ctx, terms, root);
    product.currentVersion += 1;
    Object.assign(product, { name: terms.name, segment: terms.segment, currency: terms.currency, revolving: Boolean(terms.creditLine), updatedAt: new Date() });
    await (await ctx.db()).getRepository(LoanProductEntity).save(product);
    await this.insertVersion(ctx, product, terms, maxApr);
    await this.audit.record(ctx, { action: 'loanProduct.revised', entityType: 'LoanProduct', entityId: id, before: { version: current.version, terms: current.terms }, after: { version: product.currentVersion, terms } });
    return product;
  }

  async archive(ctx: RequestContext, id: string): Promise<LoanProductEntity> {
    const product = await this.lockOrThrow(ctx, id);
    if (product.status === 'ARCHIVED') return product;
    Object.assign(product, { status: 'ARCHIVED', archivedAt: new Date(), updatedAt: new Date() });
    await (await ctx.db()).getRepository(LoanProductEntity).save(product);
    await this.audit.record(ctx, { action: 'loanProduct.archived', entityType: 'LoanProduct', entityId: id, before: { status: 'ACTIVE' }, after: { status: 'ARCHIVED' } });
    return product;
  }

  /** Tenants as code: create, revise or archive to match the file; an unchanged entry writes nothing. */
  async applyDefinition(ctx: RequestContext, def: { code: string; archived?: boolean; terms: unknown }, root: string): Promise<'created' | 'updated' | 'unchanged'> {
    const existing = await (await ctx.db()).getRepository(LoanProductEntity).findOneBy({ code: def.code });
    if (!existing) {
      const created = await this.create(ctx, def.code, def.terms, root);
      if (def.archived) await this.archive(ctx, created.id);
      return 'created';
    }
    let changed = false;
    if (existing.status === 'ACTIVE') {
      const revised = await this.revise(ctx, existing.id, def.terms, root);
      changed = revised.currentVersion !== existing.currentVersion;
    }
    if (def.archived && existing.status !== 'ARCHIVED') {
      await this.archive(ctx, existing.id);
      changed = true;
    }
    return changed ? 'updated' : 'unchanged';
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<LoanProductEntity> {
    const product = await (await ctx.db()).getRepository(LoanProductEntity).findOneBy({ id });
    if (!product) throw notFound('LoanProduct', id);
    return product;
  }

  /** What an application reads of its product (its code, status and current version), in one prepared statement. */
  async headOrThrow(ctx: RequestContext, id: string): Promise<Pick<LoanProductEntity, 'id' | 'code' | 'status' | 'currentVersion'>> {
    const [head] = await queryPrepared<Pick<LoanProductEntity, 'id' | 'code' | 'status' | 'currentVersion'>>(
      await ctx.db(),
      'SELECT id, code, status, current_version AS "currentVersion" FROM loan_products WHERE id = $1',
      [id],
    );
    if (!head) throw notFound('LoanProduct', id);
    return head;
  }

  async byCode(ctx: RequestContext, code: string): Promise<LoanProductEntity | null> {
    return (await ctx.db()).getRepository(LoanProductEntity).findOneBy({ code });
  }

  /**
   * A product version. Versions never change once written (a revision is a new version), so each is
   * read once per process, kept under its tenant, and handed out frozen.
   */
  async version(ctx: RequestContext, productId: string, version: number): Promise<LoanProductVersionEntity> {
    const key = `${ctx.tenant}:${productId}:${version}`;
    const kept = this.versions.get(key);
    if (kept) return kept;
    const row = await (await ctx.db()).getRepository(LoanProductVersionEntity).findOneBy({ productId, version });
    if (!row) throw notFound('LoanProductVersion', `${productId}@${version}`);
    if (this.versions.size >= VERSIONS_KEPT) this.versions.clear();
    this.versions.set(key, deepFreeze(row));
    return row;
  }

  private readonly versions = new Map<string, LoanProductVersionEntity>();

  async list(ctx: RequestContext, args: PageArgs & ProductFilter): Promise<Connection<LoanProductEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(LoanProductEntity).createQueryBuilder('p').orderBy('p.id', 'ASC').limit(size + 1);
    if (args.after) qb.andWhere('p.id > :after', { after: decodeCursor(args.after) });
    if (args.status) qb.andWhere('p.status = :status', { status: args.status });
    if (args.segment) qb.andWhere('p.segment = :segment', { segment: args.segment });
    if (args.currency) qb.andWhere('p.currency = :currency', { currency: args.currency });
    if (args.search) qb.andWhere('(p.code ILIKE :q OR p.name ILIKE :q)', { q: `%${args.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    return toConnection(await qb.getMany(), size, (p) => p.id, Boolean(args.after));
  }

  parseTerms(input: unknown, root: string): ProductTerms {
    const parsed = productTermsSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    return toProductTerms(parsed.data);
  }

  /** A product may only post to accounts of the tenant's chart, of the same type as the role they replace. */
  private async checkAccounts(ctx: RequestContext, terms: ProductTerms, root: string): Promise<void> {
    const mapping = terms.accountMapping ?? [];
    if (mapping.length === 0) return;
    const chart = new Map((await this.ledger.accounts(ctx)).map((a) => [a.code, a.type]));
    mapping.forEach((m, i) => {
      const type = chart.get(m.account);
      if (!type) throw badInput(`${root}.accountMapping.${i}.account`, `no account ${m.account} in the chart; add it with setLedgerAccount`);
      const expected = ACCOUNT_TYPES[m.role as keyof typeof ACCOUNT_TYPES];
      if (type !== expected) throw badInput(`${root}.accountMapping.${i}.account`, `${m.role} is ${expected}; ${m.account} is ${type}`);
    });
  }

  /** The worst-case all-in APR of the terms, refused with RATE_CAP_EXCEEDED when above today's cap. */
  private async checkCap(ctx: RequestContext, terms: ProductTerms, root: string): Promise<string> {
    await this.checkAccounts(ctx, terms, root);
    const tenant = await this.tenants.current(ctx);
    const today = todayIn(tenant.timezone);
    const cap = await this.pricing.capFor(ctx, today);
    const convention: AprConvention = cap?.rule.aprConvention ?? 'US_REG_Z_ACTUARIAL';
    const worst = worstCaseApr(terms, today, convention);
    this.pricing.assertWithinCap(worst.apr, cap, { field: `${root}.rateBands`, ...worst });
    return worst.apr;
  }

  private async insertVersion(ctx: RequestContext, product: LoanProductEntity, terms: ProductTerms, maxApr: string): Promise<void> {
    await (await ctx.db()).getRepository(LoanProductVersionEntity).insert({
      tenantId: ctx.tenant, productId: product.id, version: product.currentVersion, terms, maxApr,
      createdAt: new Date(), createdByType: ctx.actor.type, createdById: ctx.actor.id,
    });
  }

  private async lockOrThrow(ctx: RequestContext, id: string): Promise<LoanProductEntity> {
    const product = await (await ctx.db()).getRepository(LoanProductEntity).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    if (!product) throw notFound('LoanProduct', id);
    return product;
  }
}

/** Terms as stored (jsonb drops undefined, keeps key order irrelevant) for an equality check. */
function normalised(terms: ProductTerms): unknown {
  return JSON.parse(JSON.stringify(withoutNulls(terms)));
}
