import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { AprInputType, AprResultType, SchedulePreviewInput, SchedulePreviewType } from './dto/schedule.type';
import type { ScheduleService } from './schedule.service';

@Resolver()
export class ScheduleResolver {
  constructor(private readonly schedules: ScheduleService) {}

  @Query(() => SchedulePreviewType, { description: 'A repayment schedule with totals, APR and the rate-cap check; refused with RATE_CAP_EXCEEDED above the cap.' })
  previewSchedule(@Ctx() { ctx }: GraphQLContext, @Arg('input', () => SchedulePreviewInput) input: SchedulePreviewInput) {
    return this.schedules.preview(ctx, input);
  }

  @Query(() => AprResultType, { description: 'The annual percentage rate of any set of dated advances and payments.' })
  annualPercentageRate(@Arg('input', () => AprInputType) input: AprInputType) {
    return this.schedules.apr(input);
  }
}
