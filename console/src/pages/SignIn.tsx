import { useState } from 'preact/hooks';
import { api, ApiError, Me, session } from '../api';
import { LanguageSwitch } from '../App';
import { useI18n } from '../i18n';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    session.set(token.trim());
    try {
      onSignedIn(await api.get<Me>('/api/me'));
    } catch (error) {
      session.clear();
      setProblem(error instanceof ApiError && error.status === 401 ? t.badToken : (error as Error).message);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>{t.product} · {t.appTitle}</h1>
      <LanguageSwitch />
      <form onSubmit={submit}>
        <label for="token">{t.accessToken}</label>
        <input id="token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} aria-describedby="token-help" />
        <p id="token-help" class="help">{t.tokenHelp}</p>
        {problem && <p role="alert" class="problem">{problem}</p>}
        <button type="submit" class="primary">{t.signIn}</button>
      </form>
    </main>
  );
}
