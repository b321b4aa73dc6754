import { agentAgreementText, sha256 } from '../../core/agents';
import { badInput, conflict, forbidden } from '../../core/domain-error';
import { Dec } from '../../core/money';
import type { AuditService } from '../../platform/audit/audit.service';
import type { TenantCipherService } from '../../platform/crypto/tenant-cipher.service';
import type { KycProvider } from '../../platform/providers/providers';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { AgentRow, AgentService } from './agent.service';

export interface AgentAgreement {
  agentId: string;
  text: string;
  sha256: string;
  signed: boolean;
  signerName: string | null;
  signedAt: Date | null;
}

/**
 * An agent's onboarding: its identity checked with the borrowers' KYC provider (the sandbox in the
 * embedded default), and the agent agreement it signs with its own key, the text's hash kept as
 * contracts keep theirs (with the signer's IP and user agent).
 */
export class AgentOnboardingService {
  constructor(private readonly deps: { agents: AgentService; kyc: KycProvider; ciphers: TenantCipherService; tenants: TenantDirectory; audit: AuditService }) {}

  async verifyIdentity(ctx: RequestContext, agentId: string, input: { fullName: string; nationalId: string; dateOfBirth?: string | null }): Promise<AgentRow> {
    const nationalId = input.nationalId.replace(/\s/g, '');
    if (!input.fullName.trim()) throw badInput('input.fullName', 'the name on the identity document');
    if (nationalId.length < 4 || nationalId.length > 40) throw badInput('input.nationalId', 'a national ID or registration number of 4-40 characters');
    // The provider first, before this request touches the database: no outside call while a transaction is open.
    const result = await this.deps.kyc.verify({ fullName: input.fullName.trim(), nationalId, dateOfBirth: input.dateOfBirth ?? null });
    const agent = await this.deps.agents.byIdOrThrow(ctx, agentId, true);
    const passed = result.documentVerified && result.livenessPassed && new Dec(result.faceMatchScore).gte('0.8');
    const cipher = await this.deps.ciphers.cipher(ctx);
    await (await ctx.db()).query(
      `UPDATE agents SET kyc_status = $2, kyc_provider = $3, kyc_reference = $4, kyc_checked_at = now(), national_id_bidx = $5, national_id_last4 = $6, updated_at = now() WHERE id = $1`,
      [agent.id, passed ? 'VERIFIED' : 'FAILED', this.deps.kyc.name, result.reference, cipher.blindIndex('nationalId', nationalId), nationalId.slice(-4)]);
    await this.deps.audit.record(ctx, { action: 'agent.identityChecked', entityType: 'Agent', entityId: agent.id, after: { status: passed ? 'VERIFIED' : 'FAILED', provider: this.deps.kyc.name, reference: result.reference } });
    return this.deps.agents.byIdOrThrow(ctx, agent.id);
  }

  async agreement(ctx: RequestContext, agentId: string): Promise<AgentAgreement> {
    const agent = await this.deps.agents.byIdOrThrow(ctx, agentId);
    const tenant = await this.deps.tenants.current(ctx);
    const text = agentAgreementText({ lender: tenant.name, agentName: agent.name, agentCode: agent.code, agentKind: agent.kind, region: agent.region });
    const hash = sha256(text);
    const [s] = await (await ctx.db()).query('SELECT agreement_sha256 AS sha, agreement_signer AS signer, agreement_signed_at AS "signedAt" FROM agents WHERE id = $1', [agent.id]);
    const signed = s?.sha === hash;
    return { agentId: agent.id, text, sha256: hash, signed, signerName: signed ? s.signer : null, signedAt: signed ? s.signedAt : null };
  }

  /** The agent signs with its own key the text whose hash it names; a changed text must be read again. */
  async sign(ctx: RequestContext, agentId: string, signerName: string, documentHash: string): Promise<AgentAgreement> {
    if (ctx.agentId !== agentId) throw forbidden('An agent signs its own agreement, with its own key');
    if (!signerName.trim() || signerName.length > 200) throw badInput('signerName', 'the name of the person signing');
    const current = await this.agreement(ctx, agentId);
    if (current.sha256 !== documentHash) throw conflict('The agreement changed: read it again and sign its current text', { reason: 'AGREEMENT_CHANGED', field: 'documentHash', sha256: current.sha256 });
    if (current.signed) return current;
    await (await ctx.db()).query(
      'UPDATE agents SET agreement_sha256 = $2, agreement_signer = $3, agreement_signed_at = now(), agreement_ip = $4, agreement_user_agent = $5, updated_at = now() WHERE id = $1',
      [agentId, documentHash, signerName.trim(), ctx.client.ip, ctx.client.userAgent]);
    await this.deps.audit.record(ctx, { action: 'agent.agreementSigned', entityType: 'Agent', entityId: agentId, after: { sha256: documentHash, signerName: signerName.trim(), ip: ctx.client.ip } });
    return this.agreement(ctx, agentId);
  }
}
