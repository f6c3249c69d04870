import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CounterScreen } from './CounterScreen.js';
import { SetupForm } from './SetupForm.js';
import { forgetToken, readSession, saveSession, type CounterSession } from './lib/session.js';
import './counter.css';

function App() {
  const [initial] = useState(() => readSession(window.location, window.localStorage, window.history));
  const [session, setSession] = useState<CounterSession | null>(
    initial.counterId && initial.token ? { counterId: initial.counterId, token: initial.token } : null,
  );
  const [notice, setNotice] = useState<string | null>(null);

  if (!session) {
    return (
      <SetupForm
        initialCounterId={initial.counterId}
        notice={notice}
        onDone={(next) => {
          saveSession(window.localStorage, next);
          setNotice(null);
          setSession(next);
        }}
      />
    );
  }
  return (
    <CounterScreen
      key={`${session.counterId}:${session.token}`}
      session={session}
      onUnauthorized={() => {
        forgetToken(window.localStorage, session.counterId);
        setNotice('Mã truy cập của quầy không đúng hoặc đã bị thu hồi. Vui lòng nhập lại.');
        setSession(null);
      }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
