/**
 * A problem in the staff-maintained data, told in words staff understand: which file, which
 * record (area or item id) and which field, and what is wrong.
 */
export interface DataProblem {
  /** Path of the file as given to the loader, e.g. "data/areas/disaster.json". */
  file: string;
  /** The record: an item id such as "disaster-03", an area id, or "" for the file as a whole. */
  record: string;
  /** The field inside the record, e.g. "keywords"; "" when the problem is the whole record. */
  field: string;
  message: string;
}

/** Formats one problem as a single line: "file: 項目 disaster-03 の keywords: message". */
export function formatProblem(p: DataProblem): string {
  const where = [p.record ? `${p.record}` : '', p.field ? `${p.field}` : ''].filter(Boolean).join(' の ');
  return `${p.file}: ${where ? `${where}: ` : ''}${p.message}`;
}

/** Thrown when data/ cannot be used; carries every problem found. */
export class DataError extends Error {
  constructor(readonly problems: DataProblem[]) {
    super(
      `データに問題があります (${problems.length} 件):\n` +
        problems
          .slice(0, 20)
          .map((p) => `  - ${formatProblem(p)}`)
          .join('\n') +
        (problems.length > 20 ? `\n  - ほか ${problems.length - 20} 件` : ''),
    );
    this.name = 'DataError';
  }
}
