import type { VNode } from 'preact';
import { changeKindLabel, type RecordChange } from '../../diff';
import type { VersionMeta } from '../../versions';
import { jstTime, Layout, PostForm, type PageContext } from './layout';

const WHAT = { item: '取組', area: '分野', synonym: '言い換え', source: '報告書' } as const;

/** A diff, record by record and field by field. */
export function Changes({ changes }: { changes: RecordChange[] }): VNode {
  if (!changes.length) return <p class="empty">変更はありません。</p>;
  return (
    <table class="changes">
      <thead>
        <tr>
          <th scope="col">変更</th>
          <th scope="col">どこ</th>
          <th scope="col">項目</th>
          <th scope="col">前</th>
          <th scope="col">後</th>
        </tr>
      </thead>
      <tbody>
        {changes.flatMap((c) =>
          (c.fields.length ? c.fields : [null]).map((f, i) => (
            <tr class={c.kind}>
              <td>{i === 0 ? changeKindLabel(c.kind) : ''}</td>
              <td>{i === 0 ? `${WHAT[c.what]} ${c.id}${c.name && c.name !== c.id ? ` ${c.name}` : ''}` : ''}</td>
              <td>{f?.label ?? ''}</td>
              <td class="before">{f?.before ?? ''}</td>
              <td class="after">{f?.after ?? ''}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

const HOW = { publish: '公開', rollback: '版を戻す', found: 'コンソールの外' } as const;

export function PublishPage(props: {
  ctx: PageContext;
  changes: RecordChange[];
  draftNote: string;
  canPublish: boolean;
  problems: string[];
  versions: VersionMeta[];
  liveVersion: number | null;
}): VNode {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="公開と履歴">
      <section>
        <h2>下書きの変更 (公開中のデータとの違い)</h2>
        <p class="detail">{props.draftNote}</p>
        <Changes changes={props.changes} />
        {props.problems.length ? (
          <div class="flash error" role="alert">
            <p>下書きに問題があるため公開しませんでした。次を直してください:</p>
            <ul>
              {props.problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {props.canPublish && !props.changes.length ? (
          <p class="help">公開する変更はありません。</p>
        ) : props.canPublish ? (
          <PostForm ctx={ctx} action="/publish">
            <p class="help">
              公開すると、下書き全体を data:check
              と同じ方法で確かめてから、ボットが数秒以内にこのデータで答えるようになります。
            </p>
            <button type="submit" class="primary">
              公開
            </button>
          </PostForm>
        ) : (
          <p class="help">公開できるのは承認者と管理者です。変更が済んだら承認者に伝えてください。</p>
        )}
      </section>
      <section>
        <h2>履歴 (新しい順)</h2>
        <table class="history">
          <thead>
            <tr>
              <th scope="col">版</th>
              <th scope="col">日時</th>
              <th scope="col">だれが</th>
              <th scope="col">内容</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr>
                <td class="num">
                  {v.n}
                  {v.n === props.liveVersion ? <span class="live">公開中</span> : null}
                </td>
                <td class="time">{jstTime(v.at)}</td>
                <td>{v.by ?? '(コンソールの外)'}</td>
                <td>
                  {HOW[v.how]}: {v.summary} <a href={`/versions/${v.n}`}>差分</a>
                </td>
                <td>
                  {props.canPublish && v.n !== props.liveVersion ? (
                    <PostForm ctx={ctx} action="/rollback" class="inline">
                      <input type="hidden" name="n" value={String(v.n)} />
                      <button type="submit">この版に戻す</button>
                    </PostForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

export function VersionPage(props: {
  ctx: PageContext;
  version: VersionMeta;
  previous: number | null;
  changes: RecordChange[];
}): VNode {
  const v = props.version;
  return (
    <Layout ctx={props.ctx} title={`版 ${v.n} の差分`}>
      <p>
        <a href="/publish">← 公開と履歴</a>
      </p>
      <p>
        {jstTime(v.at)} ・ {v.by ?? '(コンソールの外)'} ・ {HOW[v.how]}
        {v.from ? ` (版 ${v.from} から)` : ''} ・ {props.previous ? `版 ${props.previous} との違い` : '最初の版'}
      </p>
      <Changes changes={props.changes} />
    </Layout>
  );
}
