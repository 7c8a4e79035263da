import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import areaSchema from '../../data/schema/area.schema.json';
import sourceSchema from '../../data/schema/source.schema.json';
import { DataError, type DataProblem } from '../../src/pledges/data-error';
import { ENGLISH_LIMITS, foreignCharacterIn, missingEnglish } from '../../src/pledges/english';
import { loadCatalog } from '../../src/pledges/load-catalog';
import { createSchemaValidator } from '../../src/pledges/schema-validator';
import { FROZEN_DATA_DIR } from '../helpers/paths';

/**
 * The English of the data (`en`): the city's reference translation. Pinned on the frozen 2026
 * data (every area and item translated); the rules on copies of it with one thing broken.
 */
const catalog = loadCatalog(FROZEN_DATA_DIR);

describe('the frozen 2026 data is translated: every area, item and the source', () => {
  test('nothing is missing', () => {
    expect(missingEnglish(catalog)).toEqual([]);
    expect(catalog.source.en).toEqual({
      reportTitle: "Progress on the Mayor's Pledges (2nd Term, Year 3)",
      period: '2nd term, year 3',
      contactName: 'Ageo City Hall',
    });
  });

  test('areas: short labels for buttons and tiles', () => {
    expect(Object.fromEntries(catalog.areas.map((a) => [a.id, a.en!.label]))).toEqual({
      covid: 'COVID-19',
      childcare: 'Childcare',
      health: 'Health',
      disaster: 'Disaster',
      industry: 'Industry',
      facilities: 'Facilities',
      finance: 'Finance',
      governance: 'Governance',
    });
    for (const area of catalog.areas) {
      expect(area.en!.title.length).toBeGreaterThan(0);
      // An English subtitle exactly where the report has a Japanese one.
      expect([area.id, area.en!.subtitle === '']).toEqual([area.id, area.subtitle === '']);
    }
  });

  test('items: a title, a summary and 4–10 keywords, all in Latin script', () => {
    for (const item of catalog.items) {
      const en = item.en!;
      expect([item.id, en.keywords.length >= 4 && en.keywords.length <= 10]).toEqual([item.id, true]);
      for (const text of [en.title, en.summary, ...en.keywords])
        expect([item.id, foreignCharacterIn(text)]).toEqual([item.id, undefined]);
    }
  });

  test('numbers in the English are the official wording’s: 18, 16 places, 80 a year, 23 facilities, 6 buses, 13 farms', () => {
    const en = (id: string): string => JSON.stringify(catalog.findItem(id)!.en);
    const cases: [string, string, string][] = [
      ['childcare-01', '18歳', 'age 18'],
      ['covid-01', '16カ所', '16 places'],
      ['disaster-11', '80名', '80 more people a year'],
      ['facilities-04', '23施設', '23 city facilities'],
      ['finance-12', '6台', 'six electric buses'],
      ['industry-07', '13農家', '13 farms'],
    ];
    for (const [id, ja, english] of cases) {
      expect(catalog.findItem(id)!.text).toContain(ja);
      expect(en(id)).toContain(english);
    }
  });
});

describe('the limits are the schema’s', () => {
  const defs = areaSchema.definitions;
  test.each([
    ['title', defs.itemEn.properties.title.maxLength, ENGLISH_LIMITS.title],
    ['summary', defs.itemEn.properties.summary.maxLength, ENGLISH_LIMITS.summary],
    ['keywords', defs.enKeywords.maxItems, ENGLISH_LIMITS.keywordsMax],
    ['keyword', defs.enKeywords.items.maxLength, ENGLISH_LIMITS.keyword],
    ['area title', areaSchema.properties.en.properties.title.maxLength, ENGLISH_LIMITS.areaTitle],
    ['area subtitle', areaSchema.properties.en.properties.subtitle.maxLength, ENGLISH_LIMITS.areaSubtitle],
    ['label', areaSchema.properties.en.properties.label.maxLength, ENGLISH_LIMITS.label],
    ['reportTitle', sourceSchema.properties.en.properties.reportTitle.maxLength, ENGLISH_LIMITS.reportTitle],
    ['period', sourceSchema.properties.en.properties.period.maxLength, ENGLISH_LIMITS.period],
    ['contactName', sourceSchema.properties.en.properties.contactName.maxLength, ENGLISH_LIMITS.contactName],
  ])('%s', (_what, schema, limit) => {
    expect(schema).toBe(limit);
  });

  test('the schemas hold the same characters (one pattern in both files)', () => {
    expect(sourceSchema.definitions.englishText.pattern).toBe(areaSchema.definitions.englishText.pattern);
  });
});

describe('Latin script only: the schema pattern and foreignCharacterIn agree', () => {
  const v = createSchemaValidator();
  const withTitle = (title: string): DataProblem[] => {
    const area = JSON.parse(readFileSync(path.join(FROZEN_DATA_DIR, 'areas/covid.json'), 'utf8')) as {
      items: { en: { title: string } }[];
    };
    area.items[0]!.en.title = title;
    return v.area('areas/covid.json', area).filter((p) => p.field === 'en.title');
  };

  test.each([
    ['plain English', 'Free Wi-Fi at 23 facilities', undefined],
    ['accents, quotes, dashes, yen and ™', 'Café “Ageo” – ¥500 ™ naïve', undefined],
    ['hiragana', 'Free こども care', { char: 'こ', japanese: true }],
    ['kanji', '防災 map', { char: '防', japanese: true }],
    ['katakana', 'ハザード map', { char: 'ハ', japanese: true }],
    ['full-width letters', 'Ａgeo', { char: 'Ａ', japanese: true }],
    ['an ideographic space', 'Ageo\u3000City', { char: '\u3000', japanese: true }],
    ['Japanese brackets', '「Ageo」', { char: '「', japanese: true }],
    ['Cyrillic', 'Агео', { char: 'А', japanese: false }],
    ['a star', 'Kirari☆', { char: '☆', japanese: false }],
    ['a line break', 'two\nlines', { char: '\n', japanese: false }],
  ])('%s', (_what, text, bad) => {
    expect(foreignCharacterIn(text)).toEqual(bad);
    const problems = withTitle(text);
    if (!bad) expect(problems).toEqual([]);
    else
      expect(problems).toEqual([
        expect.objectContaining({
          record: 'covid-01',
          message: expect.stringContaining(bad.char === '\n' ? '改行' : `「${bad.char}」`) as string,
        }),
      ]);
  });
});

describe('broken English is refused, naming file, record and field', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'english-'));
    cpSync(FROZEN_DATA_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  type Json = Record<string, unknown>;
  type Item = { id: string; en?: Json };
  const edit = (file: string, change: (json: Json & { items: Item[]; en?: Json }) => void): void => {
    const p = path.join(dir, file);
    const json = JSON.parse(readFileSync(p, 'utf8')) as Json & { items: Item[] };
    change(json);
    writeFileSync(p, JSON.stringify(json, null, 2));
  };
  const problems = (): DataProblem[] => {
    try {
      loadCatalog(dir);
    } catch (err) {
      if (err instanceof DataError) return err.problems;
      throw err;
    }
    return [];
  };
  const one = (p: Partial<DataProblem>) => expect(problems()).toEqual([expect.objectContaining(p)]);

  test('Japanese in an item’s English title', () => {
    edit('areas/disaster.json', (a) => (a.items[0]!.en!.title = '災害時のリアルタイム映像共有'));
    one({
      file: expect.stringContaining('disaster.json') as string,
      record: 'disaster-01',
      field: 'en.title',
      message: expect.stringContaining('英語の欄に日本語の文字「災」があります') as string,
    });
  });

  test('Japanese in one English keyword', () => {
    edit('areas/health.json', (a) => (a.items[2]!.en!.keywords = ['health festival', '健康まつり']));
    one({ record: 'health-03', field: 'en.keywords[1]', message: expect.stringContaining('「健」') as string });
  });

  test('a summary missing, a title too long, an empty keyword, spaces around one', () => {
    edit('areas/finance.json', (a) => {
      delete a.items[0]!.en!.summary;
      a.items[1]!.en!.title = 'x'.repeat(ENGLISH_LIMITS.title + 1);
      a.items[2]!.en!.keywords = ['', ' LED '];
    });
    expect(problems().map((p) => `${p.record} ${p.field}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'finance-01 en.summary: 必要な項目がありません。',
        `finance-02 en.title: 長すぎます (${ENGLISH_LIMITS.title} 文字まで)。`,
        'finance-03 en.keywords[0]: 空にできません。',
        expect.stringMatching(/^finance-03 en\.keywords\[1\]: 前後の空白を消してください/u),
      ]),
    );
  });

  test('too many keywords are counted before the schema', () => {
    edit('areas/covid.json', (a) => {
      a.items[0]!.en!.keywords = Array.from({ length: ENGLISH_LIMITS.keywordsMax + 1 }, (_, i) => `word ${i}`);
    });
    one({ record: 'covid-01', field: 'en.keywords', message: '多すぎます (21 個、上限 20 個)。' });
  });

  test('an unknown field in the English, an area label too long, an area without keywords', () => {
    edit('areas/industry.json', (a) => {
      a.items[0]!.en!.titel = 'Typo';
      a.en!.label = 'Industry and events';
      a.en!.keywords = [];
    });
    expect(problems().map((p) => `${p.record} ${p.field}`)).toEqual(
      expect.arrayContaining(['industry-01 en.titel', 'industry en.label', 'industry en.keywords']),
    );
  });

  test('source.json: Japanese in the English contact name', () => {
    edit('source.json', (s) => (s.en!.contactName = '上尾市役所'));
    one({ file: expect.stringContaining('source.json') as string, field: 'en.contactName' });
  });

  test('English is optional: without it the data loads, and missingEnglish names each record', () => {
    edit('areas/governance.json', (a) => {
      delete a.en;
      delete a.items[5]!.en;
    });
    edit('source.json', (s) => delete s.en);
    expect(problems()).toEqual([]);
    const loaded = loadCatalog(dir);
    expect(loaded.area('governance').en).toBeUndefined();
    expect(missingEnglish(loaded).map((p) => `${p.file} ${p.record} ${p.field}`)).toEqual([
      'source.json  en',
      'areas/governance.json governance en',
      'areas/governance.json governance-06 en',
    ]);
  });
});
