import { Button, Group, JsonInput, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { parseJson, withoutNulls } from '../../json';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const Policies = graphql(`
  query ConsoleOriginationPolicies {
    originationPolicies {
      riskAppetite { id dimension key maxAmount maxShare action }
      approvalTiers { id name priority mode minAmount maxAmount grades productCodes group quorum deadlineHours }
    }
  }
`);
const SetLimits = graphql(`mutation ConsoleSetLimits($limits: [RiskAppetiteLimitInput!]!) { setRiskAppetiteLimits(limits: $limits) { id } }`);
const SetTiers = graphql(`mutation ConsoleSetTiers($tiers: [ApprovalTierInput!]!) { setApprovalTiers(tiers: $tiers) { id } }`);

/** The rows as the input takes them back (no nulls, no type names). */
const compact = (rows: object[]) => withoutNulls(rows) as Record<string, unknown>[];

/** Risk-appetite limits or approval tiers: the rules in force as a table, replaced as a whole from their JSON (refusals name the row and field). */
export function OriginationPolicyEditor({ which }: { which: 'appetite' | 'tiers' }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: Policies });
  const rows = which === 'appetite' ? data?.originationPolicies.riskAppetite : data?.originationPolicies.approvalTiers;
  const [text, setText] = useState('');
  useEffect(() => { if (rows) setText(JSON.stringify(compact(rows), null, 2)); }, [rows]);
  const [limits, setLimits] = useMutation(SetLimits);
  const [tiers, setTiers] = useMutation(SetTiers);
  const saving = which === 'appetite' ? limits : tiers;
  const mayEdit = can(roles, 'Mutation', which === 'appetite' ? 'setRiskAppetiteLimits' : 'setApprovalTiers');
  const columns = rows?.length ? Object.keys(compact(rows).reduce((a, r) => ({ ...a, ...r }), {})) : [];
  const submit = () => {
    const value = parseJson(text) as never;
    const done = (r: { error?: unknown }) => { if (!r.error) refetch({ requestPolicy: 'network-only' }); };
    if (which === 'appetite') void setLimits({ limits: value }).then(done); else void setTiers({ tiers: value }).then(done);
  };
  return (
    <Stack>
      <ErrorAlert error={error} />
      {rows && !rows.length && <Text c="gray.7">{t(which === 'appetite' ? 'decisions.noLimits' : 'decisions.noTiers')}</Text>}
      {rows && rows.length > 0 && (
        <Table striped data-testid={`policy-${which}`}>
          <Table.Thead><Table.Tr>{columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>{compact(rows).map((r, i) => <Table.Tr key={i}>{columns.map((c) => <Table.Td key={c}>{Array.isArray((r as Record<string, unknown>)[c]) ? ((r as Record<string, unknown[]>)[c]).join(', ') : String((r as Record<string, unknown>)[c] ?? '')}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
        </Table>
      )}
      {mayEdit && (
        <>
          <JsonInput label={t('decisions.replaceAll')} value={text} onChange={setText} validationError={t('decisions.invalidJson')} autosize minRows={6} maxRows={20} />
          <ErrorAlert error={saving.error} />
          <Group><Button onClick={submit} loading={saving.fetching} disabled={parseJson(text) === undefined}>{t('decisions.save')}</Button></Group>
        </>
      )}
    </Stack>
  );
}
