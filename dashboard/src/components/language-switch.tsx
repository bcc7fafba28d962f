import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/translations.js';

const NAMES = { en: 'English', de: 'Deutsch' } as const;

/** Switches between German and English; the choice is remembered for the next visit. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.language')}</legend>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => i18n.changeLanguage(lng)}
        >
          {NAMES[lng]}
        </button>
      ))}
    </fieldset>
  );
}
