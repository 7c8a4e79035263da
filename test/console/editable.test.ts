import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDataFiles, type DataFiles } from '../../src/console/data-set';
import { diffData, summarize } from '../../src/console/diff';
import {
  addKeyword,
  editArea,
  editItem,
  editSource,
  editSynonyms,
  findItem,
  keywordFromQuestion,
  parseKeywordList,
  readAreas,
} from '../../src/console/editable';
import { REPO_ROOT } from '../helpers/bot-harness';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'data-2026');
let files: DataFiles;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'editable-'));
  cpSync(FIXTURE, dir, { recursive: true });
  files = await readDataFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const firstItem = () => readAreas(files)[0]!.items[0]!;

describe('edits go to the files as JSON, validated per field', () => {
  test('an item edit changes only its file, keeps the official text, and an unchanged save is no change', () => {
    const it = firstItem();
    const same = editItem(files, it.id, {
      title: it.title,
      summary: it.summary ?? '',
      keywords: it.keywords,
      url: it.url,
    });
    expect(same.ok && same.changed).toBe(false);
    const r = editItem(files, it.id, { title: '新しい題名', summary: '', keywords: ['ことば'], url: '' });
    if (!r.ok) throw new Error('refused');
    const changed = [...r.files.keys()].filter((n) => r.files.get(n) !== files.get(n));
    expect(changed).toHaveLength(1);
    const after = findItem(r.files, it.id)!.item;
    expect(after).toMatchObject({ title: '新しい題名', keywords: ['ことば'], text: it.text });
    expect(after.summary).toBeUndefined();
  });

  test.each([
    [{ title: '' }, 'title', '題名'],
    [{ title: 'あ'.repeat(21) }, 'title', '題名'],
    [{ keywords: [] as string[] }, 'keywords', 'キーワード'],
    [{ url: 'http://insecure.example' }, 'url', 'ページの URL'],
  ])('a bad field %j is refused naming it', (bad, field, label) => {
    const it = firstItem();
    const r = editItem(files, it.id, { title: it.title, summary: '', keywords: it.keywords, url: it.url, ...bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toContain(field);
    expect(r.problems.find((p) => p.field === field)!.label).toContain(label);
  });

  test('addKeyword adds once', () => {
    const it = firstItem();
    const r = addKeyword(files, it.id, 'ドローンで避難誘導はしていますか');
    if (!r.ok) throw new Error('refused');
    expect(findItem(r.files, it.id)!.item.keywords).toContain('ドローンで避難誘導はしていますか');
    const again = addKeyword(r.files, it.id, 'ドローンで避難誘導はしていますか');
    expect(again.ok && again.changed).toBe(false);
    expect(addKeyword(files, 'nope-99', 'x').ok).toBe(false);
  });

  test('areas, synonyms and the source are edited the same way', () => {
    const area = readAreas(files)[0]!;
    const a = editArea(files, area.id, {
      title: area.title,
      subtitle: area.subtitle,
      label: '新',
      keywords: area.keywords,
    });
    expect(a.ok && a.changed).toBe(true);
    expect(editArea(files, area.id, { ...area, label: '' }).ok).toBe(false);
    const y = editSynonyms(files, [['タダ', ['無償']]]);
    expect(y.ok).toBe(true);
    const s = editSource(files, {
      pageUrl: 'https://www.city.ageo.lg.jp/page/387322.html',
      cityUrl: 'https://www.city.ageo.lg.jp/',
      contactName: '上尾市役所',
      contactPhone: '048-775-5111',
      contactUrl: '',
    });
    expect(s.ok).toBe(true);
    expect(
      editSource(files, {
        pageUrl: 'javascript:alert(1)',
        cityUrl: '',
        contactName: '',
        contactPhone: '',
        contactUrl: '',
      }).ok,
    ).toBe(false);
  });
});

describe('helpers', () => {
  test.each([
    ['ドローンで避難誘導はしていますか？', 'ドローンで避難誘導はしていますか'],
    ['  給食費 タダ？！ ', '給食費 タダ'],
    ['防災について教えてください', '防災'],
    ['？', null],
    ['あ'.repeat(41), null],
  ])('keywordFromQuestion(%j) = %j', (q, k) => {
    expect(keywordFromQuestion(q)).toBe(k);
  });

  test('parseKeywordList trims, splits on lines and commas, drops repeats', () => {
    expect(parseKeywordList(' 防災 \nぼうさい、防災\n\n,ＡＢＣ')).toEqual(['防災', 'ぼうさい', 'ABC']);
  });
});

describe('diff', () => {
  test('field by field, records added and removed, and a one-line summary', () => {
    const it = firstItem();
    const r = editItem(files, it.id, {
      title: '新しい題名',
      summary: it.summary ?? '',
      keywords: [...it.keywords, 'ドローン'],
      url: it.url,
    });
    if (!r.ok) throw new Error('refused');
    const changes = diffData(files, r.files);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', what: 'item', id: it.id });
    const labels = changes[0]!.fields.map((f) => f.label);
    expect(labels).toEqual(expect.arrayContaining(['題名', 'キーワード']));
    expect(changes[0]!.fields.find((f) => f.field === 'keywords')!.after).toBe('+ ドローン');
    expect(summarize(changes)).toContain(it.id);
    expect(diffData(files, files)).toEqual([]);
    expect(summarize([])).toBe('変更なし');
  });
});

describe('the English (en): edited beside the Japanese, validated per field', () => {
  const item = (): ReturnType<typeof firstItem> => firstItem();
  const keep = () => ({
    title: item().title,
    summary: item().summary ?? '',
    keywords: item().keywords,
    url: item().url,
  });
  const english = {
    title: 'Quick COVID-19 vaccine news',
    summary: 'The city shared vaccine news quickly.',
    keywords: ['vaccine news'],
  };

  test('an edit changes the English only; without `en` the English is left as it is', () => {
    const r = editItem(files, item().id, { ...keep(), en: english });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.changed).toBe(true);
    expect(findItem(r.files, item().id)!.item).toMatchObject({ title: item().title, en: english });
    const untouched = editItem(r.files, item().id, keep());
    expect(untouched.ok && findItem(untouched.files, item().id)!.item.en).toEqual(english);
    // addKeyword (the inbox) keeps it too.
    const added = addKeyword(r.files, item().id, 'ワクチンのお知らせ');
    expect(added.ok && findItem(added.files, item().id)!.item.en).toEqual(english);
  });

  test('as typed: full-width letters and spaces made plain, lines joined, ends trimmed', () => {
    const r = editItem(files, item().id, {
      ...keep(),
      en: { title: ' Ｑuick　news ', summary: 'Line one.\r\nLine two. ', keywords: ['news'] },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(findItem(r.files, item().id)!.item.en).toEqual({
      title: 'Quick news',
      summary: 'Line one. Line two.',
      keywords: ['news'],
    });
  });

  test('all fields empty removes the English (it is optional)', () => {
    const r = editItem(files, item().id, { ...keep(), en: { title: '', summary: ' ', keywords: [] } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(findItem(r.files, item().id)!.item.en).toBeUndefined();
  });

  test.each([
    ['Japanese in the title', { title: 'ワクチン情報' }, 'enTitle', '英語の題名', '日本語の文字「ワ」'],
    ['a title too long', { title: 'x'.repeat(61) }, 'enTitle', '英語の題名', '60 文字まで'],
    ['no summary', { summary: '' }, 'enSummary', '英語の説明', '空にできません'],
    ['a summary too long', { summary: 'y'.repeat(401) }, 'enSummary', '英語の説明', '400 文字まで'],
    ['no keywords', { keywords: [] as string[] }, 'enKeywords', '英語のキーワード', '1 個以上'],
    [
      'a Japanese keyword',
      { keywords: ['vaccine', '予防接種'] },
      'enKeywords',
      '(English keywords) (2 番目)',
      '「予」',
    ],
  ])('%s is refused naming the field', (_what, bad, field, label, message) => {
    const r = editItem(files, item().id, { ...keep(), en: { ...english, ...bad } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.field === field)!;
    expect(p.label).toContain(label);
    expect(p.message).toContain(message);
  });

  test('an area: title, subtitle, label, keywords; the English stays before the items in the file', () => {
    const area = readAreas(files)[0]!;
    const en = { title: 'COVID-19 measures', subtitle: '', label: 'Corona', keywords: ['covid'] };
    const r = editArea(files, area.id, { ...area, en });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const after = readAreas(r.files)[0]!;
    expect(after.en).toEqual(en);
    expect(Object.keys(after).slice(-2)).toEqual(['en', 'items']);
    const long = editArea(files, area.id, { ...area, en: { ...en, label: 'COVID-19 measures' } });
    expect(!long.ok && long.problems.map((p) => [p.field, p.label])).toEqual([
      ['enLabel', '英語の短い名前 (English label)'],
    ]);
    const removed = editArea(r.files, area.id, { ...area, en: { title: '', subtitle: '', label: '', keywords: [] } });
    expect(removed.ok && readAreas(removed.files)[0]!.en).toBeUndefined();
    const kept = editArea(r.files, area.id, {
      title: area.title,
      subtitle: area.subtitle,
      label: '新',
      keywords: area.keywords,
    });
    expect(kept.ok && readAreas(kept.files)[0]!.en).toEqual(en);
  });
});
