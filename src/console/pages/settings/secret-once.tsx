import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret the API returns once and never again: shown with a copy button until the user dismisses it. */
export function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('settings.secretOnce')} data-testid="secret-once">
      <Group>
        <Code data-testid="secret">{secret}</Code>
        <CopyButton value={secret}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? t('settings.copied') : t('settings.copy')}</Button>}</CopyButton>
        <Button size="xs" variant="subtle" onClick={onDismiss}>{t('settings.dismiss')}</Button>
      </Group>
      <Text size="sm" mt="xs">{t('settings.secretOnceHint')}</Text>
    </Alert>
  );
}
