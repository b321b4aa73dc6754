import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { GraphQLContext } from '../../platform/graphql/context';
import { badInput } from '../../core/domain-error';
import { AccountTypeChange, type LedgerService } from './ledger.service';

export enum AccountTypeEnum { ASSET = 'ASSET', LIABILITY = 'LIABILITY', EQUITY = 'EQUITY', INCOME = 'INCOME', EXPENSE = 'EXPENSE' }
registerEnumType(AccountTypeEnum, { name: 'AccountType' });

@ObjectType('LedgerAccount')
export class LedgerAccountType {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => AccountTypeEnum) type!: string;
}

@Resolver()
export class LedgerResolver {
  constructor(private readonly ledger: LedgerService) {}

  @Query(() => [LedgerAccountType], { description: 'The tenant\u2019s chart of accounts: the defaults and its own.' })
  ledgerAccounts(@Ctx() { ctx }: GraphQLContext) {
    return this.ledger.accounts(ctx);
  }

  @Mutation(() => [LedgerAccountType], { description: 'Adds (or renames) an account, e.g. LOAN_PRINCIPAL_AGRI for a product\u2019s account mapping.' })
  async setLedgerAccount(@Ctx() { ctx }: GraphQLContext, @Arg('code') code: string, @Arg('name') name: string, @Arg('type', () => AccountTypeEnum) type: AccountTypeEnum) {
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(code)) throw badInput('code', 'upper-case letters, digits and _, e.g. LOAN_PRINCIPAL_AGRI');
    if (!name.trim()) throw badInput('name', 'name the account');
    try {
      await this.ledger.setAccount(ctx, code, name.trim(), type);
    } catch (err) {
      if (err instanceof AccountTypeChange) throw badInput('type', err.message);
      throw err;
    }
    return this.ledger.accounts(ctx);
  }
}
