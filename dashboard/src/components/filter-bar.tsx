import type { SitesResponse } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { PERIODS, type Period } from '../lib/period.js';

export interface Filters {
  site: string;
  period: Period;
}

interface FilterBarProps {
  sites: SitesResponse['sites'];
  filters: Filters;
  onChange: (filters: Filters) => void;
  onRefresh: () => void;
  /** The live view has no period. */
  showPeriod?: boolean;
}

export function FilterBar({ sites, filters, onChange, onRefresh, showPeriod = true }: FilterBarProps) {
  const { t } = useTranslation();
  return (
    <form className="filter-bar" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('filters.site')}
        <select value={filters.site} onChange={(e) => onChange({ ...filters, site: e.target.value })}>
          {sites.map((s) => (
            <option key={s.siteId} value={s.siteId}>
              {s.siteId}
            </option>
          ))}
        </select>
      </label>
      {showPeriod && (
        <label>
          {t('filters.period')}
          <select
            value={filters.period}
            onChange={(e) => onChange({ ...filters, period: e.target.value as Period })}
          >
            {(Object.keys(PERIODS) as Period[]).map((p) => (
              <option key={p} value={p}>
                {t(`filters.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {showPeriod && (
        <button type="button" onClick={onRefresh}>
          {t('filters.refresh')}
        </button>
      )}
    </form>
  );
}
