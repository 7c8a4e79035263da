import type { Router } from 'express';
import { field, handle, pageContext, record, sendPage, type ConsoleServices } from '../context';
import { LoginPage } from '../pages/login';
import { endSession, startSession } from '../security';

/** GET/POST /login and POST /logout. */
export function authRoutes(r: Router, s: ConsoleServices): void {
  r.get('/login', (req, res) => {
    if (req.session.user) return res.redirect(303, '/inbox');
    sendPage(res, LoginPage({ ctx: pageContext(req, s.security) }));
  });

  r.post(
    '/login',
    handle(async (req, res) => {
      const name = field(req, 'name', 100).trim();
      const password = field(req, 'password', 1000);
      const address = req.ip ?? req.socket.remoteAddress ?? '?';
      const refuse = (error: string, status = 401): void =>
        sendPage(res, LoginPage({ ctx: pageContext(req, s.security), name, error }), status);
      const locked = await s.security.lockedFor(name, address);
      if (locked) {
        const known = name ? await s.users.get(name) : null;
        await record(s, req, 'login-locked', 'ロック中のログイン', known?.name ?? null);
        return refuse(
          `ログインに続けて失敗したため、このユーザー名はロックされています。${Math.ceil(locked / 60)} 分ほどたってから、もう一度お試しください。`,
          429,
        );
      }
      const user = name && password ? await s.users.verify(name, password) : null;
      if (!user) {
        const nowLocked = await s.security.failed(name, address);
        // A name that is no account may be a password typed in the wrong box: not recorded.
        const known = name ? await s.users.get(name) : null;
        await record(s, req, 'login-failed', known ? known.name : '(登録のない名前)', known?.name ?? null);
        return refuse(
          nowLocked
            ? 'ログインに 5 回失敗したため、このユーザー名を 15 分間ロックしました。しばらくたってから、もう一度お試しください。'
            : 'ユーザー名かパスワードが違います。',
        );
      }
      await s.security.succeeded(name);
      await startSession(req, { name: user.name, role: user.role });
      await record(s, req, 'login', user.name, user.name);
      res.redirect(303, '/inbox');
    }),
  );

  r.post(
    '/logout',
    handle(async (req, res) => {
      const name = req.session.user?.name ?? null;
      if (name) await record(s, req, 'logout', name, name);
      await endSession(req);
      res.redirect(303, '/login');
    }),
  );
}
