import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../../platform/graphql/scalars';

@ObjectType('CreditLine', { description: 'A revolving line: draw any time up to the available limit; each draw is a loan.' })
export class CreditLineType {
  @Field(() => ID) id!: string;
  @Field(() => ID) applicationId!: string;
  @Field(() => ID) borrowerId!: string;
  @Field() currency!: string;
  @Field(() => DecimalScalar) limit!: string;
  @Field(() => DecimalScalar, { description: 'Principal outstanding of the open draws.' }) drawn!: string;
  @Field(() => DecimalScalar) available!: string;
  @Field({ description: 'ACTIVE, FROZEN or CLOSED.' }) status!: string;
  @Field(() => DateScalar) openedOn!: string;
  @Field(() => DateScalar) expiresOn!: string;
  @Field() riskGrade!: string;
}
