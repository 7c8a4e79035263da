import type { VNode } from 'preact';
import { jstTime, Layout, PostForm, type PageContext } from './layout';

/** The lists of the page: the three states of unanswered questions, and the 👎 answers. */
export type InboxState = 'open' | 'done' | 'ignored' | 'unhelpful';

export const INBOX_STATES: { state: InboxState; label: string }[] = [
  { state: 'open', label: '未対応' },
  { state: 'done', label: '対応済み' },
  { state: 'ignored', label: '対象外' },
  { state: 'unhelpful', label: '役に立たなかった回答' },
];

export interface InboxRow {
  key: string;
  example: string;
  count: number;
  last: string;
  variants: string[];
  notFound: number;
  suggest: number;
  /** For 対応済み: what was done. */
  note?: string;
}

export interface ItemOption {
  id: string;
  title: string;
  area: string;
}

/**
 * 「答えられなかった質問」: one row per group of similar questions the bot could not answer,
 * newest first; per row a 「取組」 select, 「キーワードに追加」 and 「対象外にする」.
 */
export function InboxPage(props: {
  ctx: PageContext;
  state: InboxState;
  rows: InboxRow[];
  items: ItemOption[];
}): VNode {
  const { ctx, state, rows } = props;
  const areas = [...new Set(props.items.map((i) => i.area))];
  return (
    <Layout ctx={ctx} title="答えられなかった質問">
      <p class="lead">
        {state === 'unhelpful'
          ? '市民が「役に立たなかった」を押した回答です (質問ごとにまとめています)。答えるべき取組を選んで「キーワードに追加」するか、「対象外にする」を押してください。'
          : '市民の質問のうち、ボットが「見つかりません」か「もしかして」と答えたものです (似た言い方はまとめています)。'}
        答えるべき取組を選んで「キーワードに追加」すると、その言い方が取組のキーワードとして下書きに入ります。
        「公開と履歴」で公開すると、ボットが答えるようになります。
      </p>
      <nav class="tabs" aria-label="表示する質問">
        {INBOX_STATES.map((s) => (
          <a href={`/inbox?state=${s.state}`} aria-current={s.state === state ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p class="empty">{state === 'open' ? '未対応の質問はありません。' : 'ありません。'}</p>
      ) : (
        // One card per group. Not table rows: a row's text would include every item title of its
        // 「取組」 select, which would make every row seem to be about every item.
        <div class="inbox" aria-label="質問のまとまり">
          {rows.map((r) => (
            <div class="inbox-row" role="group" aria-label={r.example}>
              <div class="q">
                <span class="question">{r.example || '(質問なし: ボタンやメニューから開いた回答)'}</span>
                {r.variants.length ? <span class="variants">ほかの言い方: {r.variants.join(' / ')}</span> : null}
                {r.note ? <span class="note">{r.note}</span> : null}
              </div>
              <div class="stats">
                <span class="count">
                  <span class="k">件数</span> {r.count}
                </span>
                <span class="time">
                  <span class="k">最後</span> {jstTime(r.last)}
                </span>
              </div>
              <div class="actions">
                {state === 'open' || state === 'unhelpful' ? (
                  <>
                    {r.example ? (
                      <PostForm ctx={ctx} action="/inbox/keyword" class="row-form">
                        <input type="hidden" name="key" value={r.key} />
                        <input type="hidden" name="view" value={state} />
                        <label>
                          取組
                          <select name="item" required>
                            <option value="">選んでください</option>
                            {areas.map((a) => (
                              <optgroup label={a}>
                                {props.items
                                  .filter((i) => i.area === a)
                                  .map((i) => (
                                    <option value={i.id}>{`${i.id} ${i.title}`}</option>
                                  ))}
                              </optgroup>
                            ))}
                          </select>
                        </label>
                        <button type="submit">キーワードに追加</button>
                      </PostForm>
                    ) : null}
                    <PostForm ctx={ctx} action="/inbox/ignore" class="row-form">
                      <input type="hidden" name="key" value={r.key} />
                      <input type="hidden" name="view" value={state} />
                      <button type="submit" class="secondary">
                        対象外にする
                      </button>
                    </PostForm>
                  </>
                ) : (
                  <PostForm ctx={ctx} action="/inbox/reopen" class="row-form">
                    <input type="hidden" name="key" value={r.key} />
                    <input type="hidden" name="view" value={state} />
                    <input type="hidden" name="state" value={state} />
                    <button type="submit" class="secondary">
                      未対応に戻す
                    </button>
                  </PostForm>
                )}
              </div>
            </div>
          ))}
        </div>
      )}
    </Layout>
  );
}
