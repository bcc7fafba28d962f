import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { useFormat } from '../../i18n/format.js';
import { useModelCard } from '../../lib/queries.js';

export function ModelCardView() {
  const { t } = useTranslation();
  const format = useFormat();
  const card = useModelCard();
  return (
    <section className="card" aria-labelledby="model-title">
      <h3 id="model-title">{t('transparency.modelTitle')}</h3>
      <QueryState query={card}>
        {(c) => (
          <dl className="facts">
            <div>
              <dt>{t('transparency.modelVersion')}</dt>
              <dd>{c.modelVersion}</dd>
            </div>
            <div>
              <dt>{t('transparency.modelClasses')}</dt>
              <dd>{c.classes.join(', ')}</dd>
            </div>
            <div>
              <dt>{t('transparency.modelAccuracy')}</dt>
              <dd>
                {c.accuracy === null ? '–' : format.percent(c.accuracy)}
                {c.worstSubjectAccuracy != null && ` (min. ${format.percent(c.worstSubjectAccuracy)})`}
              </dd>
            </div>
            <div>
              <dt>{t('transparency.modelLimits')}</dt>
              <dd>
                <ul className="plain" lang="en">
                  {c.limits.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <p className="hint">{t('transparency.modelSource', { source: c.source })}</p>
          </dl>
        )}
      </QueryState>
    </section>
  );
}
