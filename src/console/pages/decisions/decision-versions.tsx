import { Badge, Button, Grid, Group, JsonInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { Facts } from '../../facts';
import { parseJson } from '../../json';
import { graphql } from '../../gql';
import type { DecisionConfigKind } from '../../gql/graphql';
import { can } from '../../permissions';
import { useFormat } from '../../use-format';
import { useViewer } from '../../viewer';

const Configs = graphql(`query ConsoleDecisionConfigs($kind: DecisionConfigKind) { decisionConfigs(kind: $kind) { id kind name version status createdAt activatedAt definition } }`);
const SaveScorecard = graphql(`mutation ConsoleSaveScorecard($name: String!, $definition: JSON!) { saveScorecard(name: $name, definition: $definition) { id version } }`);
const SaveRules = graphql(`mutation ConsoleSaveRuleSet($name: String!, $definition: JSON!) { saveRuleSet(name: $name, definition: $definition) { id version } }`);
const Activate = graphql(`mutation ConsoleActivateDecisionConfig($id: ID!) { activateDecisionConfig(id: $id) { id status } }`);
const Simulate = graphql(`
  query ConsoleSimulateDecision($scorecardId: ID, $ruleSetId: ID) {
    simulateDecision(scorecardId: $scorecardId, ruleSetId: $ruleSetId) { applications current draft changed }
  }
`);


/**
 * A kind's versions: pick one to start from, edit its definition, save it as a draft, see how the latest
 * decided applications would have gone under it (approvals, grades, expected loss), then activate it.
 */
export function DecisionVersions({ kind }: { kind: DecisionConfigKind }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { roles } = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: Configs, variables: { kind } });
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [draftId, setDraftId] = useState<string | null>(null);
  const [savedCard, saveCard] = useMutation(SaveScorecard);
  const [savedRules, saveRules] = useMutation(SaveRules);
  const saved = kind === 'SCORECARD' ? savedCard : savedRules;
  const save = async (vars: { name: string; definition: unknown }): Promise<string | null> => {
    if (kind === 'SCORECARD') return (await saveCard(vars)).data?.saveScorecard.id ?? null;
    return (await saveRules(vars)).data?.saveRuleSet.id ?? null;
  };
  const [activated, activate] = useMutation(Activate);
  const [sim] = useQuery({ query: Simulate, variables: kind === 'SCORECARD' ? { scorecardId: draftId } : { ruleSetId: draftId }, pause: !draftId });
  const configs = data?.decisionConfigs ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const mayEdit = can(roles, 'Mutation', kind === 'SCORECARD' ? 'saveScorecard' : 'saveRuleSet');
  const start = (c: (typeof configs)[number]) => { setName(c.name); setText(JSON.stringify(c.definition, null, 2)); setDraftId(c.status === 'DRAFT' ? c.id : null); };
  const s = sim.data?.simulateDecision;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, xl: 6 }}>
        <ErrorAlert error={error ?? activated.error} />
        <Table striped data-testid={`versions-${kind}`}>
          <Table.Thead><Table.Tr>{(['name', 'version', 'status', 'created'] as const).map((c) => <Table.Th key={c}>{t(`decisions.${c}`)}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>{configs.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.name}</Table.Td><Table.Td>{c.version}</Table.Td>
              <Table.Td><Badge variant="light" color={c.status === 'ACTIVE' ? 'green' : c.status === 'DRAFT' ? 'blue' : 'gray'}>{c.status}</Badge></Table.Td>
              <Table.Td>{f.dateTime(c.createdAt)}</Table.Td>
              <Table.Td><Group gap={4} wrap="nowrap">
                <Button size="xs" variant="subtle" onClick={() => start(c)}>{t('decisions.open')}</Button>
                {c.status === 'DRAFT' && can(roles, 'Mutation', 'activateDecisionConfig') && <Button size="xs" variant="light" color="green" loading={activated.fetching} onClick={() => void activate({ id: c.id }).then(reload)}>{t('decisions.activate')}</Button>}
              </Group></Table.Td>
            </Table.Tr>
          ))}</Table.Tbody>
        </Table>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 6 }}>
        {mayEdit && (
          <form onSubmit={(e) => { e.preventDefault(); void save({ name, definition: parseJson(text) }).then((id) => { if (id) { setDraftId(id); reload(); } }); }}>
            <Stack gap="xs">
              <Title order={3}>{t('decisions.draft')}</Title>
              <TextInput label={t('decisions.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
              <JsonInput label={t('decisions.definition')} value={text} onChange={setText} validationError={t('decisions.invalidJson')} autosize minRows={10} maxRows={24} required />
              <ErrorAlert error={saved.error} />
              <Group><Button type="submit" loading={saved.fetching} disabled={parseJson(text) === undefined}>{t('decisions.saveDraft')}</Button></Group>
            </Stack>
          </form>
        )}
        {draftId && (
          <Stack gap="xs" mt="md" data-testid="simulation">
            <Title order={3}>{t('decisions.simulation')}</Title>
            <ErrorAlert error={sim.error} />
            {sim.fetching && <Text size="sm">{t('decisions.simulating')}</Text>}
            {s && (
              <>
                <Text size="sm">{t('decisions.replayed', { count: s.applications })}</Text>
                <Grid>
                  <Grid.Col span={6}><Title order={4}>{t('decisions.current')}</Title><Facts value={s.current} label={t('decisions.current')} /></Grid.Col>
                  <Grid.Col span={6}><Title order={4}>{t('decisions.underDraft')}</Title><Facts value={s.draft} label={t('decisions.underDraft')} /></Grid.Col>
                </Grid>
                <Title order={4}>{t('decisions.changed')}</Title><Facts value={s.changed} label={t('decisions.changed')} />
              </>
            )}
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}
