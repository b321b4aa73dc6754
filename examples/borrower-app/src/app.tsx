import { useEffect, useState } from 'react';
import { type AppConfig, loadConfig } from './brand';
import { type Session, resume } from './session';
import { Apply } from './screens/apply';
import { Home } from './screens/home';
import { SignUp } from './screens/sign-up';

/** The app: sign up once, then home (the latest application or loan) with applying, signing and paying from there. */
export function App() {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [applying, setApplying] = useState(false);
  useEffect(() => { void loadConfig().then(setConfig); void resume().then(setSession); }, []);
  if (!config || session === undefined) return <main aria-busy="true"><p className="muted">…</p></main>;
  return (
    <>
      <header>{config.brand.name}</header>
      <main>
        {!session ? <SignUp onSignedUp={setSession} />
          : applying ? <Apply session={session} onApplied={() => setApplying(false)} />
            : <Home session={session} config={config} onApply={() => setApplying(true)} />}
      </main>
    </>
  );
}
