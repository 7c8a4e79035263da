import type { VNode } from 'preact';
import type { AreaJson, FieldProblem, ItemJson, SourceJson } from '../../editable';
import { ENGLISH_LIMITS } from '../../../pledges/english';
import { Layout, PostForm, type PageContext } from './layout';

/** Field problems shown above the form and beside each field. */
function Problems({ problems }: { problems: FieldProblem[] }): VNode | null {
  if (!problems.length) return null;
  return (
    <div class="flash error" role="alert">
      <p>保存できませんでした。次を直してください:</p>
      <ul>
        {problems.map((p) => (
          <li>
            {p.label}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

const fieldError = (problems: FieldProblem[], field: string): VNode | null => {
  const mine = problems.filter((p) => p.field === field);
  return mine.length ? (
    <span class="field-error" id={`${field}-error`}>
      {mine.map((p) => p.message).join(' ')}
    </span>
  ) : null;
};

/** A field with an error says so to screen readers, and points to the message. */
const invalid = (problems: FieldProblem[], field: string): Record<string, string> =>
  problems.some((p) => p.field === field) ? { 'aria-invalid': 'true', 'aria-describedby': `${field}-error` } : {};

/** A one-line text field with its error and help (the English fields are all alike). */
function TextField(props: {
  name: string;
  label: string;
  value: string;
  problems: FieldProblem[];
  maxLength: number;
  help: string;
  lang?: string;
}): VNode {
  const { name, problems } = props;
  return (
    <>
      <label for={name}>{props.label}</label>
      <input
        id={name}
        {...invalid(problems, name)}
        name={name}
        type="text"
        lang={props.lang}
        value={props.value}
        maxLength={props.maxLength}
      />
      {fieldError(problems, name)}
      <span class="help">{props.help}</span>
    </>
  );
}

/** The English keywords: one per line, as the Japanese ones. */
function EnglishKeywords(props: { value: string; problems: FieldProblem[]; help: string }): VNode {
  return (
    <>
      <label for="enKeywords">英語のキーワード (English keywords)</label>
      <textarea id="enKeywords" {...invalid(props.problems, 'enKeywords')} name="enKeywords" rows={6} lang="en">
        {props.value}
      </textarea>
      {fieldError(props.problems, 'enKeywords')}
      <span class="help">{props.help}</span>
    </>
  );
}

const ENGLISH_LEAD =
  '英語で質問する市民 (外国人の方など) に答えるための、市の参考訳です。公式の文言は日本語のままです。' +
  '英語 (ラテン文字) だけで書き、報告書にないことは書きません。すべて空にすると英語はなくなります (data:check が注意します)。';

/** 「取組の編集」: every area and item of the draft, with a search box. */
export function EditListPage(props: { ctx: PageContext; areas: AreaJson[]; q: string }): VNode {
  const q = props.q.trim().normalize('NFKC').toLowerCase();
  const hit = (it: ItemJson): boolean =>
    !q ||
    [it.id, it.title, it.text, ...it.keywords, it.en?.title ?? '', ...(it.en?.keywords ?? [])].some((s) =>
      s.normalize('NFKC').toLowerCase().includes(q),
    );
  return (
    <Layout ctx={props.ctx} title="取組の編集">
      <p class="lead">
        変更はすべて<strong>下書き</strong>に入ります。市民に届くのは「公開と履歴」で公開したときです。
        公式の文言は報告書のとおりなので、ここでは変えられません (新しい報告書は「取り込み」から)。
      </p>
      <form method="get" action="/edit" class="search">
        <label for="q">取組を探す</label>
        <input id="q" name="q" type="search" value={props.q} placeholder="ID、題名、文言、キーワード、英語" />
        <button type="submit">探す</button>
      </form>
      <p>
        <a href="/edit/synonyms">言い換え (市民の言葉 → 報告書の言葉)</a> ・{' '}
        <a href="/edit/source">報告書の情報とリンク</a>
      </p>
      {props.areas.map((area) => {
        const items = area.items.filter(hit);
        if (q && !items.length) return null;
        return (
          <section class="area">
            <h2>
              {area.label} <span class="sub">{area.title}</span>{' '}
              <a class="button-link" href={`/edit/area/${area.id}`}>
                分野を編集
              </a>
            </h2>
            <table class="items">
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">題名</th>
                  <th scope="col">公式の文言</th>
                  <th scope="col">キーワード</th>
                  <th scope="col">英語</th>
                  <th scope="col"></th>
                </tr>
              </thead>
              <tbody>
                {items.map((it) => (
                  <tr>
                    <td class="id">{it.id}</td>
                    <td>{it.title}</td>
                    <td class="text">{it.text}</td>
                    <td class="num">{it.keywords.length}</td>
                    <td lang="en">{it.en ? it.en.title : <span class="note">なし (English missing)</span>}</td>
                    <td>
                      <a class="button-link" href={`/edit/item/${it.id}`}>
                        編集
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </Layout>
  );
}

export interface ItemFormValues {
  title: string;
  summary: string;
  keywords: string;
  url: string;
  enTitle: string;
  enSummary: string;
  enKeywords: string;
}

/** One item: its official text (read-only) and the staff's fields. */
export function ItemEditPage(props: {
  ctx: PageContext;
  area: AreaJson;
  item: ItemJson;
  values: ItemFormValues;
  problems: FieldProblem[];
}): VNode {
  const { item, values, problems } = props;
  return (
    <Layout ctx={props.ctx} title={`取組の編集: ${item.id}`}>
      <p>
        <a href="/edit">← 取組の一覧</a> ・ 分野: {props.area.label}
      </p>
      <Problems problems={problems} />
      <section class="official">
        <h2>公式の文言 (報告書のとおり・変更できません)</h2>
        <p>{item.text}</p>
      </section>
      <PostForm ctx={props.ctx} action={`/edit/item/${item.id}`} class="record">
        <label for="title">題名</label>
        <input
          id="title"
          {...invalid(problems, 'title')}
          name="title"
          type="text"
          value={values.title}
          maxLength={20}
          required
        />
        {fieldError(problems, 'title')}
        <span class="help">カードの見出しに出る短い名前 (20 文字まで)。公式の文言と食い違わないように。</span>

        <label for="summary">かんたんな説明</label>
        <textarea id="summary" {...invalid(problems, 'summary')} name="summary" rows={4} maxLength={300}>
          {values.summary}
        </textarea>
        {fieldError(problems, 'summary')}
        <span class="help">公式の文言の下に出る、やさしい説明 (300 文字まで、空でもかまいません)。</span>

        <label for="keywords">キーワード</label>
        <textarea id="keywords" {...invalid(problems, 'keywords')} name="keywords" rows={10}>
          {values.keywords}
        </textarea>
        {fieldError(problems, 'keywords')}
        <span class="help">
          市民が使いそうな言葉を 1 行に 1 つ (ひらがなや言い換えも)。1 つ以上、100 個まで、1 つ 40 文字まで。
        </span>

        <label for="url">ページの URL</label>
        <input
          id="url"
          {...invalid(problems, 'url')}
          name="url"
          type="url"
          value={values.url}
          placeholder="https://www.city.ageo.lg.jp/page/…"
        />
        {fieldError(problems, 'url')}
        <span class="help">この取組の市のページ (https://…)。空なら報告書のページを案内します。</span>

        <h3>英語 (English)</h3>
        <p class="help">{ENGLISH_LEAD}</p>
        <TextField
          name="enTitle"
          label="英語の題名 (English title)"
          value={values.enTitle}
          problems={problems}
          maxLength={ENGLISH_LIMITS.title}
          lang="en"
          help={`カードの見出しに出る英語の短い題名 (${ENGLISH_LIMITS.title} 文字まで)。例: Free medical care for children up to age 18`}
        />
        <label for="enSummary">英語の説明 (English summary)</label>
        <textarea
          id="enSummary"
          {...invalid(problems, 'enSummary')}
          name="enSummary"
          rows={4}
          lang="en"
          maxLength={ENGLISH_LIMITS.summary}
        >
          {values.enSummary}
        </textarea>
        {fieldError(problems, 'enSummary')}
        <span class="help">
          やさしい英語で、何のことか・だれのためか・どこでか ({ENGLISH_LIMITS.summary}{' '}
          文字まで)。報告書にないことは書きません。
        </span>
        <EnglishKeywords
          value={values.enKeywords}
          problems={problems}
          help={`英語で聞く人が使いそうな言葉を 1 行に 1 つ (例: hazard map、daycare と nursery のような言い換えも)。${ENGLISH_LIMITS.keywordsMax} 個まで、1 つ ${ENGLISH_LIMITS.keyword} 文字まで。`}
        />

        <button type="submit">下書きに保存</button>
      </PostForm>
    </Layout>
  );
}

export interface AreaFormValues {
  title: string;
  subtitle: string;
  label: string;
  keywords: string;
  enTitle: string;
  enSubtitle: string;
  enLabel: string;
  enKeywords: string;
}

export function AreaEditPage(props: {
  ctx: PageContext;
  area: AreaJson;
  values: AreaFormValues;
  problems: FieldProblem[];
}): VNode {
  const { area, values, problems } = props;
  return (
    <Layout ctx={props.ctx} title={`分野の編集: ${area.label}`}>
      <p>
        <a href="/edit">← 取組の一覧</a>
      </p>
      <Problems problems={problems} />
      <section class="official">
        <h2>報告書の見出し (変更できません)</h2>
        <p>{area.heading}</p>
      </section>
      <PostForm ctx={props.ctx} action={`/edit/area/${area.id}`} class="record">
        <label for="title">題名</label>
        <input id="title" {...invalid(problems, 'title')} name="title" type="text" value={values.title} required />
        {fieldError(problems, 'title')}
        <label for="subtitle">副題</label>
        <input id="subtitle" {...invalid(problems, 'subtitle')} name="subtitle" type="text" value={values.subtitle} />
        {fieldError(problems, 'subtitle')}
        <label for="label">短い名前</label>
        <input id="label" {...invalid(problems, 'label')} name="label" type="text" value={values.label} required />
        {fieldError(problems, 'label')}
        <span class="help">ボタンやリッチメニューに出る名前 (例: 防災)。</span>
        <label for="keywords">キーワード</label>
        <textarea id="keywords" {...invalid(problems, 'keywords')} name="keywords" rows={10}>
          {values.keywords}
        </textarea>
        {fieldError(problems, 'keywords')}
        <span class="help">分野全体を指す言葉を 1 行に 1 つ (200 個まで)。</span>
        <h3>英語 (English)</h3>
        <p class="help">{ENGLISH_LEAD}</p>
        <TextField
          name="enTitle"
          label="英語の題名 (English title)"
          value={values.enTitle}
          problems={problems}
          maxLength={ENGLISH_LIMITS.areaTitle}
          lang="en"
          help={`分野の英語の題名 (${ENGLISH_LIMITS.areaTitle} 文字まで)。`}
        />
        <TextField
          name="enSubtitle"
          label="英語の副題 (English subtitle)"
          value={values.enSubtitle}
          problems={problems}
          maxLength={ENGLISH_LIMITS.areaSubtitle}
          lang="en"
          help="日本語の副題がなければ空のまま。"
        />
        <TextField
          name="enLabel"
          label="英語の短い名前 (English label)"
          value={values.enLabel}
          problems={problems}
          maxLength={ENGLISH_LIMITS.label}
          lang="en"
          help={`英語のボタンやメニューに出る名前 (${ENGLISH_LIMITS.label} 文字まで、例: Disaster)。`}
        />
        <EnglishKeywords
          value={values.enKeywords}
          problems={problems}
          help={`分野全体を指す英語の言葉を 1 行に 1 つ (${ENGLISH_LIMITS.keywordsMax} 個まで)。`}
        />
        <button type="submit">下書きに保存</button>
      </PostForm>
    </Layout>
  );
}

/** Synonyms: one line per word, 「市民の言葉 = 報告書の言葉, 報告書の言葉」. */
export function SynonymsPage(props: { ctx: PageContext; text: string; problems: FieldProblem[] }): VNode {
  return (
    <Layout ctx={props.ctx} title="言い換え">
      <p>
        <a href="/edit">← 取組の一覧</a>
      </p>
      <Problems problems={props.problems} />
      <p class="lead">
        市民が使う言葉を、報告書やキーワードにある言葉に言い換えて探します。1 行に 1 つ、
        <code>市民の言葉 = 報告書の言葉, 別の言葉</code> の形で書きます (例: <code>タダ = 無償</code>)。
      </p>
      <PostForm ctx={props.ctx} action="/edit/synonyms" class="record">
        <label for="synonyms">言い換え</label>
        <textarea id="synonyms" name="synonyms" rows={24}>
          {props.text}
        </textarea>
        <button type="submit">下書きに保存</button>
      </PostForm>
    </Layout>
  );
}

export function SourcePage(props: { ctx: PageContext; source: SourceJson; problems: FieldProblem[] }): VNode {
  const s = props.source;
  return (
    <Layout ctx={props.ctx} title="報告書の情報とリンク">
      <p>
        <a href="/edit">← 取組の一覧</a>
      </p>
      <Problems problems={props.problems} />
      <section class="official">
        <h2>報告書 (取り込みで変わります)</h2>
        <p>
          {String(s.reportTitle ?? '')} ({String(s.period ?? '')})
        </p>
      </section>
      <PostForm ctx={props.ctx} action="/edit/source" class="record">
        <label for="pageUrl">報告書のページの URL</label>
        <input id="pageUrl" {...invalid(props.problems, 'pageUrl')} name="pageUrl" type="url" value={s.pageUrl ?? ''} />
        {fieldError(props.problems, 'pageUrl')}
        <span class="help">取組に自分のページがないとき、カードのボタンはここを開きます。</span>
        <label for="cityUrl">市のトップページの URL</label>
        <input id="cityUrl" {...invalid(props.problems, 'cityUrl')} name="cityUrl" type="url" value={s.cityUrl ?? ''} />
        {fieldError(props.problems, 'cityUrl')}
        <label for="contactName">問い合わせ先の名前</label>
        <input id="contactName" name="contactName" type="text" value={s.contact?.name ?? ''} />
        <label for="contactPhone">問い合わせ先の電話番号</label>
        <input id="contactPhone" name="contactPhone" type="text" value={s.contact?.phone ?? ''} />
        <label for="contactUrl">問い合わせ先の URL</label>
        <input id="contactUrl" name="contactUrl" type="url" value={s.contact?.url ?? ''} />
        {fieldError(props.problems, 'contact')}
        <button type="submit">下書きに保存</button>
      </PostForm>
    </Layout>
  );
}
