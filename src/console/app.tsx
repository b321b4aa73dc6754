import { Badge, MantineProvider, createTheme, darken, defaultVariantColorsResolver, parseThemeColor } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { HashRouter } from 'react-router';
import { Provider } from 'urql';
import { apiClient } from './api';
import { LoginPage } from './pages/login-page';
import { prefetchPages } from './pages';
import { Shell } from './shell';
import { type Session, loadSession, saveSession } from './session';

/**
 * Mantine's theme with the darker shades, so text keeps a 4.5:1 contrast (WCAG AA): on buttons (filled
 * ones of any colour), and in the light variant (badges, the menu's current page), whose text is the
 * colour's darkest shade, darker.
 */
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  variantColorResolver: (input) => {
    const colours = defaultVariantColorsResolver(input);
    const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
    if (!parsed.isThemeColor) return colours;
    const darkest = input.theme.colors[parsed.color][9];
    if (input.variant === 'light') return { ...colours, color: darken(darkest, 0.3) };
    // White on green or orange at the usual shade is under 4.5:1: filled buttons of other colours than the primary take the darkest shade, darker.
    if (input.variant === 'filled' && parsed.color !== input.theme.primaryColor) return { ...colours, background: darken(darkest, 0.15), hover: darken(darkest, 0.3), color: '#fff' };
    return colours;
  },
  // A badge keeps its whole word in a narrow table column (Mantine would cut it to "UNMATC…").
  components: { Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }) },
});

/** Signed out: the sign-in page. Signed in: the console, every call with the session's token. */
export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const client = useMemo(() => apiClient(session?.token ?? null), [session]);
  // Once the first screen is up, the pages' code comes in behind it.
  useEffect(() => { const timer = setTimeout(prefetchPages, 0); return () => clearTimeout(timer); }, []);
  const signIn = (s: Session | null) => {
    saveSession(s);
    setSession(s);
  };
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Provider value={client}>
        <HashRouter>{session ? <Shell onSignOut={() => signIn(null)} /> : <LoginPage onSignedIn={signIn} />}</HashRouter>
      </Provider>
    </MantineProvider>
  );
}
