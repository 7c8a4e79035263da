import type { VNode } from 'preact';
import { jstTime, Layout, type PageContext } from './layout';

export interface AuditRow {
  t: string;
  user: string | null;
  action: string;
  detail: string;
}

/** 「操作の記録」: every login, failed login, edit, publish, rollback and user change. */
export function AuditPage(props: { ctx: PageContext; rows: AuditRow[]; chain: string; more: boolean }): VNode {
  return (
    <Layout ctx={props.ctx} title="操作の記録">
      <p class="lead">
        ログイン、編集、公開、版を戻す操作、ユーザーの変更を、消したり書き換えたりできない形で記録しています
        (新しい順)。
      </p>
      <p class="detail">{props.chain}</p>
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">だれが</th>
            <th scope="col">操作</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td class="time">{jstTime(r.t)}</td>
              <td>{r.user ?? '-'}</td>
              <td>{r.action}</td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.more ? <p class="help">古い記録は省略しています (最新 500 件)。</p> : null}
    </Layout>
  );
}
