import type { SelectQueryBuilder } from 'typeorm';
import { Dec } from '../../core/money';
import { mask } from '../../platform/crypto/envelope';
import { uuidv7, readableCode } from '../../platform/db/ids';
import { queryPrepared } from '../../platform/db/prepared';
import { stageInsert } from '../../platform/db/staged-insert';
import { type Connection, type PageArgs, decodeCursor, pageSize, toConnection } from '../../platform/graphql/connection';
import { conflict, forbidden, notFound } from '../../core/domain-error';
import { withoutNulls } from '../../platform/graphql/input';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { Role } from '../../platform/tenancy/roles';
import type { AuditService } from '../../platform/audit/audit.service';
import { BorrowerEntity } from '../identity';
import { zodToBadInput } from '../tenancy';
import { borrowerSchema, type BorrowerInputData } from './borrower-definition';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import type { Applicant } from '../../platform/providers/providers';

export type ConsentKind = 'BUREAU_PULL' | 'DATA_PROCESSING' | 'MARKETING';

/** Which roles see which personal field in clear; everyone else sees it masked. A borrower sees its own. */
const CLEAR: Record<'nationalId' | 'phone' | 'bankAccount', Role[]> = {
  nationalId: ['LENDER_ADMIN', 'UNDERWRITER'],
  phone: ['LENDER_ADMIN', 'UNDERWRITER', 'SERVICER', 'COLLECTOR'],
  bankAccount: ['LENDER_ADMIN', 'SERVICER'],
};

export interface BorrowerView {
  referralCode: string;
  id: string;
  kind: string;
  segment: string | null;
  fullName: string | null;
  nationalId: string | null;
  phone: string | null;
  bankAccount: string | null;
  email: string | null;
  dateOfBirth: string | null;
  region: string | null;
  timeZone: string | null;
  locale: string | null;
  address: Record<string, string> | null;
  industry: string | null;
  monthlyIncome: string | null;
  monthlyObligations: string | null;
  business: Record<string, unknown> | null;
  externalRef: string | null;
  pseudonymised: boolean;
  createdAt: Date;
}

/**
 * Whether a caller told that a borrower already exists may be told which one: only a caller that may
 * read every borrower. An agent or a front-end (APP) would learn the id of a borrower it may not read.
 */
function mayKnowWhich(ctx: RequestContext): boolean {
  return ctx.referringAgent === null && ctx.hasRole('LENDER_ADMIN', 'UNDERWRITER');
}

/** Borrowers: personal data encrypted at rest, looked up by blind index, exported and erased on request. */
export class BorrowerService {
  constructor(
    private readonly ciphers: TenantCipherService,
    private readonly audit: AuditService,
    private readonly limits: { defaultPageSize: number; maxPageSize: number },
  ) {}

  async create(ctx: RequestContext, input: unknown, root = 'input'): Promise<BorrowerEntity> {
    const data = this.parse(input, root);
    const em = await ctx.db();
    const repo = em.getRepository(BorrowerEntity);
    await this.refuseKnownIdentity(ctx, data.nationalId, root);
    const now = new Date();
    if (data.externalRef) {
      const known = await repo.findOneBy({ externalRef: data.externalRef });
      // A borrower first seen through mintBorrowerToken (a front-end's sign-in: only its reference) is
      // completed by the full record; a complete one with this reference is another borrower.
      // So is one another front-end signed in: its users are not this caller's to complete.
      const othersUser = known !== null && ctx.frontEnd !== null && known.appKeyId !== ctx.frontEnd;
      if (known && (known.nationalIdBidx || othersUser)) throw conflict('A borrower with this externalRef already exists', { field: `${root}.externalRef`, ...(mayKnowWhich(ctx) && { borrowerId: known.id }) });
      if (known) {
        if (known.pseudonymisedAt) throw conflict('This borrower was erased');
        Object.assign(known, await this.columns(ctx, data), { displayName: known.displayName ?? data.fullName, updatedAt: now });
        await repo.save(known);
        await this.audit.record(ctx, { action: 'borrower.completed', entityType: 'Borrower', entityId: known.id, after: { kind: data.kind, segment: data.segment, region: data.region ?? null } });
        return known;
      }
    }
    const borrower: BorrowerEntity = Object.assign(new BorrowerEntity(), { tenantId: ctx.tenant, id: uuidv7(), createdAt: now, displayName: data.fullName, agentId: ctx.agentId, appKeyId: ctx.frontEnd, referralCode: readableCode(10) }, await this.columns(ctx, data), { updatedAt: now });
    // A new id: its INSERT staged (save would first read the row to choose between insert and update),
    // sent with the transaction's next statement.
    await stageInsert(ctx, BorrowerEntity, borrower);
    await this.audit.record(ctx, { action: 'borrower.created', entityType: 'Borrower', entityId: borrower.id, after: { kind: data.kind, segment: data.segment, region: data.region ?? null } });
    return borrower;
  }

  /**
   * Refuses a new borrower whose national ID another borrower of the lender has (CONFLICT on
   * `root.nationalId`, naming it to a caller that may know which: see mayKnowWhich). Only whether one
   * exists, and its id, is read. A submission asks this before the providers are asked about the applicant.
   */
  async refuseKnownIdentity(ctx: RequestContext, nationalId: string, root = 'input'): Promise<void> {
    const cipher = await this.ciphers.cipher(ctx);
    const [existing] = await queryPrepared<{ id: string }>(await ctx.db(), 'SELECT id FROM borrowers WHERE national_id_bidx = $1 LIMIT 1', [cipher.blindIndex('nationalId', nationalId)]);
    if (existing) throw conflict('A borrower with this national ID already exists', { field: `${root}.nationalId`, ...(mayKnowWhich(ctx) && { borrowerId: existing.id }) });
  }

  /**
   * The borrower as the identity check and the bureau are asked about them, the national ID decrypted
   * (CONFLICT when none is on record). For a provider's question, never for a caller to read.
   */
  async applicantOf(ctx: RequestContext, borrower: BorrowerEntity): Promise<Applicant> {
    if (!borrower.nationalIdEnc) throw conflict('The borrower has no national ID on record');
    const cipher = await this.ciphers.cipher(ctx);
    return { fullName: borrower.fullName ?? '', nationalId: cipher.decrypt('nationalId', borrower.nationalIdEnc), dateOfBirth: borrower.dateOfBirth };
  }

  async update(ctx: RequestContext, id: string, input: unknown, root = 'input'): Promise<BorrowerEntity> {
    const data = this.parse(input, root);
    const repo = (await ctx.db()).getRepository(BorrowerEntity);
    const borrower = await this.byIdOrThrow(ctx, id);
    if (borrower.pseudonymisedAt) throw conflict('This borrower was erased');
    const columns = await this.columns(ctx, data);
    const clash = await repo.findOneBy({ nationalIdBidx: columns.nationalIdBidx });
    if (clash && clash.id !== id) throw conflict('Another borrower has this national ID', { field: `${root}.nationalId`, borrowerId: clash.id });
    Object.assign(borrower, columns, { displayName: data.fullName, updatedAt: new Date() });
    await repo.save(borrower);
    await this.audit.record(ctx, { action: 'borrower.updated', entityType: 'Borrower', entityId: id, after: { segment: data.segment, region: data.region ?? null } });
    return borrower;
  }

  async byIdOrThrow(ctx: RequestContext, id: string): Promise<BorrowerEntity> {
    if (ctx.hasRole('BORROWER') && ctx.borrowerId !== id) throw notFound('Borrower', id);
    const qb = (await ctx.db()).getRepository(BorrowerEntity).createQueryBuilder('b').where('b.id = :id', { id });
    const borrower = await frontEndScoped(ctx, agentScoped(ctx, qb)).getOne();
    if (!borrower) throw notFound('Borrower', id);
    return borrower;
  }

  /** Search by national ID or phone goes through the blind index, by name through the (non-secret) name. */
  async list(ctx: RequestContext, args: PageArgs & { nationalId?: string | null; phone?: string | null; name?: string | null }): Promise<Connection<BorrowerEntity>> {
    const size = pageSize(args, this.limits);
    const qb = (await ctx.db()).getRepository(BorrowerEntity).createQueryBuilder('b').orderBy('b.id', 'ASC').limit(size + 1);
    if (args.after) qb.andWhere('b.id > :after', { after: decodeCursor(args.after) });
    frontEndScoped(ctx, agentScoped(ctx, qb));
    if (args.nationalId || args.phone) {
      const cipher = await this.ciphers.cipher(ctx);
      if (args.nationalId) qb.andWhere('b.national_id_bidx = :n', { n: cipher.blindIndex('nationalId', args.nationalId) });
      if (args.phone) qb.andWhere('b.phone_bidx = :p', { p: cipher.blindIndex('phone', args.phone) });
    }
    if (args.name) qb.andWhere('b.full_name ILIKE :name', { name: `%${args.name.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    return toConnection(await qb.getMany(), size, (b) => b.id, Boolean(args.after));
  }

  /** Staff, an agent for the borrowers it may read, a front-end for its own users, a borrower for itself; for anyone else NOT_FOUND. */
  async recordConsent(ctx: RequestContext, borrowerId: string, kind: ConsentKind, granted: boolean, textVersion: string): Promise<void> {
    await this.recordConsentOf(ctx, await this.byIdOrThrow(ctx, borrowerId), kind, granted, textVersion);
  }

  /**
   * A consent of a borrower the caller already holds (read, or created, in this transaction): staged
   * with the unit of work's next statement, and audited.
   */
  async recordConsentOf(ctx: RequestContext, borrower: BorrowerEntity, kind: ConsentKind, granted: boolean, textVersion: string): Promise<void> {
    ctx.writes.add(
      'INSERT INTO borrower_consents (tenant_id, id, borrower_id, kind, granted, text_version) VALUES ($1, $2, $3, $4, $5, $6)',
      [ctx.tenant, uuidv7(), borrower.id, kind, granted, textVersion],
    );
    await this.audit.record(ctx, { action: granted ? 'consent.granted' : 'consent.withdrawn', entityType: 'Borrower', entityId: borrower.id, after: { kind, textVersion } });
  }

  /** The latest answer per consent kind. */
  async consents(ctx: RequestContext, borrowerId: string): Promise<{ kind: ConsentKind; granted: boolean; textVersion: string; recordedAt: Date }[]> {
    const rows = await (await ctx.db()).query(
      `SELECT DISTINCT ON (kind) kind, granted, text_version AS "textVersion", recorded_at AS "recordedAt"
       FROM borrower_consents WHERE borrower_id = $1 ORDER BY kind, recorded_at DESC, id DESC`,
      [borrowerId],
    );
    return rows;
  }

  async hasConsent(ctx: RequestContext, borrowerId: string, kind: ConsentKind): Promise<boolean> {
    return (await this.consents(ctx, borrowerId)).some((c) => c.kind === kind && c.granted);
  }

  /** Everything held about a borrower, in clear, for a data-subject request. */
  async export(ctx: RequestContext, id: string): Promise<Record<string, unknown>> {
    const borrower = await this.byIdOrThrow(ctx, id);
    const em = await ctx.db();
    const view = await this.view(ctx, borrower, true);
    const applications = await em.query('SELECT id, status, requested_amount::text AS amount, created_at FROM applications WHERE borrower_id = $1 ORDER BY created_at', [id]);
    const loans = await em.query('SELECT id, principal::text, currency, status, disbursed_at FROM loans WHERE borrower_id = $1 ORDER BY disbursed_at', [id]);
    await this.audit.record(ctx, { action: 'borrower.exported', entityType: 'Borrower', entityId: id });
    return { exportedAt: new Date().toISOString(), borrower: view, consents: await this.consents(ctx, id), applications, loans };
  }

  /**
   * Erasure: personal data is removed and the record pseudonymised; loans, ledger and audit keep
   * their history under the borrower id.
   */
  async erase(ctx: RequestContext, id: string): Promise<BorrowerEntity> {
    const borrower = await this.byIdOrThrow(ctx, id);
    if (borrower.pseudonymisedAt) return borrower;
    Object.assign(borrower, {
      fullName: `erased-${id.slice(-8)}`, displayName: null, externalRef: null, dateOfBirth: null, email: null, address: null, business: null,
      nationalIdEnc: null, nationalIdBidx: null, nationalIdLast4: null, phoneEnc: null, phoneBidx: null, phoneLast4: null, bankAccountEnc: null, bankAccountBidx: null,
      pseudonymisedAt: new Date(), updatedAt: new Date(),
    });
    await (await ctx.db()).getRepository(BorrowerEntity).save(borrower);
    await this.audit.record(ctx, { action: 'borrower.erased', entityType: 'Borrower', entityId: id });
    return borrower;
  }

  /** The borrower as the caller may see it: personal fields in clear only for roles that need them. */
  async view(ctx: RequestContext, b: BorrowerEntity, forceClear = false): Promise<BorrowerView> {
    const cipher = b.nationalIdEnc || b.phoneEnc || b.bankAccountEnc ? await this.ciphers.cipher(ctx) : null;
    const own = ctx.borrowerId === b.id;
    const field = (name: keyof typeof CLEAR, enc: string | null, last4: string | null) => {
      if (!enc) return null;
      return forceClear || own || ctx.hasRole(...CLEAR[name]) ? cipher!.decrypt(name, enc) : mask(last4);
    };
    return {
      id: b.id, kind: b.kind, segment: b.segment, fullName: b.fullName, email: b.email, dateOfBirth: b.dateOfBirth, region: b.region, timeZone: b.timezone, locale: b.locale, address: b.address,
      industry: b.industry, business: b.business, externalRef: b.externalRef, pseudonymised: Boolean(b.pseudonymisedAt), createdAt: b.createdAt,
      monthlyIncome: b.monthlyIncome === null ? null : new Dec(b.monthlyIncome).toFixed(2),
      monthlyObligations: b.monthlyObligations === null ? null : new Dec(b.monthlyObligations).toFixed(2),
      nationalId: field('nationalId', b.nationalIdEnc, b.nationalIdLast4),
      phone: field('phone', b.phoneEnc, b.phoneLast4),
      bankAccount: field('bankAccount', b.bankAccountEnc, ''),
      referralCode: b.referralCode,
    };
  }

  private parse(input: unknown, root: string): BorrowerInputData {
    const parsed = borrowerSchema.safeParse(withoutNulls(input));
    if (!parsed.success) throw zodToBadInput(parsed.error, root);
    return parsed.data;
  }

  private async columns(ctx: RequestContext, d: BorrowerInputData) {
    if (ctx.hasRole('BORROWER') && !ctx.hasRole('LENDER_ADMIN')) throw forbidden('Borrowers change their data through the lender');
    const cipher = await this.ciphers.cipher(ctx);
    const secret = (name: 'nationalId' | 'phone' | 'bankAccount', value: string | null | undefined) =>
      value ? { enc: cipher.encrypt(name, value), bidx: cipher.blindIndex(name, value), last4: value.replace(/\s/g, '').slice(-4) } : { enc: null, bidx: null, last4: null };
    const nid = secret('nationalId', d.nationalId);
    const phone = secret('phone', d.phone);
    const bank = secret('bankAccount', d.bankAccount);
    return {
      kind: d.kind, segment: d.segment, fullName: d.fullName, dateOfBirth: d.dateOfBirth ?? null, email: d.email ?? null, region: d.region ?? null, timezone: d.timeZone ?? null, locale: d.locale ?? null,
      address: (d.address as Record<string, string>) ?? null, industry: d.industry ?? null, monthlyIncome: d.monthlyIncome ?? null,
      monthlyObligations: d.monthlyObligations ?? null, business: (d.business as Record<string, unknown>) ?? null, externalRef: d.externalRef ?? null,
      nationalIdEnc: nid.enc, nationalIdBidx: nid.bidx!, nationalIdLast4: nid.last4, phoneEnc: phone.enc, phoneBidx: phone.bidx, phoneLast4: phone.last4,
      bankAccountEnc: bank.enc, bankAccountBidx: bank.bidx,
    };
  }
}

/**
 * An agent reads the borrowers it registered or referred (see RequestContext.referringAgent), and a
 * collection agency those whose collection case is placed with it now.
 */
function agentScoped(ctx: RequestContext, qb: SelectQueryBuilder<BorrowerEntity>): SelectQueryBuilder<BorrowerEntity> {
  if (ctx.referringAgent === null) return qb;
  return qb.andWhere(`(b.agent_id = :agent OR EXISTS (SELECT 1 FROM applications x WHERE x.tenant_id = b.tenant_id AND x.borrower_id = b.id AND x.agent_id = :agent)
    OR EXISTS (SELECT 1 FROM collection_cases cc WHERE cc.tenant_id = b.tenant_id AND cc.borrower_id = b.id AND cc.placed_with = :agent::uuid))`, { agent: ctx.referringAgent });
}

/** A front-end reads and acts only on its own users (see RequestContext.frontEnd). */
function frontEndScoped(ctx: RequestContext, qb: SelectQueryBuilder<BorrowerEntity>): SelectQueryBuilder<BorrowerEntity> {
  const key = ctx.frontEnd;
  return key === null ? qb : qb.andWhere('b.app_key_id = :appKey', { appKey: key });
}
