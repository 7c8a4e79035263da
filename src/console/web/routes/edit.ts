import type { Request, Response, Router } from 'express';
import type { DataFiles } from '../../data-set';
import {
  editArea,
  editItem,
  editSource,
  editSynonyms,
  findItem,
  parseKeywordList,
  readAreas,
  readSource,
  readSynonyms,
  type EditResult,
  type FieldProblem,
} from '../../editable';
import { field, handle, pageContext, record, refuse, sendPage, userName, type ConsoleServices } from '../context';
import { AreaEditPage, EditListPage, ItemEditPage, SourcePage, SynonymsPage } from '../pages/edit';
import { flash } from '../security';

/** Synonyms as staff edit them: 「市民の言葉 = 報告書の言葉, 別の言葉」, one per line. */
export function synonymsToText(synonyms: Record<string, string[]>): string {
  return Object.entries(synonyms)
    .map(([w, alts]) => `${w} = ${alts.join(', ')}`)
    .join('\n');
}

export function parseSynonymsText(text: string): { entries: [string, string[]][]; problems: FieldProblem[] } {
  const entries: [string, string[]][] = [];
  const problems: FieldProblem[] = [];
  text.split(/\r?\n/u).forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^([^=＝]+)[=＝](.*)$/u.exec(line);
    if (!m) {
      problems.push({
        field: 'synonyms',
        label: `${i + 1} 行目`,
        message: '「市民の言葉 = 報告書の言葉」の形にしてください。',
      });
      return;
    }
    entries.push([m[1]!.trim(), parseKeywordList(m[2]!)]);
  });
  return { entries, problems };
}

/** Whether the form sent any of these fields (a form without the English leaves `en` as it is). */
const posted = (req: Request, names: string[]): boolean =>
  names.some((n) => typeof (req.body as Record<string, unknown> | undefined)?.[n] === 'string');

/** 「取組の編集」: items, areas, synonyms and the report's links, all into the draft. */
export function editRoutes(r: Router, s: ConsoleServices): void {
  const draftFiles = async (): Promise<DataFiles> => (await s.draft.get())?.files ?? new Map();

  /** Saves one edit into the draft; on problems the form is shown again with them. */
  async function save(
    req: Request,
    res: Response,
    edit: (files: DataFiles) => EditResult,
    what: string,
    again: (problems: FieldProblem[]) => void,
    back: string,
  ): Promise<void> {
    const result = await s.draft.update(userName(req), (files) => {
      const r2 = edit(files);
      return { files: r2.ok && r2.changed ? r2.files : null, value: r2 };
    });
    if (!result.ok) return again(result.problems);
    if (result.changed) {
      await record(s, req, 'edit', what);
      flash(req, 'ok', `${what}を下書きに保存しました。公開すると市民への答えに反映されます。`);
    } else flash(req, 'ok', '変更はありませんでした。');
    res.redirect(303, back);
  }

  r.get(
    '/edit',
    handle(async (req, res) => {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
      sendPage(res, EditListPage({ ctx: pageContext(req, s.security), areas: readAreas(await draftFiles()), q }));
    }),
  );

  r.get(
    '/edit/item/:id',
    handle(async (req, res) => {
      const found = findItem(await draftFiles(), String(req.params.id));
      if (!found) return refuse(req, res, s.security, 404, 'その取組はありません。');
      const { item } = found;
      const values = {
        title: item.title,
        summary: item.summary ?? '',
        keywords: item.keywords.join('\n'),
        url: item.url,
        enTitle: item.en?.title ?? '',
        enSummary: item.en?.summary ?? '',
        enKeywords: (item.en?.keywords ?? []).join('\n'),
      };
      sendPage(res, ItemEditPage({ ctx: pageContext(req, s.security), ...found, values, problems: [] }));
    }),
  );

  r.post(
    '/edit/item/:id',
    handle(async (req, res) => {
      const id = String(req.params.id);
      const values = {
        title: field(req, 'title', 200),
        summary: field(req, 'summary', 2000),
        keywords: field(req, 'keywords', 50_000),
        url: field(req, 'url', 2000),
        enTitle: field(req, 'enTitle', 1000),
        enSummary: field(req, 'enSummary', 5000),
        enKeywords: field(req, 'enKeywords', 10_000),
      };
      const edit = {
        title: values.title,
        summary: values.summary,
        keywords: parseKeywordList(values.keywords),
        url: values.url,
        ...(posted(req, ['enTitle', 'enSummary', 'enKeywords'])
          ? {
              en: { title: values.enTitle, summary: values.enSummary, keywords: parseKeywordList(values.enKeywords) },
            }
          : {}),
      };
      await save(
        req,
        res,
        (files) => editItem(files, id, edit),
        `${id} (${values.title || '題名なし'}) の変更`,
        async (problems) => {
          const found = findItem(await draftFiles(), id);
          if (!found) return refuse(req, res, s.security, 404, 'その取組はありません。');
          sendPage(res, ItemEditPage({ ctx: pageContext(req, s.security), ...found, values, problems }), 422);
        },
        `/edit/item/${encodeURIComponent(id)}`,
      );
    }),
  );

  r.get(
    '/edit/area/:id',
    handle(async (req, res) => {
      const area = readAreas(await draftFiles()).find((a) => a.id === req.params.id);
      if (!area) return refuse(req, res, s.security, 404, 'その分野はありません。');
      const values = {
        title: area.title,
        subtitle: area.subtitle,
        label: area.label,
        keywords: area.keywords.join('\n'),
        enTitle: area.en?.title ?? '',
        enSubtitle: area.en?.subtitle ?? '',
        enLabel: area.en?.label ?? '',
        enKeywords: (area.en?.keywords ?? []).join('\n'),
      };
      sendPage(res, AreaEditPage({ ctx: pageContext(req, s.security), area, values, problems: [] }));
    }),
  );

  r.post(
    '/edit/area/:id',
    handle(async (req, res) => {
      const id = String(req.params.id);
      const values = {
        title: field(req, 'title', 200),
        subtitle: field(req, 'subtitle', 200),
        label: field(req, 'label', 100),
        keywords: field(req, 'keywords', 50_000),
        enTitle: field(req, 'enTitle', 1000),
        enSubtitle: field(req, 'enSubtitle', 1000),
        enLabel: field(req, 'enLabel', 200),
        enKeywords: field(req, 'enKeywords', 10_000),
      };
      const edit = {
        title: values.title,
        subtitle: values.subtitle,
        label: values.label,
        keywords: parseKeywordList(values.keywords),
        ...(posted(req, ['enTitle', 'enSubtitle', 'enLabel', 'enKeywords'])
          ? {
              en: {
                title: values.enTitle,
                subtitle: values.enSubtitle,
                label: values.enLabel,
                keywords: parseKeywordList(values.enKeywords),
              },
            }
          : {}),
      };
      await save(
        req,
        res,
        (files) => editArea(files, id, edit),
        `分野 ${id} の変更`,
        async (problems) => {
          const area = readAreas(await draftFiles()).find((a) => a.id === id);
          if (!area) return refuse(req, res, s.security, 404, 'その分野はありません。');
          sendPage(res, AreaEditPage({ ctx: pageContext(req, s.security), area, values, problems }), 422);
        },
        `/edit/area/${encodeURIComponent(id)}`,
      );
    }),
  );

  r.get(
    '/edit/synonyms',
    handle(async (req, res) => {
      const text = synonymsToText(readSynonyms(await draftFiles()).synonyms);
      sendPage(res, SynonymsPage({ ctx: pageContext(req, s.security), text, problems: [] }));
    }),
  );

  r.post(
    '/edit/synonyms',
    handle(async (req, res) => {
      const text = field(req, 'synonyms', 500_000);
      const parsed = parseSynonymsText(text);
      const again = (problems: FieldProblem[]): void =>
        sendPage(res, SynonymsPage({ ctx: pageContext(req, s.security), text, problems }), 422);
      if (parsed.problems.length) return again(parsed.problems);
      await save(req, res, (files) => editSynonyms(files, parsed.entries), '言い換えの変更', again, '/edit/synonyms');
    }),
  );

  r.get(
    '/edit/source',
    handle(async (req, res) => {
      sendPage(
        res,
        SourcePage({ ctx: pageContext(req, s.security), source: readSource(await draftFiles()), problems: [] }),
      );
    }),
  );

  r.post(
    '/edit/source',
    handle(async (req, res) => {
      const edit = {
        pageUrl: field(req, 'pageUrl', 2000),
        cityUrl: field(req, 'cityUrl', 2000),
        contactName: field(req, 'contactName', 200),
        contactPhone: field(req, 'contactPhone', 100),
        contactUrl: field(req, 'contactUrl', 2000),
      };
      await save(
        req,
        res,
        (files) => editSource(files, edit),
        '報告書の情報とリンクの変更',
        async (problems) => {
          const source = {
            ...readSource(await draftFiles()),
            pageUrl: edit.pageUrl,
            cityUrl: edit.cityUrl,
            contact: { name: edit.contactName, phone: edit.contactPhone, url: edit.contactUrl },
          };
          sendPage(res, SourcePage({ ctx: pageContext(req, s.security), source, problems }), 422);
        },
        '/edit/source',
      );
    }),
  );
}
