import { In } from 'typeorm';
import type { LoaderDefinition } from '../../platform/graphql/loaders';
import { StaffUserEntity } from './staff-user.entity';

/** Staff users by id, batched per request (null for an id that is not a user of the tenant). */
export const STAFF_USERS: LoaderDefinition<string, StaffUserEntity | null> = {
  name: 'staffUsers',
  async batch(ctx, ids) {
    const rows = await (await ctx.db()).getRepository(StaffUserEntity).findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  },
};
