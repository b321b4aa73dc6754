import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { shownErrors } from './errors';

/**
 * Every refusal, as its code's meaning, the server's message and the field it names; a conduct
 * refusal also says when the action becomes allowed (in the browser's own time zone and the UTC instant).
 */
export function ErrorAlert({ error }: { error: CombinedError | undefined }) {
  const { t, i18n } = useTranslation();
  return shownErrors(error).map((e, i) => (
    <Alert key={i} color="red" title={i18n.exists(`errors.${e.code}`) ? t(`errors.${e.code}`) : t('errors.default')} data-error-code={e.code} role="alert">
      <Text size="sm">{e.message}</Text>
      {e.rule && <Text size="sm" c="gray.8">{t('errors.rule', { rule: i18n.exists(`errors.rules.${e.rule}`) ? t(`errors.rules.${e.rule}`) : e.rule })}</Text>}
      {e.allowedAt && (
        <Text size="sm" fw={600} data-testid="allowed-at">
          {t('errors.allowedAt', { at: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(e.allowedAt)) })}
        </Text>
      )}
      {e.field && <Text size="sm" c="gray.8">{t('errors.field', { field: e.field })}</Text>}
    </Alert>
  ));
}
