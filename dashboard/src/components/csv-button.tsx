import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../lib/csv.js';

/** Exports what the view shows; the CSV is built only on click. */
export function CsvButton({ fileName, build }: { fileName: string; build: () => string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="csv-button" onClick={() => downloadCsv(fileName, build())}>
      {t('csv.export')}
    </button>
  );
}
