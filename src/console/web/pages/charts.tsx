import type { ComponentChildren, VNode } from 'preact';

/**
 * Charts drawn on the server as SVG: the console allows no script and no inline style (its CSP),
 * so every colour and size is an SVG attribute (fill, width…), which the CSP does not restrict,
 * and the layout comes from the console's stylesheet (figure.chart, ul.legend). Each chart names
 * its numbers for screen readers twice: a <title>/<desc> on the picture and a table under
 * 「数値を表で見る」; every bar also has a <title>, shown as a tooltip on hover.
 */

export interface Series {
  label: string;
  /** An SVG colour (fill attribute). */
  color: string;
}

const INK = '#1d2733';
const MUTED = '#5b6775';
const GRID = '#e3e8ed';
const FONT = 13;

/** Width of `text` in pixels at `size`: full-width characters are 1em, the rest about 0.6em. */
export function textWidth(text: string, size = FONT): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0)! < 0x2000 ? 0.6 : 1) * size;
  return w;
}

/** `text`, cut with 「…」 to fit `max` pixels. */
export function fitText(text: string, max: number, size = FONT): string {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** A round axis maximum (1, 2, 5 × 10ⁿ steps) at or above `max`, and its step. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const whole = Math.max(1, Math.ceil(step));
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

const fmt = (n: number): string => n.toLocaleString('ja-JP');
/** A coordinate to a tenth of a pixel (shorter markup, the same picture). */
const px = (n: number): number => Math.round(n * 10) / 10;

export function Legend(props: { series: readonly Series[] }): VNode {
  return (
    <ul class="legend">
      {props.series.map((s) => (
        <li>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" rx="2" fill={s.color} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** The numbers of a chart as a table, folded under the chart. */
function DataTable(props: { caption: string; head: string[]; rows: (string | number)[][] }): VNode {
  return (
    <details class="chart-data">
      <summary>数値を表で見る</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              {r.map((v, i) =>
                i === 0 ? <th scope="row">{v}</th> : <td class="num">{typeof v === 'number' ? fmt(v) : v}</td>,
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

interface ChartFrame {
  /** Unique on the page (ids of the title and description). */
  id: string;
  title: string;
  /** One sentence with the main numbers, for screen readers. */
  desc: string;
}

/** 12/01 from 2026-12-01. */
/** The SVG of one chart, named for screen readers by its title and description. */
function ChartSvg(props: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  children: ComponentChildren;
}): VNode {
  const { id, width, height } = props;
  return (
    <svg
      class="chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      font-size={FONT}
    >
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.desc}</desc>
      {props.children}
    </svg>
  );
}

const monthDay = (day: string): string => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/**
 * Columns per day, stacked by series (`values[s][d]` is series s on day d), with a y axis, a
 * date every few columns and the day's total above each column when there is room.
 */
export function StackedColumns(
  props: ChartFrame & { days: readonly string[]; series: readonly (Series & { values: readonly number[] })[] },
): VNode {
  const W = 1120;
  const H = 300;
  const m = { left: 48, right: 12, top: 22, bottom: 30 };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;
  const n = Math.max(props.days.length, 1);
  const band = plotW / n;
  const barW = px(Math.max(1, Math.min(band * 0.72, 40)));
  const totals = props.days.map((_, d) => props.series.reduce((sum, s) => sum + (s.values[d] ?? 0), 0));
  const { top, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number): number => px(m.top + plotH - (v / top) * plotH);
  const labelEvery = Math.max(1, Math.ceil(44 / band));
  const showTotals = band >= 26;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return (
    <figure class="panel wide" aria-labelledby={`${props.id}-h`}>
      <figcaption id={`${props.id}-h`}>{props.title}</figcaption>
      <Legend series={props.series} />
      <ChartSvg id={props.id} title={props.title} desc={props.desc} width={W} height={H}>
        {ticks.map((v) => (
          <g>
            <line x1={m.left} x2={W - m.right} y1={y(v)} y2={y(v)} stroke={v ? GRID : MUTED} stroke-width={1} />
            <text x={m.left - 6} y={y(v)} text-anchor="end" dominant-baseline="middle" fill={MUTED}>
              {fmt(v)}
            </text>
          </g>
        ))}
        {props.days.map((day, d) => {
          const x = px(m.left + d * band + (band - barW) / 2);
          let base = 0;
          return (
            <g>
              {props.series.map((s) => {
                const v = s.values[d] ?? 0;
                if (!v) return null;
                const y0 = y(base + v);
                const h = px(y(base) - y0);
                base += v;
                return (
                  <rect x={x} y={y0} width={barW} height={h} fill={s.color}>
                    <title>{`${day} ${s.label}: ${fmt(v)}`}</title>
                  </rect>
                );
              })}
              {showTotals && totals[d] ? (
                <text x={px(x + barW / 2)} y={y(totals[d]!) - 4} text-anchor="middle" fill={INK} font-size={11}>
                  {fmt(totals[d]!)}
                </text>
              ) : null}
              {d % labelEvery === 0 ? (
                <text x={px(m.left + d * band + band / 2)} y={H - m.bottom + 16} text-anchor="middle" fill={MUTED}>
                  {monthDay(day)}
                </text>
              ) : null}
            </g>
          );
        })}
        {totals.every((t) => !t) ? (
          <text x={m.left + plotW / 2} y={m.top + plotH / 2} text-anchor="middle" fill={MUTED} font-size={14}>
            この期間の記録はありません
          </text>
        ) : null}
      </ChartSvg>
      <DataTable
        caption={props.title}
        head={['日付', ...props.series.map((s) => s.label), '合計']}
        rows={props.days.map((day, d) => [day, ...props.series.map((s) => s.values[d] ?? 0), totals[d]!])}
      />
    </figure>
  );
}

export interface BarRow {
  label: string;
  /** One value per series. */
  values: readonly number[];
}

/**
 * Horizontal bars, one row per label, stacked by series, the total at the end of each bar.
 * Labels longer than the label column are cut with 「…」 (the full label is in the bar's title
 * and in the table).
 */
export function HorizontalBars(
  props: ChartFrame & {
    rows: readonly BarRow[];
    series: readonly Series[];
    /** The first column of the table (what a row is). */
    rowHeader: string;
    wide?: boolean;
    empty?: string;
  },
): VNode {
  const W = props.wide ? 1120 : 520;
  const rowH = 26;
  const barH = 16;
  const m = { top: 6, bottom: 6, right: 56 };
  const labelW = Math.min(props.wide ? 380 : 180, Math.max(48, ...props.rows.map((r) => textWidth(r.label))) + 16);
  const plotW = W - labelW - m.right;
  const H = m.top + m.bottom + Math.max(props.rows.length, 1) * rowH;
  const totals = props.rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(0, ...totals);
  const scale = (v: number): number => (max ? (v / max) * plotW : 0);
  return (
    <figure class={props.wide ? 'panel wide' : 'panel'} aria-labelledby={`${props.id}-h`}>
      <figcaption id={`${props.id}-h`}>{props.title}</figcaption>
      {props.series.length > 1 ? <Legend series={props.series} /> : null}
      {props.rows.length ? (
        <ChartSvg id={props.id} title={props.title} desc={props.desc} width={W} height={H}>
          <line x1={labelW} x2={labelW} y1={m.top - 2} y2={H - m.bottom + 2} stroke={MUTED} stroke-width={1} />
          {props.rows.map((r, i) => {
            const cy = m.top + i * rowH + rowH / 2;
            let x = labelW;
            return (
              <g>
                <text x={labelW - 8} y={cy} text-anchor="end" dominant-baseline="middle" fill={INK}>
                  {fitText(r.label, labelW - 14)}
                </text>
                {r.values.map((v, s) => {
                  if (!v) return null;
                  const w = px(scale(v));
                  const rect = (
                    <rect x={x} y={cy - barH / 2} width={Math.max(w, 1)} height={barH} fill={props.series[s]!.color}>
                      <title>{`${r.label} ${props.series.length > 1 ? `${props.series[s]!.label} ` : ''}${fmt(v)}`}</title>
                    </rect>
                  );
                  x += w;
                  return rect;
                })}
                <text x={px(x + 6)} y={cy} dominant-baseline="middle" fill={INK}>
                  {fmt(totals[i]!)}
                </text>
              </g>
            );
          })}
        </ChartSvg>
      ) : (
        <p class="empty">{props.empty ?? 'この期間の記録はありません。'}</p>
      )}
      <DataTable
        caption={props.title}
        head={[
          props.rowHeader,
          ...(props.series.length > 1
            ? [...props.series.map((s) => s.label), '合計']
            : [props.series[0]?.label ?? '数']),
        ]}
        rows={props.rows.map((r, i) => [
          r.label,
          ...(props.series.length > 1 ? [...r.values, totals[i]!] : [totals[i]!]),
        ])}
      />
    </figure>
  );
}

/** A small bar of 👍 against 👎 for a table row (its numbers are in the row's cells). */
export function VoteBar(props: { up: number; down: number; upColor: string; downColor: string }): VNode {
  const W = 120;
  const total = props.up + props.down;
  const upW = total ? Math.round((props.up / total) * W) : 0;
  return (
    <svg class="vote-bar" width={W} height="10" viewBox={`0 0 ${W} 10`} aria-hidden="true" focusable="false">
      <rect width={W} height="10" fill={GRID} />
      {upW ? <rect width={upW} height="10" fill={props.upColor} /> : null}
      {total && upW < W ? <rect x={upW} width={W - upW} height="10" fill={props.downColor} /> : null}
    </svg>
  );
}
