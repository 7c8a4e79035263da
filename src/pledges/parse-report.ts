/**
 * Parses the city's published report text (the format of shared/seed: a title line, the report's
 * name, an intro, then area headings each followed by '・' bullets) into a plain structure.
 * Pure: no file access. Assigning category ids to headings is the caller's job, because that
 * needs the known areas (see pledges/catalog).
 */

export interface ReportBulletPart {
  /** 1-based position of the part inside a '/'-joined bullet; 1 when the bullet has no '/'. */
  part: number;
  text: string;
}

export interface ReportBullet {
  /** 1-based position of the bullet inside its section. */
  bullet: number;
  /** The bullet's whole wording, verbatim, without the leading '・'. */
  text: string;
  parts: ReportBulletPart[];
}

export interface ReportSection {
  /** The heading line as published, e.g. "子育て世代が頑張れるまち ~ 子育て・教育環境のさらなる充実 ~". */
  heading: string;
  title: string;
  subtitle: string;
  /** 1-based line number of the heading in the report, for error messages. */
  line: number;
  bullets: ReportBullet[];
}

export interface ParsedReport {
  /** First line, e.g. "市長公約(2期目3年目)に係る上尾市の取組状況". */
  pageTitle: string;
  /** The report's own name, e.g. "市長公約取組状況(2期目3年目)" (a trailing "[PDFファイル/720KB]" is dropped). */
  reportTitle: string;
  /** The period in the report's name, e.g. "2期目3年目"; "" when the name has none. */
  period: string;
  /** Lines between the report's name and the first heading (slogan, introduction). */
  intro: string[];
  sections: ReportSection[];
}

export class ReportParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ReportParseError';
  }
}

const BULLET_MARK = /^[・･]\s*/u;
const PART_SEPARATOR = /[/／]/u;
const FILE_NOTE = /\s*[[［][^\]］]*(PDF|ファイル|KB|MB)[^\]］]*[\]］]\s*$/iu;
const SUBTITLE = /^(.*?)\s*[~〜～]\s*(.*?)\s*[~〜～]?\s*$/u;
const PERIOD = /[(（]([^)）]+)[)）]/u;

/** Splits "title ~ subtitle ~" headings; a heading without '~' has an empty subtitle. */
export function splitHeading(heading: string): { title: string; subtitle: string } {
  const m = SUBTITLE.exec(heading);
  if (!m || !m[2]) return { title: heading.trim(), subtitle: '' };
  return { title: (m[1] ?? '').trim(), subtitle: m[2].trim() };
}

/** Splits a bullet on '/' (half- or full-width) into its parts, dropping empty pieces. */
export function splitBullet(text: string): ReportBulletPart[] {
  const pieces = text
    .split(PART_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return pieces.map((p, i) => ({ part: i + 1, text: p }));
}

/** Parses the report text. Throws ReportParseError naming the line when the text is not a report. */
export function parseReport(source: string): ParsedReport {
  const lines = source
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text.length > 0);
  if (lines.length === 0) throw new ReportParseError('報告書が空です。');

  const isBullet = (i: number): boolean => BULLET_MARK.test(lines[i]?.text ?? '');
  const firstHeading = lines.findIndex((l, i) => !BULLET_MARK.test(l.text) && isBullet(i + 1));
  if (firstHeading < 0) {
    throw new ReportParseError('分野の見出し(「・」で始まる行が続く行)が見つかりません。');
  }
  if (firstHeading < 2) {
    throw new ReportParseError('1行目にページの題名、2行目に報告書の名前が必要です。', 1);
  }

  const pageTitle = lines[0]!.text;
  const reportTitle = lines[1]!.text.replace(FILE_NOTE, '').trim();
  const period = PERIOD.exec(reportTitle)?.[1]?.trim() ?? '';
  const intro = lines.slice(2, firstHeading).map((l) => l.text);

  const sections: ReportSection[] = [];
  for (let i = firstHeading; i < lines.length; i++) {
    const { text, line } = lines[i]!;
    if (BULLET_MARK.test(text)) {
      const section = sections[sections.length - 1]!;
      const bulletText = text.replace(BULLET_MARK, '').trim();
      if (!bulletText) throw new ReportParseError('中身のない「・」の行があります。', line);
      section.bullets.push({
        bullet: section.bullets.length + 1,
        text: bulletText,
        parts: splitBullet(bulletText),
      });
    } else {
      if (!isBullet(i + 1)) {
        throw new ReportParseError(`見出し「${text}」の後に「・」で始まる項目がありません。`, line);
      }
      sections.push({ heading: text, ...splitHeading(text), line, bullets: [] });
    }
  }
  return { pageTitle, reportTitle, period, intro, sections };
}
