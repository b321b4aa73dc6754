import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { costPer } from '../../platform/graphql/cost';
import { AprInputType, AprResultType, SchedulePreviewInput, SchedulePreviewType } from './dto/schedule.type';
import type { ScheduleService } from './schedule.service';

/**
 * A preview costs its rows whether or not `installments` is selected: each is computed, formatted and
 * counted in the APR solve. 8 points a row: the 7 fields and the object of an instalment; 50 for each
 * preview, which reads the tenant, product and rate cap (30 small previews took longer than one of
 * 1,200 rows at the same row count: see query-cost.bench.ts).
 */
export const SCHEDULE_ROW_POINTS = 8;
/** An APR solve iterates over every cash flow, some dozen times: 5 points a flow (measured, see cost.ts). */
export const CASH_FLOW_POINTS = 5;

@Resolver()
export class ScheduleResolver {
  constructor(private readonly schedules: ScheduleService) {}

  @Query(() => SchedulePreviewType, {
    description: 'A repayment schedule with totals, APR and the rate-cap check; refused with RATE_CAP_EXCEEDED above the cap.',
    complexity: costPer(50, SCHEDULE_ROW_POINTS, (a) => a.input?.termCount),
  })
  previewSchedule(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SchedulePreviewInput) input: SchedulePreviewInput) {
    return this.schedules.preview(ctx, input);
  }

  @Query(() => AprResultType, {
    description: 'The annual percentage rate of any set of dated advances and payments.',
    complexity: costPer(5, CASH_FLOW_POINTS, (a) => (a.input?.advances?.length ?? 0) + (a.input?.payments?.length ?? 0)),
  })
  annualPercentageRate(@Arg('input', () => AprInputType) input: AprInputType) {
    return this.schedules.apr(input);
  }
}
