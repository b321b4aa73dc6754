import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { DateScalar } from '../../platform/graphql/scalars';
import { cobRunJob } from './jobs/cob.job';
import type { CobService } from './cob.service';
import type { QueueRuntime } from '../../platform/queue/queue-runtime';

@Resolver()
export class CobResolver {
  constructor(
    private readonly cob: CobService,
    private readonly queue: () => QueueRuntime,
  ) {}

  @Mutation(() => String, { description: 'Queues the close of business (and any missed dates before it) up to a business date; returns the job id.' })
  async runCloseOfBusiness(@Ctx() { ctx }: GraphQLContext, @Arg('date', () => DateScalar) date: string) {
    const job = await this.queue().enqueue(cobRunJob(this.cob, this.queue), { tenantId: ctx.tenant, date }, { attempts: 3 });
    return job.id!;
  }

  @Query(() => GraphQLJSON, { description: 'The latest close-of-business runs: date, status, loans processed, timing.' })
  async cobRuns(@Ctx() { ctx }: GraphQLContext) {
    return (await ctx.db()).query(
      `SELECT business_date::text AS "businessDate", status, loans_processed AS "loansProcessed", chunks_done AS "chunksDone", started_at AS "startedAt", finished_at AS "finishedAt"
       FROM cob_runs ORDER BY business_date DESC LIMIT 60`);
  }
}
