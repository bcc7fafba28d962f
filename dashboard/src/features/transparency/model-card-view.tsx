import { POSTURE_CLASSES, type PostureClass } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { useFormat } from '../../i18n/format.js';
import { BUNDLED_LIMIT_KEYS, BUNDLED_SOURCE } from '../../lib/model-card.js';
import { useModelCard, usePrivacy } from '../../lib/queries.js';

const isPosture = (name: string): name is PostureClass =>
  (POSTURE_CLASSES as readonly string[]).includes(name);

/** Classes, accuracy and known limits of the posture model, from the server or the bundled summary. */
export function ModelCardView() {
  const { t } = useTranslation();
  const format = useFormat();
  const card = useModelCard();
  const privacy = usePrivacy();
  return (
    <section className="card" aria-labelledby="model-title">
      <h3 id="model-title">{t('transparency.modelTitle')}</h3>
      <QueryState query={card}>
        {(c) => {
          const bundled = c.source === BUNDLED_SOURCE;
          const limits = bundled ? BUNDLED_LIMIT_KEYS.map((key) => t(`modelCard.${key}`)) : c.limits;
          return (
            <dl className="facts">
              <div>
                <dt>{t('transparency.modelVersion')}</dt>
                <dd>{c.modelVersion || privacy.data?.modelVersion || '–'}</dd>
              </div>
              <div>
                <dt>{t('transparency.modelClasses')}</dt>
                <dd>{c.classes.map((cls) => (isPosture(cls) ? t(`postures.${cls}`) : cls)).join(', ')}</dd>
              </div>
              <div>
                <dt>{t('transparency.modelAccuracy')}</dt>
                <dd>
                  {c.accuracy === null ? t('modelCard.notEvaluated') : format.percent(c.accuracy)}
                  {c.worstSubjectAccuracy != null && ` (min. ${format.percent(c.worstSubjectAccuracy)})`}
                </dd>
              </div>
              <div>
                <dt>{t('transparency.modelLimits')}</dt>
                <dd>
                  <ul className="plain">
                    {limits.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                </dd>
              </div>
              <p className="hint">
                {t('transparency.modelSource', { source: bundled ? t('modelCard.bundled') : c.source })}
              </p>
            </dl>
          );
        }}
      </QueryState>
    </section>
  );
}
