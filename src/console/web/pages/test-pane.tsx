import type { VNode } from 'preact';
import type { MatchResult } from '../../../matching/matcher';
import { Layout, type PageContext } from './layout';

/** One side of the test pane: the reply as the simulator draws it, and why. */
export interface TrialSide {
  label: string;
  /** Which data: 「下書き (版 3 をもとに、変更 2 件)」. */
  detail: string;
  /** The reply's messages as HTML (flex-to-html, styles hoisted into the page's stylesheet). */
  html?: string;
  result?: MatchResult;
  /** When the data cannot be used (a draft with problems). */
  error?: string;
}

const KIND_TEXT: Record<MatchResult['kind'], string> = {
  area: '分野のカードで回答',
  items: '取組のカードで回答',
  suggest: '「もしかして」で候補を示す (回答ではない)',
  none: '見つかりません (8 分野を案内)',
  menu: '公約全体の一覧',
  smalltalk: 'あいさつへのお返事',
};

function Explanation({ result }: { result: MatchResult }): VNode {
  return (
    <div class="explain">
      <p>
        結果: <strong>{KIND_TEXT[result.kind]}</strong> ・ 確からしさ {result.confidence.toFixed(2)}
      </p>
      {result.words.length ? (
        <table>
          <caption>質問の言葉と重み</caption>
          <thead>
            <tr>
              <th scope="col">言葉</th>
              <th scope="col">重み</th>
              <th scope="col">メモ</th>
            </tr>
          </thead>
          <tbody>
            {result.words.map((w) => (
              <tr>
                <td>{w.word}</td>
                <td class="num">{w.weight.toFixed(1)}</td>
                <td>{[w.known ? '' : 'データにない言葉', w.focus ? '' : '前置き'].filter(Boolean).join('・')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.candidates.some((c) => c.score > 0) ? (
        <table>
          <caption>候補の取組 (点数の高い順)</caption>
          <thead>
            <tr>
              <th scope="col">取組</th>
              <th scope="col">点数</th>
              <th scope="col">一致した言葉</th>
            </tr>
          </thead>
          <tbody>
            {result.candidates
              .filter((c) => c.score > 0)
              .slice(0, 5)
              .map((c) => (
                <tr>
                  <td>
                    {c.item.id} {c.item.title}
                  </td>
                  <td class="num">{c.score.toFixed(2)}</td>
                  <td>{c.matched.join('、')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** 「質問を試す」: a question against the draft and the published data, side by side. */
export function TestPage(props: {
  ctx: PageContext;
  q: string;
  sides: TrialSide[];
  styles: string;
  nonce: string;
}): VNode {
  return (
    <Layout ctx={props.ctx} title="質問を試す" styles={props.styles} nonce={props.nonce}>
      <p class="lead">
        市民と同じように質問を書くと、<strong>下書き</strong>と<strong>公開中</strong>
        のデータでボットがどう答えるかを並べて表示します。 LINE には何も送りません。
      </p>
      <form method="get" action="/test" class="search">
        <label for="q">質問</label>
        <input id="q" name="q" type="text" value={props.q} maxLength={5000} required />
        <button type="submit">試す</button>
      </form>
      {props.sides.length ? (
        <div class="sides">
          {props.sides.map((s) => (
            <section class="side">
              <h2>{s.label}</h2>
              <p class="detail">{s.detail}</p>
              <p class="asked">質問: {props.q}</p>
              {s.error ? (
                <p class="flash error">{s.error}</p>
              ) : (
                <>
                  <div class="chat" dangerouslySetInnerHTML={{ __html: s.html ?? '' }} />
                  {s.result ? <Explanation result={s.result} /> : null}
                </>
              )}
            </section>
          ))}
        </div>
      ) : null}
    </Layout>
  );
}
