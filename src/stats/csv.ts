/**
 * CSV that Excel opens correctly on a Japanese Windows: UTF-8 with a BOM (without it Excel reads
 * Shift_JIS and the Japanese is garbled), CRLF line ends, and every field quoted (so commas,
 * quotes and line breaks in a question or a title never split a cell).
 */
export function toExcelCsv(rows: readonly (readonly (string | number)[])[]): string {
  const q = (v: string | number): string => `"${String(v).replace(/"/gu, '""')}"`;
  return `\uFEFF${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}
