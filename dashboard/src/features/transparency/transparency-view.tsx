import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { en } from '../../i18n/en.js';
import { useFormat } from '../../i18n/format.js';
import { useApi } from '../../lib/api-context.js';
import { usePrivacy } from '../../lib/queries.js';
import { AuditLog } from './audit-log.js';
import { ModelCardView } from './model-card-view.js';

type FieldKey = keyof typeof en.fields;
const isFieldKey = (name: string): name is FieldKey => name in en.fields;

/** For works councils (and everyone): what is collected, how it is protected, who changed what. */
export function TransparencyView() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useApi();
  const privacy = usePrivacy();
  const fieldText = (name: string) => (isFieldKey(name) ? t(`fields.${name}`) : name);
  return (
    <div className="view transparency">
      <h2>{t('transparency.title')}</h2>
      <p className="intro">{t('transparency.intro')}</p>
      <QueryState query={privacy}>
        {(p) => (
          <>
            <div className="two-columns">
              <section className="card" aria-labelledby="leaves-title">
                <h3 id="leaves-title">{t('transparency.leavesTitle')}</h3>
                <p className="hint">{t('transparency.leavesHint')}</p>
                <ul>
                  {p.leavesEdge.map((f) => (
                    <li key={f}>{fieldText(f)}</li>
                  ))}
                </ul>
              </section>
              <section className="card" aria-labelledby="stays-title">
                <h3 id="stays-title">{t('transparency.staysTitle')}</h3>
                <ul>
                  {p.staysOnEdge.map((f) => (
                    <li key={f}>{fieldText(f)}</li>
                  ))}
                </ul>
              </section>
            </div>
            <section className="card" aria-labelledby="settings-title">
              <h3 id="settings-title">{t('transparency.settingsTitle')}</h3>
              <dl className="facts">
                <div>
                  <dt>{t('transparency.k')}</dt>
                  <dd>{t('transparency.kValue', { k: p.settings.k })}</dd>
                </div>
                <div>
                  <dt>{t('transparency.bucket')}</dt>
                  <dd>{format.minutes(p.settings.bucketSeconds / 60)}</dd>
                </div>
                <div>
                  <dt>{t('transparency.retention')}</dt>
                  <dd>{format.days(p.settings.retentionDays)}</dd>
                </div>
                <div>
                  <dt>{t('transparency.epsilon')}</dt>
                  <dd>
                    {p.settings.epsilon === null
                      ? t('transparency.epsilonOff')
                      : format.rate(p.settings.epsilon)}
                  </dd>
                </div>
                <div>
                  <dt>{t('transparency.timeZone')}</dt>
                  <dd>{p.settings.timeZone}</dd>
                </div>
                <div>
                  <dt>{t('transparency.modelVersion')}</dt>
                  <dd>{p.modelVersion ?? '–'}</dd>
                </div>
              </dl>
            </section>
          </>
        )}
      </QueryState>
      <ModelCardView />
      {(session?.role === 'works_council' || session?.role === 'admin') && <AuditLog />}
    </div>
  );
}
