import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ROLE_LABELS, can, type Role } from '../../users';
import { CSRF_FIELD } from '../security';

/**
 * The frame of every console page: the header with who is logged in and 「ログアウト」, the
 * navigation (its link names are a contract the browser checker relies on), messages, content.
 * Server-rendered JSX: every value is escaped by the renderer; no page has a script.
 */
export const NAV = [
  { href: '/inbox', label: '答えられなかった質問' },
  { href: '/edit', label: '取組の編集' },
  { href: '/test', label: '質問を試す' },
  { href: '/publish', label: '公開と履歴' },
  { href: '/usage', label: '利用状況' },
  { href: '/audit', label: '操作の記録' },
  { href: '/import', label: '取り込み' },
] as const;

export interface PageContext {
  user: { name: string; role: Role } | null;
  csrf: string;
  /** The current page's path (its nav link is marked). */
  path: string;
  flash: { kind: 'ok' | 'error'; text: string }[];
}

export const Csrf = ({ token }: { token: string }): VNode => <input type="hidden" name={CSRF_FIELD} value={token} />;

/** A POST form with the CSRF token. */
export function PostForm(props: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  class?: string;
  enctype?: string;
}): VNode {
  return (
    <form method="post" action={props.action} class={props.class} enctype={props.enctype}>
      <Csrf token={props.ctx.csrf} />
      {props.children}
    </form>
  );
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  styles?: string;
  nonce?: string;
}): VNode {
  const { ctx } = props;
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - 公約ボット 職員用コンソール`}</title>
        <link rel="icon" href="/console/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/console/console.css" />
        {props.styles ? <link rel="stylesheet" href="/console/flex.css" /> : null}
        {props.styles ? <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: props.styles }} /> : null}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            上尾市 公約ボット 職員用コンソール
          </a>
          {ctx.user ? (
            <div class="who">
              <span class="user-name">{ctx.user.name}</span>
              <span class="role">{ROLE_LABELS[ctx.user.role]}</span>
              <PostForm ctx={ctx} action="/logout" class="inline">
                <button type="submit">ログアウト</button>
              </PostForm>
            </div>
          ) : null}
        </header>
        {ctx.user ? (
          <nav class="nav" aria-label="メニュー">
            <ul>
              {NAV.map((n) => (
                <li>
                  <a href={n.href} aria-current={ctx.path.startsWith(n.href) ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
              {can(ctx.user.role, 'manage-users') ? (
                <li>
                  <a href="/users" aria-current={ctx.path.startsWith('/users') ? 'page' : undefined}>
                    ユーザー管理
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <main>
          <h1>{props.title}</h1>
          {ctx.flash.map((f) => (
            <p class={`flash ${f.kind}`} role={f.kind === 'error' ? 'alert' : 'status'}>
              {f.text}
            </p>
          ))}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The document as sent: doctype and markup. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** 2026-12-01 18:05 in Japan time (the console's staff are in Ageo). */
export function jstTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const j = new Date(d.getTime() + 9 * 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${j.getUTCFullYear()}-${p(j.getUTCMonth() + 1)}-${p(j.getUTCDate())} ${p(j.getUTCHours())}:${p(j.getUTCMinutes())}`;
}
