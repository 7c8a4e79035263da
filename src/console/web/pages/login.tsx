import type { VNode } from 'preact';
import { Csrf, Layout, type PageContext } from './layout';

/** The login form: 「ユーザー名」, 「パスワード」, 「ログイン」 (names the browser checker relies on). */
export function LoginPage(props: { ctx: PageContext; name?: string; error?: string }): VNode {
  return (
    <Layout ctx={props.ctx} title="ログイン">
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/login" class="login">
        <Csrf token={props.ctx.csrf} />
        <label for="name">ユーザー名</label>
        <input id="name" name="name" type="text" autocomplete="username" required value={props.name ?? ''} />
        <label for="password">パスワード</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">ログイン</button>
      </form>
      <p class="hint">
        アカウントは管理者が <code>npm run staff:user -- add 名前 --role editor</code> で作ります
        (README「はじめて使うとき」)。
      </p>
    </Layout>
  );
}

/** A refused or missing page, as a document (status 403 / 404 / 422 / 429). */
export function MessagePage(props: { ctx: PageContext; title: string; message: string; back?: string }): VNode {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <p>{props.message}</p>
      <p>
        <a href={props.back ?? '/'}>戻る</a>
      </p>
    </Layout>
  );
}
