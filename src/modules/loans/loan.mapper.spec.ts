import { type GraphQLObjectType, type GraphQLResolveInfo, parse, Kind, type OperationDefinitionNode, type FragmentDefinitionNode, type FieldNode } from 'graphql';
import { loadConfig } from '../../config/config';
import { buildGraphQLSchema } from '../../platform/graphql/schema';
import { selectedFields } from '../../platform/graphql/selection';
import { createResolvers, createServices } from '../../app/composition';
import { LOAN_COLUMNS, loanColumnsFor, toLoanTypeFromRow } from './loan.mapper';

/** The `loans` field of a query as a resolver's info sees it. */
function loansInfo(query: string): Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}
const columnsOf = (query: string) => loanColumnsFor(selectedFields(loansInfo(query), ['nodes'], ['edges', 'node'])).sort();

describe('loan list columns', () => {
  it('reads only the columns of the fields asked for, the id always, decimals with amounts', () => {
    expect(columnsOf('{ loans { nodes { id } } }')).toEqual(['id']);
    expect(columnsOf('{ loans { pageInfo { hasNextPage } } }')).toEqual(['id']);
    expect(columnsOf('{ loans { nodes { id status principal annualRate currency dpd bucket borrowerId productId nextDueDate } } }'))
      .toEqual(['annualRate', 'borrowerId', 'bucket', 'currency', 'decimals', 'dpd', 'id', 'nextDueDate', 'principal', 'productId', 'status']);
    expect(columnsOf('{ loans { edges { cursor node { amount: netDisbursed } } } }')).toEqual(['decimals', 'id', 'netDisbursed']);
    expect(columnsOf('{ loans { nodes { schedule { number } product { code } __typename } } }')).toEqual(['id', 'productId', 'productVersion']);
    expect(columnsOf('query { loans { nodes { ...A ... on Loan { dpd } } } } fragment A on Loan { status ...B } fragment B on Loan { bucket }')).toEqual(['bucket', 'dpd', 'id', 'status']);
  });

  it('knows every field of Loan: a field added without a column is read with every column, never from nothing', async () => {
    const none = (): never => {
      throw new Error('unused');
    };
    const schema = await buildGraphQLSchema(createResolvers(createServices(loadConfig({ NODE_ENV: 'test' }), none, none)));
    const all = Object.keys(LOAN_COLUMNS).length;
    for (const field of Object.keys((schema.getType('Loan') as GraphQLObjectType).getFields())) {
      expect({ field, known: loanColumnsFor([field]).length < all }).toEqual({ field, known: true });
    }
    expect(loanColumnsFor(['somethingNew'])).toHaveLength(all);
  });

  it('formats amounts in the loan’s decimals and rates without trailing zeros', () => {
    expect(toLoanTypeFromRow({ id: 'a', principal: '12000.5', netDisbursed: '11000', annualRate: '0.180000', apr: '0.2100', decimals: 3 }))
      .toEqual({ id: 'a', principal: '12000.500', netDisbursed: '11000.000', annualRate: '0.18', apr: '0.21' });
    expect(toLoanTypeFromRow({ id: 'a', principal: '500', decimals: null })).toEqual({ id: 'a', principal: '500.00' });
    expect(toLoanTypeFromRow({ id: 'a', status: 'ACTIVE' })).toEqual({ id: 'a', status: 'ACTIVE' });
  });
});
