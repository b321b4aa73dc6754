import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { StaffUserEntity } from '../../modules/identity/staff-user.entity';
import type { RequestContext } from '../tenancy/request-context';

/** DataLoaders live for one request, inside its tenant transaction, so caching never crosses callers. */
export interface Loaders {
  staffUser: DataLoader<string, StaffUserEntity | null>;
}

export function createLoaders(ctx: RequestContext): Loaders {
  return {
    staffUser: new DataLoader(async (ids) => {
      const rows = await (await ctx.db()).getRepository(StaffUserEntity).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
