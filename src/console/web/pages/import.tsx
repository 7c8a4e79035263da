import type { VNode } from 'preact';
import { ENGLISH_REVIEW_NOTE, type EnglishReview, type ImportResult } from '../../../importing/import-report';
import { Layout, PostForm, type PageContext } from './layout';

/** 「取り込み」, step 1: the report's text (pasted or a file). */
export function ImportPage(props: { ctx: PageContext; text: string; map: string; error?: string }): VNode {
  return (
    <Layout ctx={props.ctx} title="取り込み">
      <p class="lead">
        市が公開した新しい報告書 (例: 次の年の「市長公約取組状況」)
        を取り込みます。まず変わるところを確かめ、よければ下書きに入れます。
        文言が変わらない取組は、題名・キーワード・説明・リンク・英語がそのまま残ります。市民に届くのは「公開と履歴」で公開したときです。
      </p>
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
      <PostForm ctx={props.ctx} action="/import/preview" class="record" enctype="multipart/form-data">
        <label for="report">報告書の文章</label>
        <textarea id="report" name="text" rows={16} placeholder="市のページの報告書の文章をそのまま貼り付けてください">
          {props.text}
        </textarea>
        <label for="file">または、文章のファイル (UTF-8 のテキスト)</label>
        <input id="file" name="file" type="file" accept=".txt,text/plain" />
        <label for="map">見出しと分野の対応 (見出しが変わったときだけ)</label>
        <textarea id="map" name="map" rows={3} placeholder="新しい見出し=disaster">
          {props.map}
        </textarea>
        <span class="help">
          1 行に 1 つ「見出し=分野ID」。分野ID は covid, childcare, health, disaster, industry, facilities, finance,
          governance。
        </span>
        <button type="submit">確認する</button>
      </PostForm>
    </Layout>
  );
}

const reviewName = (r: EnglishReview): string =>
  r.what === 'source' ? '報告書の情報' : r.what === 'area' ? `分野 ${r.id}` : r.id;

/** 「取り込み」, step 2: what the import would change, stale titles flagged, then into the draft. */
export function ImportPreviewPage(props: {
  ctx: PageContext;
  id: string;
  result: ImportResult;
  report: string;
  unchanged: boolean;
}): VNode {
  const { result } = props;
  const stale = new Set(result.staleTitles.map((s) => s.id));
  const reworded = new Set(result.englishReview.filter((r) => r.reason === 'reworded').map((r) => r.id));
  return (
    <Layout ctx={props.ctx} title="取り込みの確認">
      <p>
        「{props.report}」: {result.areas.length} 分野・{result.areas.reduce((n, a) => n + a.items.length, 0)} 項目
      </p>
      {props.unchanged ? <p class="flash ok">下書きと同じ内容です。取り込んでも何も変わりません。</p> : null}
      <h2>追加される取組 ({result.added.length} 件)</h2>
      {result.added.length ? (
        <ul>
          {result.added.map((i) => (
            <li>
              <strong>{i.id}</strong> {i.text}{' '}
              <span class="note">
                (題名「{i.title}」とキーワードは仮のものです。英語はまだありません。取り込んだあと直してください)
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">ありません。</p>
      )}
      <h2>なくなる取組 ({result.removed.length} 件)</h2>
      {result.removed.length ? (
        <ul>
          {result.removed.map((i) => (
            <li>
              <strong>{i.id}</strong> {i.title}: {i.text}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">ありません。</p>
      )}
      <h2>文言が変わる取組 ({result.changed.length} 件)</h2>
      {result.changed.length ? (
        <table class="changes">
          <thead>
            <tr>
              <th scope="col">取組</th>
              <th scope="col">前の文言</th>
              <th scope="col">新しい文言</th>
              <th scope="col">見直し</th>
            </tr>
          </thead>
          <tbody>
            {result.changed.map((c) => (
              <tr class={stale.has(c.id) ? 'stale' : ''}>
                <td>
                  {c.id} {c.after.title}
                </td>
                <td class="before">{c.before.text}</td>
                <td class="after">{c.after.text}</td>
                <td>
                  {stale.has(c.id) ? '要確認: 題名・説明・キーワードは前の文言のときのままです' : ''}
                  {reworded.has(c.id) ? ' 英語は外します (新しい文言から書き直してください)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">ありません。</p>
      )}
      <h2>英語を見直してください (English needs review) ({result.englishReview.length} 件)</h2>
      {result.englishReview.length ? (
        <ul class="english-review">
          {result.englishReview.map((r) => (
            <li>
              <strong>{reviewName(r)}</strong> {ENGLISH_REVIEW_NOTE[r.reason]}
              {r.previous ? (
                <span class="note" lang="en">
                  前の英語: {'title' in r.previous ? r.previous.title : r.previous.reportTitle}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">ありません。文言が変わらない取組の英語はそのまま残ります。</p>
      )}
      <PostForm ctx={props.ctx} action="/import/apply">
        <input type="hidden" name="id" value={props.id} />
        <button type="submit" class="primary" disabled={props.unchanged}>
          下書きに取り込む
        </button>
      </PostForm>
      <p>
        <a href="/import">やり直す</a>
      </p>
    </Layout>
  );
}
