import { Dec } from '../money';
import { type AutomatedDecision, type CreditPolicy, assertValidPolicy, decideWithValidPolicy } from './policy';
import type { Facts } from './scorecard';

/** A past application replayed through a policy. */
export interface PastApplication {
  id: string;
  amount: string;
  facts: Facts;
  actualOutcome: 'APPROVED' | 'DECLINED' | 'REFERRED';
  grade: string | null;
}

/** Counts and expected loss of one policy over the replayed applications. */
export interface PolicySimulation {
  approved: number;
  referred: number;
  declined: number;
  /** approved / applications, 4 decimals. */
  approvalRate: string;
  /** Sum over approved applications of PD x amount x LGD, 2 decimals (half-even). */
  expectedLoss: string;
  /** Applications per grade, whatever their decision. */
  grades: Record<string, number>;
}

/** An application whose decision or grade differs between the current and the draft policy. */
export interface SimulationChange {
  id: string;
  from: string;
  to: string;
  gradeFrom: string | null;
  gradeTo: string;
  /** What actually happened to the application at the time, for context. */
  actualOutcome?: PastApplication['actualOutcome'];
}

/** The current and draft policies side by side over the same past applications. */
export interface SimulationReport {
  applications: number;
  current: PolicySimulation;
  draft: PolicySimulation;
  changed: SimulationChange[];
}

/**
 * Replays past applications through the current and the draft policy (see {@link decideWithPolicy})
 * to show a policy change's effect before it goes live. Both sides are recomputed, rather than
 * comparing the draft with what happened at the time, so the report isolates this change from
 * earlier ones. Expected loss uses each application's reported 6-decimal PD.
 */
export function simulateDecisions(
  past: PastApplication[],
  current: CreditPolicy,
  draft: CreditPolicy,
  lgd: string,
): SimulationReport {
  const simulation = new DecisionSimulation(current, draft, lgd);
  for (const app of past) simulation.add(app);
  return simulation.report();
}

/**
 * {@link simulateDecisions} one application at a time, for a caller that interleaves other work
 * between them (the API yields to other requests every few dozen applications). The same report.
 */
export class DecisionSimulation {
  private readonly currentRun: PolicyTotals;
  private readonly draftRun: PolicyTotals;
  private readonly changed: SimulationChange[] = [];
  private count = 0;

  constructor(
    private readonly current: CreditPolicy,
    private readonly draft: CreditPolicy,
    lgd: string,
  ) {
    // Each policy is checked once (as decideWithPolicy would on every applicant), then applied to all.
    assertValidPolicy(current);
    assertValidPolicy(draft);
    const loss = new Dec(lgd);
    this.currentRun = new PolicyTotals(loss);
    this.draftRun = new PolicyTotals(loss);
  }

  add(app: PastApplication): void {
    const before = this.currentRun.add(app, this.current);
    const after = this.draftRun.add(app, this.draft);
    this.count++;
    if (before.decision !== after.decision || before.grade !== after.grade)
      this.changed.push({ id: app.id, from: before.decision, to: after.decision, gradeFrom: before.grade, gradeTo: after.grade, actualOutcome: app.actualOutcome });
  }

  report(): SimulationReport {
    return { applications: this.count, current: this.currentRun.report(this.count), draft: this.draftRun.report(this.count), changed: [...this.changed] };
  }
}

class PolicyTotals {
  private readonly counts: Record<AutomatedDecision, number> = { APPROVED: 0, REFERRED: 0, DECLINED: 0 };
  private readonly grades: Record<string, number> = {};
  private expectedLoss = new Dec(0);

  constructor(private readonly lgd: Dec) {}

  add(app: PastApplication, policy: CreditPolicy): { decision: AutomatedDecision; grade: string } {
    const { decision, score } = decideWithValidPolicy(policy, app.facts);
    this.counts[decision]++;
    this.grades[score.grade] = (this.grades[score.grade] ?? 0) + 1;
    if (decision === 'APPROVED') this.expectedLoss = this.expectedLoss.plus(new Dec(score.pd).times(app.amount).times(this.lgd));
    return { decision, grade: score.grade };
  }

  report(applications: number): PolicySimulation {
    const rate = applications === 0 ? new Dec(0) : new Dec(this.counts.APPROVED).div(applications);
    return {
      approved: this.counts.APPROVED,
      referred: this.counts.REFERRED,
      declined: this.counts.DECLINED,
      approvalRate: rate.toFixed(4, Dec.ROUND_HALF_EVEN),
      expectedLoss: this.expectedLoss.toFixed(2, Dec.ROUND_HALF_EVEN),
      grades: { ...this.grades },
    };
  }
}
