import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { shownErrors } from './errors';

/** Every mutation's refusal, as its code's meaning, the server's message and the field it names. */
export function ErrorAlert({ error }: { error: CombinedError | undefined }) {
  const { t, i18n } = useTranslation();
  return shownErrors(error).map((e, i) => (
    <Alert key={i} color="red" title={i18n.exists(`errors.${e.code}`) ? t(`errors.${e.code}`) : t('errors.default')} data-error-code={e.code} role="alert">
      <Text size="sm">{e.message}</Text>
      {e.field && <Text size="sm" c="gray.8">{t('errors.field', { field: e.field })}</Text>}
    </Alert>
  ));
}
