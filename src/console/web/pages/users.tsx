import type { VNode } from 'preact';
import { ROLE_LABELS, ROLES, type Role } from '../../users';
import { jstTime, Layout, PostForm, type PageContext } from './layout';

export interface UserRow {
  name: string;
  role: Role;
  createdAt: string;
}

const RoleSelect = ({ value, id }: { value?: Role; id?: string }): VNode => (
  <select name="role" id={id}>
    {ROLES.map((r) => (
      <option value={r} selected={r === value}>
        {ROLE_LABELS[r]}
      </option>
    ))}
  </select>
);

/** 「ユーザー管理」 (admins): accounts, roles, new passwords. */
export function UsersPage(props: {
  ctx: PageContext;
  users: UserRow[];
  /** A refused change, shown by its form with what was typed (not the password). */
  error?: { form: string; message: string };
  adding?: { name: string; role: Role };
}): VNode {
  const { ctx, error } = props;
  const errorFor = (form: string): VNode | null =>
    error?.form === form ? (
      <p class="flash error" role="alert">
        {error.message}
      </p>
    ) : null;
  return (
    <Layout ctx={ctx} title="ユーザー管理">
      <p class="lead">
        編集者は下書きを直せます。承認者はそれに加えて公開と版を戻す操作ができます。管理者はユーザーも管理できます。
        パスワードは 12 文字以上で、本人に安全な方法で伝えてください。
      </p>
      <table class="users">
        <thead>
          <tr>
            <th scope="col">ユーザー名</th>
            <th scope="col">役割</th>
            <th scope="col">作成</th>
            <th scope="col">変更</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>{u.name}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td class="time">{jstTime(u.createdAt)}</td>
              <td class="actions">
                <PostForm ctx={ctx} action="/users/role" class="row-form">
                  <input type="hidden" name="name" value={u.name} />
                  <label>
                    役割
                    <RoleSelect value={u.role} />
                  </label>
                  <button type="submit">役割を変える</button>
                </PostForm>
                <PostForm ctx={ctx} action="/users/reset" class="row-form">
                  <input type="hidden" name="name" value={u.name} />
                  <label>
                    新しいパスワード
                    <input type="password" name="password" autocomplete="new-password" minLength={12} required />
                  </label>
                  <button type="submit">パスワードを変える</button>
                </PostForm>
                {u.name !== ctx.user?.name ? (
                  <PostForm ctx={ctx} action="/users/remove" class="row-form">
                    <input type="hidden" name="name" value={u.name} />
                    <label>
                      <input type="checkbox" name="confirm" value="yes" required /> 削除を確認
                    </label>
                    <button type="submit" class="secondary">
                      削除
                    </button>
                  </PostForm>
                ) : null}
                {errorFor(`row:${u.name}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>ユーザーを追加</h2>
      {errorFor('add')}
      <PostForm ctx={ctx} action="/users/add" class="record">
        <label for="new-name">ユーザー名</label>
        <input
          id="new-name"
          name="name"
          type="text"
          pattern="[A-Za-z0-9._\-]{1,32}"
          required
          value={props.adding?.name ?? ''}
        />
        <label for="new-role">役割</label>
        <RoleSelect id="new-role" value={props.adding?.role ?? 'editor'} />
        <label for="new-password">パスワード</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" minLength={12} required />
        <button type="submit">追加</button>
      </PostForm>
    </Layout>
  );
}
