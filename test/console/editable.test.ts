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
