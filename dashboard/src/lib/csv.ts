import type { Cell } from '@haltung/protocol';

export type CsvValue = string | number | null | undefined | Cell;

/**
 * Builds RFC 4180 CSV. A suppressed cell is written as an empty value plus a `<column>_suppressed`
 * reason column, so a spreadsheet never reads it as 0.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cellColumns = header.map((_, i) => rows.some((row) => isCell(row[i])));
  const fullHeader = header.flatMap((name, i) => (cellColumns[i] ? [name, `${name}_suppressed`] : [name]));
  const lines = [fullHeader.map(quote).join(',')];
  for (const row of rows) {
    const fields = header.flatMap((_, i) => {
      const value = row[i];
      if (!cellColumns[i]) return [plain(value)];
      if (isCell(value)) return value.suppressed ? ['', value.reason] : [String(value.value), ''];
      return [plain(value), ''];
    });
    lines.push(fields.map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function isCell(value: CsvValue): value is Cell {
  return typeof value === 'object' && value !== null && 'suppressed' in value;
}

function plain(value: CsvValue): string {
  return value === null || value === undefined || isCell(value) ? '' : String(value);
}

function quote(field: string): string {
  // Leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@]/.test(field) && Number.isNaN(Number(field)) ? `'${field}` : field;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Offers the CSV as a file download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
