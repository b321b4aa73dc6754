import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DecisionVersions } from './decision-versions';
import { OriginationPolicyEditor } from './origination-policy-editor';

/** Decision setup: scorecard and rule versions tried on past applications before activation; risk appetite and approval tiers. */
export function DecisionsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('decisions.title')}</Title>
      <Tabs defaultValue="SCORECARD" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="SCORECARD">{t('decisions.scorecards')}</Tabs.Tab>
          <Tabs.Tab value="RULES">{t('decisions.ruleSets')}</Tabs.Tab>
          <Tabs.Tab value="appetite">{t('decisions.appetite')}</Tabs.Tab>
          <Tabs.Tab value="tiers">{t('decisions.tiers')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="SCORECARD" pt="sm"><DecisionVersions kind="SCORECARD" /></Tabs.Panel>
        <Tabs.Panel value="RULES" pt="sm"><DecisionVersions kind="RULES" /></Tabs.Panel>
        <Tabs.Panel value="appetite" pt="sm"><OriginationPolicyEditor which="appetite" /></Tabs.Panel>
        <Tabs.Panel value="tiers" pt="sm"><OriginationPolicyEditor which="tiers" /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
