import { type CollectionChannel, type CollectionStage, type ContactAttempt, type ContactParty } from '../../core/collections';
import type { RequestContext } from '../../platform/tenancy/request-context';
import type { TenantDirectory } from '../../platform/tenancy/tenant-directory';
import type { ConductDefinition } from './collections-definition';

/** A case as the conduct rules read it. */
export interface CaseForConduct {
  id: string;
  borrower_id: string;
  stage: CollectionStage;
  paused_until: Date | null;
}

/** The channels a case's stage may use: the lender's list for the stage, else the stage's own actions and calls. */
export function stageChannels(conduct: ConductDefinition, stage: CollectionStage): CollectionChannel[] {
  return conduct.allowedChannelsByStage[stage.name] ?? [...new Set<CollectionChannel>([...stage.actions.map((a) => a.channel), 'CALL'])];
}

/**
 * Everything the rules need to judge an outbound contact of a case at `at`: the borrower's time
 * zone (the lender's when the borrower has none), the borrower's outbound contacts of the last eight
 * days (any case), and any cooling-off in force (an open collections complaint within the cooling-off
 * days of its filing, a hardship pause).
 */
export async function contactAttempt(
  ctx: RequestContext, tenants: TenantDirectory, conduct: ConductDefinition, c: CaseForConduct,
  contact: { at: Date; channel: CollectionChannel; party: ContactParty; partyConsented: boolean; disclosesDebt: boolean; text: string | null },
): Promise<ContactAttempt> {
  const em = await ctx.db();
  const [row] = await em.query(
    `SELECT b.timezone,
       (SELECT coalesce(json_agg(json_build_object('at', x.at, 'channel', x.channel)), '[]') FROM collection_contacts x
        WHERE x.tenant_id = b.tenant_id AND x.borrower_id = b.id AND x.direction = 'OUTBOUND' AND x.at > $2::timestamptz - interval '8 days') AS previous,
       (SELECT max(k.created_at) FROM complaints k WHERE k.tenant_id = b.tenant_id AND k.borrower_id = b.id AND k.status = 'OPEN' AND k.category = 'COLLECTIONS') AS complained
     FROM borrowers b WHERE b.id = $1`,
    [c.borrower_id, contact.at],
  );
  const complained = row?.complained ? new Date(new Date(row.complained).getTime() + conduct.coolingOffDays * 86_400_000) : null;
  const paused = c.paused_until ? new Date(c.paused_until) : null;
  const coolingOffUntil = [complained, paused].filter((d): d is Date => d !== null).sort((x, y) => y.getTime() - x.getTime())[0] ?? null;
  return {
    ...contact,
    timeZone: row?.timezone ?? (await tenants.current(ctx)).timezone,
    stageChannels: stageChannels(conduct, c.stage),
    previous: (row?.previous ?? []).map((p: { at: string; channel: CollectionChannel }) => ({ at: new Date(p.at), channel: p.channel })),
    coolingOffUntil,
  };
}
