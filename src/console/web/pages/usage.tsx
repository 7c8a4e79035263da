import type { VNode } from 'preact';
import { OUTCOMES, REASONS, type Outcome } from '../../../stats/usage-store';
import {
  OUTCOME_LABELS,
  REASON_LABELS,
  type AreaAnswers,
  type FeedbackRow,
  type UsageDay,
} from '../../../stats/usage-report';
import { HorizontalBars, Legend, StackedColumns, VoteBar } from './charts';
import { jstTime, Layout, type PageContext } from './layout';

/** Colours of the outcomes (Okabe–Ito, told apart with any colour vision), menu and small talk muted. */
export const OUTCOME_COLORS: Readonly<Record<Outcome, string>> = {
  area: '#0072B2',
  items: '#009E73',
  suggest: '#E69F00',
  'not-found': '#D55E00',
  smalltalk: '#CC79A7',
  menu: '#9AA6B2',
};
const UP_COLOR = '#1A7F4B';
const DOWN_COLOR = '#C4362C';
const TAP_COLOR = '#56B4E9';

/** Rows of the 👍/👎 table shown on the page (all of them are in the CSV). */
export const FEEDBACK_ROWS_SHOWN = 30;

/** Everything the page shows for one date range. */
export interface UsageView {
  days: UsageDay[];
  areas: AreaAnswers[];
  taps: { label: string; count: number }[];
  /** The most answered items: title (or id), area, times shown. */
  top: { id: string; title: string; count: number }[];
  feedback: FeedbackRow[];
  /** The latest 👎 answers in the range, newest first. */
  unhelpful: { t: string; q: string; about: string; reason: string }[];
}

export interface UsagePageProps {
  ctx: PageContext;
  range: { since: string; until: string };
  /** Why the range asked for was not used. */
  error?: string;
  /** null: usage is not recorded (USAGE_DIR=off). */
  view: UsageView | null;
}

const fmt = (n: number): string => n.toLocaleString('ja-JP');
const percent = (part: number, whole: number): string => (whole ? `${Math.round((part / whole) * 100)}%` : '-');

/** 「利用状況」: questions per day by outcome, answers per area, taps, 👍/👎 per item, most asked items. */
export function UsagePage(props: UsagePageProps): VNode {
  const { range, view } = props;
  const query = `since=${range.since}&until=${range.until}`;
  return (
    <Layout ctx={props.ctx} title="利用状況">
      <p class="lead">
        市民の質問の数と答え方、よく聞かれた取組、リッチメニューのタップ、答えへの「役に立った」「役に立たなかった」の声です
        (日付は日本時間)。質問の文や利用者は記録していません。
      </p>
      <form method="get" action="/usage" class="row-form range-form">
        <label for="usage-since">開始日</label>
        <input type="date" id="usage-since" name="since" value={range.since} required />
        <label for="usage-until">終了日</label>
        <input type="date" id="usage-until" name="until" value={range.until} required />
        <button type="submit">表示</button>
        <a href="/usage">直近 30 日</a>
      </form>
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
      {view ? (
        <>
          <p class="downloads">
            <a class="button-link" href={`/usage/usage.csv?${query}`} download>
              利用状況の CSV
            </a>
            <a class="button-link" href={`/usage/feedback.csv?${query}`} download>
              回答への評価の CSV
            </a>
            <span class="help">Excel で開けます (UTF-8、{`${range.since}〜${range.until}`})。</span>
          </p>
          <UsageCharts view={view} range={range} />
        </>
      ) : (
        <p class="empty">
          利用状況は記録されていません (USAGE_DIR=off、または UNANSWERED_LOG=off で USAGE_DIR が未設定)。記録するには
          USAGE_DIR に保存先のフォルダを設定して、ボットを再起動してください。
        </p>
      )}
    </Layout>
  );
}

function UsageCharts({ view, range }: { view: UsageView; range: UsagePageProps['range'] }): VNode {
  const sum = (f: (d: UsageDay) => number): number => view.days.reduce((a, d) => a + f(d), 0);
  const questions = sum((d) => d.questions);
  const answered = sum((d) => d.answered);
  const up = sum((d) => d.up);
  const down = sum((d) => d.down);
  const taps = view.taps.reduce((a, t) => a + t.count, 0);
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, sum((d) => d.outcomes[o])])) as Record<Outcome, number>;
  const span = `${range.since}〜${range.until}`;
  const voted = view.feedback.filter((r) => r.up || r.down);
  return (
    <>
      <dl class="stats">
        <div>
          <dt>質問</dt>
          <dd>{fmt(questions)}</dd>
        </div>
        <div>
          <dt>回答 (分野・取組)</dt>
          <dd>
            {fmt(answered)} <small>{percent(answered, questions)}</small>
          </dd>
        </div>
        <div>
          <dt>もしかして</dt>
          <dd>{fmt(byOutcome.suggest)}</dd>
        </div>
        <div>
          <dt>見つからない</dt>
          <dd>{fmt(byOutcome['not-found'])}</dd>
        </div>
        <div>
          <dt>役に立った</dt>
          <dd>{fmt(up)}</dd>
        </div>
        <div>
          <dt>役に立たなかった</dt>
          <dd>{fmt(down)}</dd>
        </div>
        <div>
          <dt>メニューのタップ</dt>
          <dd>{fmt(taps)}</dd>
        </div>
      </dl>

      <StackedColumns
        id="chart-days"
        title="1 日ごとの質問 (答え方別)"
        desc={`${span} の質問は ${fmt(questions)} 件: ${OUTCOMES.map((o) => `${OUTCOME_LABELS[o]} ${fmt(byOutcome[o])}`).join('、')}。`}
        days={view.days.map((d) => d.day)}
        series={OUTCOMES.map((o) => ({
          label: OUTCOME_LABELS[o],
          color: OUTCOME_COLORS[o],
          values: view.days.map((d) => d.outcomes[o]),
        }))}
      />

      <div class="charts">
        <HorizontalBars
          id="chart-areas"
          title="分野ごとの回答"
          desc={`${span} に答えに出た回数: ${view.areas.map((a) => `${a.label} ${fmt(a.asArea + a.asItems)}`).join('、')}。`}
          rowHeader="分野"
          rows={view.areas.map((a) => ({ label: a.label, values: [a.asArea, a.asItems] }))}
          series={[
            { label: '分野の一覧で回答', color: OUTCOME_COLORS.area },
            { label: '取組で回答', color: OUTCOME_COLORS.items },
          ]}
        />
        <HorizontalBars
          id="chart-taps"
          title="リッチメニューのタップ"
          desc={`${span} のタップは ${fmt(taps)} 回: ${view.taps.map((t) => `${t.label} ${fmt(t.count)}`).join('、')}。`}
          rowHeader="タイル"
          rows={view.taps.map((t) => ({ label: t.label, values: [t.count] }))}
          series={[{ label: 'タップ', color: TAP_COLOR }]}
          empty="リッチメニューを読めませんでした。"
        />
      </div>

      <HorizontalBars
        id="chart-top"
        wide
        title={`よく聞かれた取組 (上位 ${view.top.length || 10})`}
        desc={
          view.top.length
            ? `${span} に答えに出た回数の多い取組: ${view.top.map((t) => `${t.title} ${fmt(t.count)}`).join('、')}。`
            : `${span} に答えた取組はありません。`
        }
        rowHeader="取組"
        rows={view.top.map((t) => ({ label: t.title, values: [t.count] }))}
        series={[{ label: '答えに出た回数', color: OUTCOME_COLORS.items }]}
        empty="この期間に答えた取組はありません。"
      />

      <section class="panel wide" aria-labelledby="feedback-h">
        <h2 id="feedback-h">
          回答への評価{' '}
          <span class="sub">(「役に立たなかった」の多い順。すべての取組は「回答への評価の CSV」にあります)</span>
        </h2>
        <Legend
          series={[
            { label: '役に立った', color: UP_COLOR },
            { label: '役に立たなかった', color: DOWN_COLOR },
          ]}
        />
        {voted.length ? (
          <table class="feedback">
            <thead>
              <tr>
                <th scope="col">取組・分野</th>
                <th scope="col">分野</th>
                <th scope="col">回答した回数</th>
                <th scope="col">役に立った</th>
                <th scope="col">役に立たなかった</th>
                <th scope="col">割合</th>
                <th scope="col">役に立たなかった理由</th>
              </tr>
            </thead>
            <tbody>
              {voted.slice(0, FEEDBACK_ROWS_SHOWN).map((r) => (
                <tr>
                  <th scope="row">
                    {r.title || r.id}
                    <span class="note">{r.id}</span>
                  </th>
                  <td>{r.area}</td>
                  <td class="num">{fmt(r.answered)}</td>
                  <td class="num">{fmt(r.up)}</td>
                  <td class="num">{fmt(r.down)}</td>
                  <td>
                    <VoteBar up={r.up} down={r.down} upColor={UP_COLOR} downColor={DOWN_COLOR} />
                  </td>
                  <td class="reasons">
                    {REASONS.some((k) => r.reasons[k])
                      ? REASONS.filter((k) => r.reasons[k]).map((k, i) => (
                          <span class="reason">{`${i ? '、' : ''}${REASON_LABELS[k]} ${fmt(r.reasons[k])}`}</span>
                        ))
                      : '-'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">この期間に「役に立った」「役に立たなかった」の声はありません。</p>
        )}
        {voted.length > FEEDBACK_ROWS_SHOWN ? (
          <p class="help">ほかに {voted.length - FEEDBACK_ROWS_SHOWN} 件あります (CSV にすべてあります)。</p>
        ) : null}
      </section>

      {view.unhelpful.length ? (
        <section class="panel wide" aria-labelledby="unhelpful-h">
          <h2 id="unhelpful-h">
            最近の「役に立たなかった」 <span class="sub">(新しい順、{view.unhelpful.length} 件まで)</span>
          </h2>
          <table class="unhelpful">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">質問 (個人情報は伏せています)</th>
                <th scope="col">答えた取組・分野</th>
                <th scope="col">理由</th>
              </tr>
            </thead>
            <tbody>
              {view.unhelpful.map((u) => (
                <tr>
                  <td class="time">{jstTime(u.t)}</td>
                  <td>{u.q || '(メニューやボタンからの答え)'}</td>
                  <td>{u.about}</td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
