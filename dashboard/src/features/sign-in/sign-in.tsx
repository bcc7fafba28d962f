import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context.js';
import { ApiRequestError } from '../../lib/api-error.js';

/** A token field; the server says which role the token has, and the role decides the views. */
export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useApi();
  const id = useId();
  const [token, setToken] = useState('');
  const [state, setState] = useState<'idle' | 'checking' | 'invalid' | 'unreachable'>('idle');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState('checking');
    try {
      await signIn(token.trim());
    } catch (error) {
      const refused =
        error instanceof ApiRequestError && (error.kind === 'unauthorized' || error.kind === 'forbidden');
      setState(refused ? 'invalid' : 'unreachable');
    }
  }

  return (
    <section className="sign-in card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('signIn.title')}</h2>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-token`}>{t('signIn.token')}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={state === 'invalid'}
        />
        <button type="submit" disabled={state === 'checking' || token.trim() === ''}>
          {t('signIn.submit')}
        </button>
      </form>
      <p role="status" className={state === 'idle' || state === 'checking' ? 'hint' : 'state-error'}>
        {state === 'checking' && t('signIn.checking')}
        {state === 'invalid' && t('signIn.invalid')}
        {state === 'unreachable' && t('signIn.unreachable')}
      </p>
    </section>
  );
}
