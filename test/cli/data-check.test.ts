import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MISSING_ENGLISH_LINES, runDataCheck } from '../../src/cli/data-check';
import { FROZEN_DATA_DIR } from '../helpers/paths';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'data-check-'));
  cpSync(FROZEN_DATA_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function check(): { code: number; out: string } {
  let out = '';
  const code = runDataCheck(['--dir', dir], {}, (s) => (out += `${s}\n`));
  return { code, out };
}
const editJson = (file: string, change: (j: Record<string, unknown>) => void): void => {
  const p = path.join(dir, file);
  const j = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
  change(j);
  writeFileSync(p, JSON.stringify(j, null, 2));
};
type Item = { keywords: string[]; url: string; en?: { title: string } };

describe('npm run data:check -- --dir DIR', () => {
  test('the frozen 2026 data passes', () => {
    const { code, out } = check();
    expect(code).toBe(0);
    expect(out).toContain('問題はありません: 8 分野・91 項目');
    expect(out).not.toContain('English missing');
  });

  test('English is optional: each area or item without it is a warning line naming file, record and field', () => {
    editJson('areas/disaster.json', (a) => {
      delete (a.items as Item[])[2]!.en;
      delete a.en;
    });
    const { code, out } = check();
    expect(code).toBe(0);
    const file = path.join(dir, 'areas', 'disaster.json');
    expect(out).toContain(`注意: ${file}: disaster の en: 英語がありません (English missing)。`);
    expect(out).toContain(`注意: ${file}: disaster-03 の en: 英語がありません (English missing)。`);
    expect(out).toContain('問題はありません');
  });

  test('a data set without any English: the first lines, then how many more', () => {
    for (const f of readdirSync(path.join(dir, 'areas')))
      editJson(`areas/${f}`, (a) => {
        delete a.en;
        for (const item of a.items as Item[]) delete item.en;
      });
    const { code, out } = check();
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => l.includes('English missing'));
    expect(lines).toHaveLength(MISSING_ENGLISH_LINES + 1);
    expect(lines.at(-1)).toBe(
      `注意: ほかに英語 (en) がない取組・分野が ${8 + 91 - MISSING_ENGLISH_LINES} 件あります (English missing)。`,
    );
  });

  test('Japanese in an English field is a problem naming file, record and field', () => {
    editJson('areas/childcare.json', (a) => {
      (a.items as Item[])[0]!.en!.title = 'こども医療費 free until 18';
    });
    const { code, out } = check();
    expect(code).toBe(1);
    expect(out).toContain('childcare.json: childcare-01 の en.title: 英語の欄に日本語の文字「こ」があります。');
  });

  test('a truncated file is named', () => {
    const p = path.join(dir, 'areas/industry.json');
    writeFileSync(p, readFileSync(p, 'utf8').slice(0, 500));
    const { code, out } = check();
    expect(code).toBe(1);
    expect(out).toContain('industry.json');
    expect(out).toContain('JSON として読めません');
  });

  test('an item without keywords and an http link are named with record and field', () => {
    editJson('areas/finance.json', (a) => {
      (a.items as Item[])[0]!.keywords = [];
      (a.items as Item[])[1]!.url = 'http://www.city.ageo.lg.jp/';
    });
    const { code, out } = check();
    expect(code).toBe(1);
    expect(out).toContain('finance.json: finance-01 の keywords: 1 個以上必要です。');
    expect(out).toContain('finance.json: finance-02 の url: https:// で始まる URL');
  });

  test('colliding and dead synonyms are named', () => {
    editJson('synonyms.json', (s) => {
      const syn = s.synonyms as Record<string, string[]>;
      syn['ＷＩＦＩ'] = ['無線LAN'];
      syn['wifi'] = ['フリーWi-Fi'];
      syn['カラオケ'] = ['歌う場所'];
    });
    const { code, out } = check();
    expect(code).toBe(1);
    expect(out).toMatch(/synonyms\.json: wifi の synonyms: 「ＷＩＦＩ」と同じ言葉/u);
    expect(out).toContain('カラオケ の synonyms: 言い換え先 (歌う場所) がどの項目にも見つかりません');
  });

  test('a missing area file is a problem', () => {
    rmSync(path.join(dir, 'areas/covid.json'));
    const { code, out } = check();
    expect(code).toBe(1);
    expect(out).toContain('covid');
  });

  test('an area renamed by staff is fine for the bot; the rich menu is flagged to be redrawn', () => {
    editJson('areas/disaster.json', (j) => (j.label = '防災・減災'));
    const { code, out } = check();
    expect(code).toBe(0);
    expect(out).toMatch(/注意: リッチメニューのタイル「[^」]+」は、分野 disaster の今の名前「防災・減災」と違います/u);
    expect(out).toContain('npm run richmenu:image');
  });
});
