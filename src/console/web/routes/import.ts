import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Router } from 'express';
import multer from 'multer';
import { importedFiles } from '../../../importing/import-files';
import { importReport, ImportError, type ImportResult } from '../../../importing/import-report';
import { loadCatalog } from '../../../pledges/load-catalog';
import { parseReport, ReportParseError } from '../../../pledges/parse-report';
import { DataError } from '../../../pledges/data-error';
import { isDerived, primaryHash, privateDir, type DataFiles } from '../../data-set';
import { describeProblem } from '../../publisher';
import { field, handle, pageContext, record, refuse, sendPage, userName, type ConsoleServices } from '../context';
import { ImportPage, ImportPreviewPage } from '../pages/import';
import { flash } from '../security';

const GONE = 'その取り込みの確認は見つかりません。もう一度「確認する」からやり直してください。';

/** Largest report text accepted (the real one is about 10 KB). */
export const MAX_REPORT_BYTES = 1024 * 1024;

/** 「見出し=分野ID」 lines. */
function parseMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split(/\r?\n/u)) {
    const m = /^(.+?)[=＝]\s*([a-z]+)\s*$/u.exec(line.trim());
    if (m) map[m[1]!.trim()] = m[2]!;
  }
  return map;
}

/**
 * 「取り込み」: a report's text (pasted or uploaded) → what would change → into the draft.
 * The proposal waits in CONSOLE_DIR/imports/ between the two steps (one file per preview).
 */
export function importRoutes(r: Router, s: ConsoleServices, consoleDir: string): void {
  const dir = path.join(consoleDir, 'imports');
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_REPORT_BYTES, files: 1, fields: 10, fieldSize: MAX_REPORT_BYTES },
  });

  r.get('/import', (req, res) => sendPage(res, ImportPage({ ctx: pageContext(req, s.security), text: '', map: '' })));

  /** The import against the draft: the proposed files and what changes. */
  async function propose(
    text: string,
    map: Record<string, string>,
  ): Promise<{ result: ImportResult; files: DataFiles; title: string; unchanged: boolean }> {
    const report = parseReport(text);
    const draft = (await s.draft.get())!;
    // The draft's folder holds the draft's files: the base keeps staff's titles and keywords.
    const base = loadCatalog(path.join(consoleDir, 'draft'));
    const result = importReport(report, { source: base.source, areas: [...base.areas] }, map);
    const schemaOf = (name: string): string | undefined => {
      const t = draft.files.get(name);
      if (!t) return undefined;
      const v = (JSON.parse(t) as { $schema?: unknown }).$schema;
      return typeof v === 'string' ? v : undefined;
    };
    const files = new Map([...draft.files].filter(([n]) => !n.startsWith('areas/') && n !== 'source.json'));
    for (const [n, t] of importedFiles(result, schemaOf)) files.set(n, t);
    return { result, files, title: report.reportTitle, unchanged: primaryHash(files) === primaryHash(draft.files) };
  }

  const again = (req: Request, res: Response, text: string, map: string, error: string): void =>
    sendPage(res, ImportPage({ ctx: pageContext(req, s.security), text: text.slice(0, 200_000), map, error }), 422);

  r.post(
    '/import/preview',
    // multipart: parsed here, then the same token and origin check as every form
    (req, res, next) =>
      upload.single('file')(req, res, (err: unknown) =>
        err ? next(Object.assign(err as Error, { status: 413 })) : next(),
      ),
    (req, res, next) => s.security.checkPost(req, res, next),
    handle(async (req, res) => {
      const fileText = req.file ? req.file.buffer.toString('utf8') : '';
      const text = fileText.trim() ? fileText : field(req, 'text', MAX_REPORT_BYTES);
      const mapText = field(req, 'map', 5000);
      if (!text.trim()) return again(req, res, '', mapText, '報告書の文章を貼り付けるか、ファイルを選んでください。');
      try {
        const p = await propose(text, parseMap(mapText));
        const id = randomBytes(12).toString('hex');
        await privateDir(dir);
        await writeFile(
          path.join(dir, `${id}.json`),
          JSON.stringify({ at: Date.now(), by: userName(req), title: p.title, files: [...p.files] }),
          { mode: 0o600 },
        );
        sendPage(
          res,
          ImportPreviewPage({
            ctx: pageContext(req, s.security),
            id,
            result: p.result,
            report: p.title,
            unchanged: p.unchanged,
          }),
        );
      } catch (err) {
        if (err instanceof ReportParseError || err instanceof ImportError)
          return again(
            req,
            res,
            text,
            mapText,
            `取り込めません: ${err.message}${err instanceof ReportParseError && err.line ? ` (${err.line} 行目)` : ''}`,
          );
        if (err instanceof DataError)
          return again(
            req,
            res,
            text,
            mapText,
            `下書きに問題があるため取り込めません: ${err.problems
              .slice(0, 3)
              .map((p) => describeProblem(p, 'draft'))
              .join(' / ')}`,
          );
        throw err;
      }
    }),
  );

  r.post(
    '/import/apply',
    handle(async (req, res) => {
      const id = field(req, 'id', 100);
      if (!/^[0-9a-f]{24}$/u.test(id)) return refuse(req, res, s.security, 404, GONE);
      const file = path.join(dir, `${id}.json`);
      let saved: { title: string; files: [string, string][] };
      try {
        saved = JSON.parse(await readFile(file, 'utf8')) as typeof saved;
      } catch {
        return refuse(req, res, s.security, 404, GONE);
      }
      const files = new Map(saved.files);
      await s.draft.update(userName(req), (current) => {
        // The derived files stay the draft's; the publish rebuilds them.
        const next = new Map([...files].filter(([n]) => !isDerived(n)));
        for (const [n, t] of current) if (isDerived(n)) next.set(n, t);
        return { files: primaryHash(next) === primaryHash(current) ? null : next, value: null };
      });
      await rm(file, { force: true });
      await record(s, req, 'import', `「${saved.title}」を下書きに取り込み`);
      flash(
        req,
        'ok',
        `「${saved.title}」を下書きに取り込みました。「公開と履歴」で変更を確かめてから公開してください。`,
      );
      res.redirect(303, '/publish');
    }),
  );
}
