/**
 * Reads the CSV the reports write (stats/csv.ts) and checks its Excel shape on the way: a UTF-8
 * BOM, CRLF line ends (a final one too) and every field in double quotes. Throws on anything else,
 * so a test that reads a report also proves its shape.
 */
export function parseExcelCsv(text: string): { header: string[]; rows: string[][] } {
  if (!text.startsWith('\uFEFF')) throw new Error('no BOM at the start');
  if (!text.endsWith('\r\n')) throw new Error('no CRLF at the end');
  const lines = text.slice(1, -2).split('\r\n');
  const table = lines.map((line, n) => {
    if (/(?<!\r)\n/u.test(line)) throw new Error(`line ${n + 1}: a bare LF`);
    const fields = [...line.matchAll(/"((?:[^"]|"")*)"(,|$)/gu)];
    if (fields.map((f) => f[0]).join('') !== line) throw new Error(`line ${n + 1}: a field is not quoted: ${line}`);
    return fields.map((f) => f[1]!.replace(/""/gu, '"'));
  });
  const [header, ...rows] = table;
  for (const [i, r] of rows.entries())
    if (r.length !== header!.length)
      throw new Error(`row ${i + 1} has ${r.length} fields, the header ${header!.length}`);
  return { header: header!, rows };
}

/** The rows as objects keyed by the header's cells. */
export function csvRecords(text: string): Record<string, string>[] {
  const { header, rows } = parseExcelCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
}
