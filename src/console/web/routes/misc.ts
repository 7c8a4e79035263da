import type { Request, Router } from 'express';
import { onText } from '../../../bot/handlers/on-text';
import type { Knowledge } from '../../../bot/handler-context';
import { renderMessage } from '../../../simulator/flex-to-html';
import { auditActionLabel, formatAuditDetail } from '../../audit-log';
import { can, isRole, ROLE_LABELS, UserStoreError } from '../../users';
import { field, handle, newNonce, pageContext, record, requireRole, sendPage, type ConsoleServices } from '../context';
import { hoistStyles } from '../hoist-styles';
import { AuditPage } from '../pages/audit';
import { TestPage, type TrialSide } from '../pages/test-pane';
import { UsersPage } from '../pages/users';
import { flash } from '../security';
import { usageRoutes } from './usage';

/** A form value the page refuses (shown to the staff member, like the store's refusals). */
class RefusedInput extends Error {}

/** Runs one question through the bot's own text handler on `k`: the reply and the match. */
function trial(k: Knowledge, text: string): { html: string; result: ReturnType<Knowledge['matcher']['match']> } {
  const reply = onText(
    {
      type: 'text',
      text,
      meta: { eventType: 'message', source: { kind: 'user' }, mode: 'active', isRedelivery: false },
    },
    k,
  );
  return { html: (reply?.messages ?? []).map(renderMessage).join(''), result: k.matcher.match(text) };
}

/** 「質問を試す」, 「操作の記録」, 「利用状況」 and 「ユーザー管理」. */
export function miscRoutes(r: Router, s: ConsoleServices): void {
  r.get(
    '/test',
    handle(async (req, res) => {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 5000) : '';
      const sides: TrialSide[] = [];
      if (q.trim()) {
        const [draft, drafted, versions] = await Promise.all([s.draft.get(), s.draftKnowledge(), s.versions.list()]);
        const draftSide: TrialSide = {
          label: '下書き',
          detail: draft ? `版 ${draft.meta.base} をもとに、編集中のデータ` : '下書きはまだありません',
        };
        if ('problems' in drafted)
          draftSide.error = `下書きに問題があるため試せません: ${drafted.problems.slice(0, 3).join(' / ')}`;
        else Object.assign(draftSide, trial(drafted.knowledge, q));
        const live = s.published();
        sides.push(draftSide, {
          label: '公開中',
          detail: `版 ${versions[0]?.n ?? '?'} (市民が今受け取る答え)`,
          ...trial(live, q),
        });
      }
      // The renderer's inline styles become one nonce'd stylesheet (the CSP allows no inline style).
      let css = '';
      for (const side of sides) {
        if (!side.html) continue;
        const hoisted = hoistStyles(side.html, `fx${sides.indexOf(side)}`);
        side.html = hoisted.html;
        css += hoisted.css;
      }
      const nonce = newNonce();
      sendPage(res, TestPage({ ctx: pageContext(req, s.security), q, sides, styles: css, nonce }), 200, nonce);
    }),
  );

  r.get(
    '/audit',
    requireRole('view-audit', s.security),
    handle(async (req, res) => {
      const entries = await s.audit.read({ limit: 501 });
      const check = await s.audit.verify();
      const chain = check.ok
        ? `記録は ${check.lines} 件、つながりに欠けや書き換えはありません。`
        : `注意: 記録の ${check.line} 行目でつながりが切れています (${check.reason})。管理者に知らせてください。`;
      const rows = entries.slice(0, 500).map((e) => ({
        t: e.t,
        user: e.user,
        action: auditActionLabel(e.action),
        detail: formatAuditDetail(e.detail),
      }));
      sendPage(res, AuditPage({ ctx: pageContext(req, s.security), rows, chain, more: entries.length > 500 }));
    }),
  );

  usageRoutes(r, s);

  r.get(
    '/users',
    requireRole('manage-users', s.security),
    handle(async (req, res) => {
      sendPage(res, UsersPage({ ctx: pageContext(req, s.security), users: await s.users.list() }));
    }),
  );

  const userAction = (path: string, run: (name: string, req: Request) => Promise<string>): void => {
    r.post(
      path,
      requireRole('manage-users', s.security),
      handle(async (req, res) => {
        const name = field(req, 'name', 100).trim();
        try {
          flash(req, 'ok', await run(name, req));
        } catch (err) {
          if (!(err instanceof UserStoreError) && !(err instanceof RefusedInput)) throw err;
          // Shown by the form it came from, with what was typed (never the password).
          const role = field(req, 'role', 20);
          sendPage(
            res,
            UsersPage({
              ctx: pageContext(req, s.security),
              users: await s.users.list(),
              error: { form: path === '/users/add' ? 'add' : `row:${name}`, message: err.message },
              adding: { name: path === '/users/add' ? name : '', role: isRole(role) ? role : 'editor' },
            }),
            422,
          );
          return;
        }
        res.redirect(303, '/users');
      }),
    );
  };

  userAction('/users/add', async (name, req) => {
    const role = field(req, 'role', 20);
    if (!isRole(role)) throw new RefusedInput('役割を選んでください。');
    await s.users.add(name, role, field(req, 'password', 1000));
    await record(s, req, 'user-add', `${name} (${ROLE_LABELS[role]})`);
    return `${name} を ${ROLE_LABELS[role]} として追加しました。`;
  });
  userAction('/users/remove', async (name, req) => {
    if (name === req.session.user?.name) throw new RefusedInput('自分自身は削除できません。');
    if (field(req, 'confirm', 10) !== 'yes')
      throw new RefusedInput('削除するときは「削除を確認」に印をつけてください。');
    await s.users.remove(name);
    await record(s, req, 'user-remove', name);
    return `${name} を削除しました。`;
  });
  userAction('/users/reset', async (name, req) => {
    await s.users.resetPassword(name, field(req, 'password', 1000));
    await record(s, req, 'user-reset', name);
    return `${name} のパスワードを変えました。`;
  });
  userAction('/users/role', async (name, req) => {
    const role = field(req, 'role', 20);
    if (!isRole(role)) throw new RefusedInput('役割を選んでください。');
    if (name === req.session.user?.name && !can(role, 'manage-users'))
      throw new RefusedInput('自分自身を管理者から外すことはできません (ほかの管理者に頼んでください)。');
    await s.users.setRole(name, role);
    await record(s, req, 'user-role', `${name} → ${ROLE_LABELS[role]}`);
    return `${name} の役割を ${ROLE_LABELS[role]} にしました。`;
  });
}
