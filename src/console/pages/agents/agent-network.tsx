import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';

const Agents = graphql(`
  query ConsoleAgents {
    agents(first: 100) { nodes { id parentId name code kind region status kycStatus agreementSignedAt referralCode } }
  }
`);

interface AgentNode { id: string; parentId?: string | null; name: string; code?: string | null; kind: string; region?: string | null; status: string; kycStatus?: string | null; agreementSignedAt?: string | null }

/** The network as the lender built it: networks, their branches and agents, each with status, identity check and agreement. */
export function AgentNetwork() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: Agents });
  const agents = (data?.agents.nodes ?? []) as AgentNode[];
  const ids = new Set(agents.map((a) => a.id));
  const childrenOf = (id: string | null) => agents.filter((a) => (a.parentId && ids.has(a.parentId) ? a.parentId : null) === id);
  const branch = (parent: string | null) => (
    <List withPadding={parent !== null} listStyleType="none">
      {childrenOf(parent).map((a) => (
        <List.Item key={a.id}>
          <Group gap="xs">
            <Text fw={600}>{a.name}</Text>
            {a.code && <Text c="gray.7" size="sm">{a.code}</Text>}
            <Badge variant="light" size="sm">{t(`agents.kinds.${a.kind}`, a.kind)}</Badge>
            {a.region && <Text size="sm">{a.region}</Text>}
            <Badge variant="light" size="sm" color={a.status === 'ACTIVE' ? 'green' : 'red'}>{a.status}</Badge>
            {a.kycStatus && <Badge variant="light" size="sm" color={a.kycStatus === 'VERIFIED' ? 'green' : 'red'}>KYC {a.kycStatus}</Badge>}
            {!a.agreementSignedAt && <Badge variant="light" size="sm" color="orange">{t('agents.unsigned')}</Badge>}
          </Group>
          {childrenOf(a.id).length > 0 && branch(a.id)}
        </List.Item>
      ))}
    </List>
  );
  return (
    <div data-testid="agent-network">
      <ErrorAlert error={error} />
      {data && !agents.length ? <Text c="gray.7">{t('agents.none')}</Text> : branch(null)}
    </div>
  );
}
