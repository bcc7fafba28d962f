import type { PrivacySettings, SettingsUpdate } from '@haltung/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { usePrivacy, useUpdateSettings } from '../../lib/queries.js';
import { AuditLog } from '../transparency/audit-log.js';
import {
  formValues,
  type SettingsField,
  type SettingsFormValues,
  settingsChange,
  type Weakening,
  weakenings,
} from './settings-form.js';

/** Admin only: the privacy settings, and the audit trail every change lands in. */
export function SettingsView() {
  const { t } = useTranslation();
  const privacy = usePrivacy();
  return (
    <div className="view settings">
      <h2>{t('settings.title')}</h2>
      <p className="intro">{t('settings.intro')}</p>
      <section className="card">
        <QueryState query={privacy}>
          {(p) => <SettingsForm key={JSON.stringify(p.settings)} current={p.settings} />}
        </QueryState>
      </section>
      <AuditLog />
    </div>
  );
}

const FIELDS: { name: SettingsField; inputMode: 'numeric' | 'decimal' | 'text' }[] = [
  { name: 'k', inputMode: 'numeric' },
  { name: 'bucketMinutes', inputMode: 'numeric' },
  { name: 'retentionDays', inputMode: 'numeric' },
  { name: 'epsilon', inputMode: 'decimal' },
  { name: 'timeZone', inputMode: 'text' },
];

function SettingsForm({ current }: { current: PrivacySettings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const [values, setValues] = useState<SettingsFormValues>(() => formValues(current));
  const [invalid, setInvalid] = useState<SettingsField | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ update: SettingsUpdate; risks: Weakening[] } | null>(null);

  function send(change: SettingsUpdate) {
    setConfirming(null);
    setMessage(null);
    update.mutate(change, {
      onSuccess: () => setMessage(t('settings.saved')),
      onError: (error) => setMessage(t('settings.failed', { message: error.message })),
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const change = settingsChange(current, values);
    if (!change.ok) {
      setInvalid(change.field);
      setMessage(t('settings.invalid', { field: t(`settings.${change.field}`) }));
      return;
    }
    setInvalid(null);
    if (Object.keys(change.update).length === 0) {
      setMessage(t('settings.unchanged'));
      return;
    }
    const risks = weakenings(current, change.update);
    if (risks.length > 0) {
      setMessage(null);
      setConfirming({ update: change.update, risks });
      return;
    }
    send(change.update);
  }

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      {FIELDS.map(({ name, inputMode }) => (
        <label key={name}>
          {t(`settings.${name}`)}
          <input
            name={name}
            inputMode={inputMode}
            value={values[name]}
            aria-invalid={invalid === name}
            onChange={(e) => {
              setValues({ ...values, [name]: e.target.value });
              setConfirming(null);
            }}
          />
        </label>
      ))}
      <button type="submit" disabled={update.isPending}>
        {update.isPending ? t('settings.saving') : t('settings.save')}
      </button>
      {confirming && (
        <div className="state state-error" role="alert">
          <ul>
            {confirming.risks.map((risk) => (
              <li key={risk}>{t(`settings.risk.${risk}`)}</li>
            ))}
          </ul>
          <p>{t('settings.confirmHint')}</p>
          <button type="button" onClick={() => send(confirming.update)}>
            {t('settings.confirm')}
          </button>
        </div>
      )}
      <p role="status" className={invalid ? 'state-error' : 'hint'}>
        {message}
      </p>
    </form>
  );
}
