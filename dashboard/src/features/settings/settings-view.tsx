import type { PrivacySettings } from '@haltung/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { usePrivacy, useUpdateSettings } from '../../lib/queries.js';
import { AuditLog } from '../transparency/audit-log.js';
import { formValues, type SettingsField, type SettingsFormValues, settingsChange } from './settings-form.js';

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
    setMessage(null);
    update.mutate(change.update, {
      onSuccess: () => setMessage(t('settings.saved')),
      onError: (error) => setMessage(t('settings.failed', { message: error.message })),
    });
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
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" disabled={update.isPending}>
        {update.isPending ? t('settings.saving') : t('settings.save')}
      </button>
      <p role="status" className={invalid ? 'state-error' : 'hint'}>
        {message}
      </p>
    </form>
  );
}
