import type { DataSource } from 'typeorm';
import type { Actor, RequestContext } from './request-context';
import type { Role } from './roles';
import { runInContext } from './run-in-context';

/** Whom a unit of work acts for: one tenant (or none, or the platform), an actor and its roles. */
export interface UnitScope {
  tenantId: string | null;
  actor: Actor;
  roles?: Role[];
  platform?: boolean;
  requestId?: string;
}

/**
 * Units of work for the work a boundary hands to a module that commits in parts (one unit per
 * bank-statement row, close-of-business partition or tenant of a usage report), or that starts
 * with no unit of its own (a login before the tenant is known, a Stripe webhook, an event stream).
 * Each unit is one transaction: committed when its work returns, rolled back when it throws, its
 * staged writes, events and audit entries with it. Modules are given this; they never open a
 * transaction themselves (a dependency rule keeps run-in-context and the transaction out of them).
 */
export class Units {
  constructor(private readonly dataSource: () => DataSource) {}

  run<T>(scope: UnitScope, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return runInContext(this.dataSource(), { ...scope, roles: scope.roles ?? [] }, work);
  }
}
