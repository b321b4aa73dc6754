import { Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../error-alert';
import { graphql } from '../gql';
import type { Session } from '../session';

const Login = graphql(`
  mutation ConsoleLogin($input: LoginInput!) {
    login(input: $input) { token expiresAt }
  }
`);

/** Staff sign in with their lender's slug, email and password (`login`). */
export function LoginPage({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ tenantSlug: '', email: '', password: '' });
  const [{ fetching, error }, login] = useMutation(Login);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await login({ input: form });
    if (r.data) onSignedIn({ token: r.data.login.token, expiresAt: r.data.login.expiresAt, tenantSlug: form.tenantSlug, email: form.email });
  };
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.currentTarget.value }) });
  return (
    <Center mih="100vh">
      <Paper component="main" withBorder p="xl" w={380}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">{t('login.title')}</Title>
            <TextInput label={t('login.tenant')} required autoComplete="organization" {...field('tenantSlug')} />
            <TextInput label={t('login.email')} type="email" required autoComplete="username" {...field('email')} />
            <PasswordInput label={t('login.password')} required autoComplete="current-password" {...field('password')} />
            <ErrorAlert error={error} />
            <Button type="submit" loading={fetching}>{t('login.submit')}</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
