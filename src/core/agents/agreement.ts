import { createHash } from 'node:crypto';

/**
 * The agent agreement a lender's agent signs: who the parties are, what the agent may and may not do
 * (the conduct the platform also enforces), how it is paid, and how it ends. Rendered from the agent's
 * record, so the text (and its hash) change when the agent's name, code or kind do.
 */
export function agentAgreementText(p: { lender: string; agentName: string; agentCode: string | null; agentKind: string; region: string | null }): string {
  return [
    `AGENT AGREEMENT`,
    ``,
    `Between ${p.lender} (the Lender) and ${p.agentName}${p.agentCode ? ` (agent code ${p.agentCode})` : ''}, a ${p.agentKind.toLowerCase().replace(/_/g, ' ')}${p.region ? ` in ${p.region}` : ''} (the Agent).`,
    ``,
    `1. The Agent introduces people to the Lender with their consent, tells them the Lender's full price and terms, and takes no money from them.`,
    `2. The Agent does not collect repayments unless the Lender places a case with it, and then only under the Lender's conduct rules.`,
    `3. The Agent keeps borrowers' data confidential and uses it only for the referral.`,
    `4. The Lender pays the Agent the commission of its current plan; commissions on loans that default early or are written off within the plan's window are clawed back.`,
    `5. The Lender may suspend or end this agreement at once on a breach; commissions earned before then remain payable.`,
  ].join('\n');
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
