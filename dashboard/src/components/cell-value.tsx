import type { Cell, SuppressionReason } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';

/** The sentence that explains a suppression, e.g. "fewer than 5 workers". */
export function useSuppressionText(): (reason: SuppressionReason, k: number) => string {
  const { t } = useTranslation();
  return (reason, k) =>
    reason === 'below_k' ? t('suppressed.below_k', { k }) : t('suppressed.complementary');
}

interface CellValueProps {
  cell: Cell;
  /** k of the answer the cell came from. */
  k: number;
  format: (value: number) => string;
}

/** A figure, or a visibly marked suppressed cell with its reason — never a 0. */
export function CellValue({ cell, k, format }: CellValueProps) {
  const { t } = useTranslation();
  const reasonText = useSuppressionText();
  if (!cell.suppressed) return <span className="figure">{format(cell.value)}</span>;
  const reason = reasonText(cell.reason, k);
  return (
    <span className="suppressed" data-reason={cell.reason} title={reason}>
      <span aria-hidden="true">⊘ </span>
      {t('suppressed.short')} <span className="suppressed-reason">({reason})</span>
    </span>
  );
}
