import type { AuditEntry } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { CsvButton } from '../../components/csv-button.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat } from '../../i18n/format.js';
import { toCsv } from '../../lib/csv.js';
import { useAudit } from '../../lib/queries.js';

const show = (value: unknown) => (value === null || value === undefined ? '–' : String(value));

/** Every change to the privacy settings, newest first: when, which role account, what changed. */
export function AuditLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const audit = useAudit(true);
  const csv = (entries: AuditEntry[]) => () =>
    toCsv(
      ['time_utc', 'role', 'actor', 'field', 'from', 'to'],
      entries.flatMap((e) =>
        Object.entries(e.change).map(([field, c]) => [
          new Date(e.tMs).toISOString(),
          e.role,
          e.actor,
          field,
          show(c.from),
          show(c.to),
        ]),
      ),
    );
  return (
    <section className="card" aria-labelledby="audit-title">
      <h3 id="audit-title">{t('transparency.auditTitle')}</h3>
      <QueryState query={audit} isEmpty={(d) => d.length === 0} emptyText={t('transparency.auditEmpty')}>
        {(entries) => {
          const sorted = [...entries].sort((a, b) => b.tMs - a.tMs);
          return (
            <>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('transparency.auditWhen')}</th>
                      <th scope="col">{t('transparency.auditWho')}</th>
                      <th scope="col">{t('transparency.auditChange')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sorted.map((e) => (
                      <tr key={`${e.tMs}/${e.actor}`}>
                        <td>{format.dateTime(e.tMs)}</td>
                        <td>
                          {e.actor} ({t(`roles.${e.role}`)})
                        </td>
                        <td>
                          <ul className="plain">
                            {Object.entries(e.change).map(([field, c]) => (
                              <li key={field}>
                                {t('transparency.auditFromTo', { field, from: show(c.from), to: show(c.to) })}
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <CsvButton fileName="haltung-settings-audit.csv" build={csv(sorted)} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
