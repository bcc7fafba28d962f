import { HAZARD_TYPES } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { CellValue } from '../../components/cell-value.js';
import { CsvButton } from '../../components/csv-button.js';
import { useFormat } from '../../i18n/format.js';
import { toCsv } from '../../lib/csv.js';
import { useLive } from './use-live.js';

/** The current bucket per zone, as the server pushes it. */
export function LiveView({ site }: { site: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message, status, serverError } = useLive(site);
  const statusText =
    status.state === 'open'
      ? t('live.connected')
      : status.state === 'connecting'
        ? t('live.connecting')
        : t('live.reconnecting', { seconds: Math.ceil(status.retryInMs / 1000) });
  const hazards = message
    ? HAZARD_TYPES.filter((h) => message.zones.some((z) => z.hazards[h] !== undefined))
    : [];
  const csv = () =>
    message
      ? toCsv(
          ['bucket_start_utc', 'zone', 'worker_hours', ...hazards.map((h) => `${h}_warnings`)],
          message.zones.map((z) => [
            new Date(message.bucketStartMs).toISOString(),
            z.zoneId,
            z.workerHours,
            ...hazards.map((h) => z.hazards[h]),
          ]),
        )
      : '';

  return (
    <div className="view live">
      <h2>{t('live.title')}</h2>
      <p className={`live-status live-${status.state}`} role="status">
        <span className="dot" aria-hidden="true" /> {statusText}
      </p>
      {serverError && (
        <p className="state state-error" role="alert">
          {t('live.serverError', { code: serverError })}
        </p>
      )}
      {!message ? (
        <p className="state state-empty">{t('live.waiting')}</p>
      ) : (
        <section className="card" aria-labelledby="live-bucket">
          <h3 id="live-bucket">{t('live.bucket', { start: format.dateTime(message.bucketStartMs) })}</h3>
          <p className="hint">
            {t('live.hint', { minutes: Math.round(message.bucketSeconds / 60), k: message.privacy.k })}
          </p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('live.zone')}</th>
                  <th scope="col">{t('live.workerHours')}</th>
                  {hazards.map((h) => (
                    <th scope="col" key={h}>
                      {t(`hazards.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {message.zones.map((z) => (
                  <tr key={z.zoneId}>
                    <th scope="row">{z.zoneId}</th>
                    <td>
                      <CellValue cell={z.workerHours} k={message.privacy.k} format={format.hours} />
                    </td>
                    {hazards.map((h) => {
                      const cell = z.hazards[h];
                      return (
                        <td key={h}>
                          {cell ? <CellValue cell={cell} k={message.privacy.k} format={format.count} /> : '–'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CsvButton fileName={`haltung-live-${site}.csv`} build={csv} />
        </section>
      )}
    </div>
  );
}
