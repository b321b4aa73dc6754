import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { MAX_OFFERED_TERM_COUNT } from '../../core/loan-math';
import { type CostFunction, costPer, listItems } from '../../platform/graphql/cost';
import { AprInputType, AprResultType, SchedulePreviewInput, SchedulePreviewType } from './dto/schedule.type';
import type { ScheduleService } from './schedule.service';

/**
 * What a preview costs, in points (about a microsecond of the server's CPU each; see
 * docs/api-limits.md for the measurement): 500 for what every preview does whatever its length (its
 * input read, the product and rate cap looked up, the totals written; 30 short previews in one
 * request measured about 400 µs each), 1 a row for computing the schedule and solving its APR (under a quarter of a
 * microsecond a row, measured), and, only when `installments` is selected, each row it renders:
 * 2 for the row (for each alias of the list) and 2 for each value selected in it (resolving,
 * serialising and writing it out).
 * A 1,200-row preview of totals costs about 1,700; the same with every row field about 21,000, more
 * than the default limit of 15,000 (about 850 rows with every field, or 1,200 rows with four).
 */
export const PREVIEW_POINTS = 500;
export const SCHEDULE_ROW_POINTS = 1;
export const RENDERED_ROW_POINTS = 2;
export const RENDERED_VALUE_POINTS = 2;

const previewCost: CostFunction = (est) => {
  const rows = termCountOf(est.args);
  const rendered = listItems(est, 'installments');
  const perRow = SCHEDULE_ROW_POINTS + RENDERED_ROW_POINTS * rendered.lists + RENDERED_VALUE_POINTS * rendered.values;
  return PREVIEW_POINTS + est.childComplexity + rows * perRow;
};

/** The termCount asked for; one the arguments do not give yet (never, once variables are coerced) counts as the ceiling. */
function termCountOf(args: Record<string, any>): number {
  const n = args.input?.termCount;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : MAX_OFFERED_TERM_COUNT;
}

/** Each cash flow is read from the input (an object, a date and a decimal) and enters every iteration of the solve: 12 points (measured 11 µs). */
export const CASH_FLOW_POINTS = 12;

@Resolver()
export class ScheduleResolver {
  constructor(private readonly schedules: ScheduleService) {}

  @Query(() => SchedulePreviewType, {
    description: 'A repayment schedule with totals, APR and the rate-cap check; refused with RATE_CAP_EXCEEDED above the cap.',
    complexity: previewCost,
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
