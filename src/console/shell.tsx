import { AppShell, Button, Center, Group, Loader, NavLink, Select, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { ErrorAlert } from './error-alert';
import { graphql } from './gql';
import { LANGUAGES } from './i18n';
import { pagesFor } from './pages';
import { ViewerContext } from './viewer';

const ViewerQuery = graphql(`
  query ConsoleViewer {
    viewer { roles tenant { name slug locale baseCurrency timezone } }
  }
`);

/** The signed-in console: a menu of the pages the viewer's roles may use, the language switch, the page. */
export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  const location = useLocation();
  const navigate = useNavigate();
  if (error) return <Center p="xl"><ErrorAlert error={error} /><Button ml="md" onClick={onSignOut}>{t('app.signOut')}</Button></Center>;
  if (!data?.viewer.tenant) return <Center p="xl"><Loader /></Center>;
  const viewer = { roles: data.viewer.roles as string[], tenant: data.viewer.tenant };
  const pages = pagesFor(viewer.roles);
  return (
    <ViewerContext.Provider value={viewer}>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Title order={4}>{t('app.title')} · {viewer.tenant.name}</Title>
            <Group>
              <Select aria-label={t('app.language')} data={LANGUAGES.map((l) => ({ ...l }))} value={i18n.language} onChange={(l) => l && void i18n.changeLanguage(l)} w={130} allowDeselect={false} />
              <Button variant="subtle" onClick={onSignOut}>{t('app.signOut')}</Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" component="nav">
          {pages.map((p) => <NavLink key={p.path} variant="filled" label={t(p.label)} active={location.pathname.startsWith(p.path)} onClick={() => navigate(p.path)} href={`#${p.path}`} />)}
        </AppShell.Navbar>
        <AppShell.Main>
          <Suspense fallback={<Loader />}>
            <Routes>
              {pages.map((p) => <Route key={p.path} path={`${p.path}/*`} element={p.element} />)}
              {pages[0] && <Route path="*" element={<Navigate to={pages[0].path} replace />} />}
            </Routes>
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </ViewerContext.Provider>
  );
}
