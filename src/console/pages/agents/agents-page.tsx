import { Group, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../use-format';
import { useViewer } from '../../viewer';
import { AgentCommissions } from './agent-commissions';
import { AgentNetwork } from './agent-network';
import { AgentPerformanceTable } from './agent-performance';

/** Agents: the network as a tree, a month's commissions and statements, and each agent's business against the book. */
export function AgentsPage() {
  const { t } = useTranslation();
  const { tenant } = useViewer();
  const [period, setPeriod] = useState(() => todayIn(tenant.timezone).slice(0, 7));
  const valid = /^\d{4}-\d{2}$/.test(period);
  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={2}>{t('agents.title')}</Title>
        <TextInput label={t('agents.period')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} placeholder="YYYY-MM" w={120} />
      </Group>
      <Tabs defaultValue="network" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="network">{t('agents.network')}</Tabs.Tab>
          <Tabs.Tab value="commissions">{t('agents.commissions')}</Tabs.Tab>
          <Tabs.Tab value="performance">{t('agents.performance')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="network" pt="sm"><AgentNetwork /></Tabs.Panel>
        <Tabs.Panel value="commissions" pt="sm">{valid && <AgentCommissions period={period} />}</Tabs.Panel>
        <Tabs.Panel value="performance" pt="sm">{valid && <AgentPerformanceTable period={period} />}</Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
