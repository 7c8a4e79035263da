import type { Request, Response, Router } from 'express';
import { can } from '../../users';
import { diffData } from '../../diff';
import type { PublishOutcome } from '../../publisher';
import {
  field,
  handle,
  pageContext,
  record,
  refuse,
  requireRole,
  sendPage,
  userName,
  type ConsoleServices,
} from '../context';
import { PublishPage, VersionPage } from '../pages/publish';
import { flash } from '../security';
import { committedMenuWarnings } from '../../../richmenu/definition';

/** Several servers (REDIS_URL): this one answers from the new data, the others did not get it. */
const notDelivered = (what: string): string =>
  `${what}しましたが、ほかのサーバーへの配信に失敗しました (Redis につながりません)。このサーバーのボットは新しいデータで答えています。` +
  'Redis につながりしだい自動で配信し直します。しばらくたってもほかのサーバーの答えが変わらないときは、管理者に知らせてください。';

const deliveryNote = (o: PublishOutcome): string => (o.ok && o.deliveryFailed ? ' (ほかのサーバーへの配信に失敗)' : '');

/** 「公開と履歴」: the draft's changes, 「公開」, the history with 「この版に戻す」, diffs. */
export function publishRoutes(r: Router, s: ConsoleServices): void {
  async function show(req: Request, res: Response, problems: string[] = [], status = 200): Promise<void> {
    const [draft, versions] = await Promise.all([s.draft.get(), s.versions.list()]);
    const live = versions[0] ?? null;
    const liveFiles = live ? await s.versions.files(live.n) : new Map<string, string>();
    const changes = draft ? diffData(liveFiles, draft.files) : [];
    const draftNote = draft
      ? `下書きは版 ${draft.meta.base} をもとにしています${draft.meta.updatedBy ? ` (最後の変更: ${draft.meta.updatedBy})` : ''}。` +
        (live && draft.meta.base !== live.n
          ? ` 公開中は版 ${live.n} です。公開すると、下の違いがすべて反映されます。`
          : '')
      : '下書きはまだありません。';
    sendPage(
      res,
      PublishPage({
        ctx: pageContext(req, s.security),
        changes,
        draftNote,
        canPublish: !!req.session.user && can(req.session.user.role, 'publish'),
        problems,
        versions,
        liveVersion: live?.n ?? null,
      }),
      status,
    );
  }

  r.get(
    '/publish',
    handle((req, res) => show(req, res)),
  );

  const outcome = async (req: Request, res: Response, o: PublishOutcome, what: string): Promise<void> => {
    if (o.ok) {
      flash(req, 'ok', `${what}しました (版 ${o.version.n})。ボットは数秒以内にこのデータで答えます。`);
      if (o.deliveryFailed) flash(req, 'error', notDelivered(what));
      // A renamed area leaves the rich menu's tile with the old name: say so.
      for (const w of committedMenuWarnings(s.published().catalog))
        flash(req, 'error', `${w} 開発の担当者に伝えてください。`);
      return res.redirect(303, '/publish');
    }
    if (o.reason === 'invalid') return show(req, res, o.problems, 422);
    flash(
      req,
      'error',
      o.reason === 'unchanged' ? '公開中のデータと同じなので、公開するものはありません。' : 'その版はありません。',
    );
    res.redirect(303, '/publish');
  };

  r.post(
    '/publish',
    requireRole('publish', s.security),
    handle(async (req, res) => {
      const o = await s.publisher.publish(userName(req));
      if (o.ok) await record(s, req, 'publish', `版 ${o.version.n}: ${o.version.summary}${deliveryNote(o)}`);
      else if (o.reason === 'invalid')
        await record(s, req, 'publish', `公開できませんでした (問題 ${o.problems.length} 件)`);
      await outcome(req, res, o, '公開');
    }),
  );

  r.post(
    '/rollback',
    requireRole('publish', s.security),
    handle(async (req, res) => {
      const n = Number(field(req, 'n', 10));
      if (!Number.isInteger(n) || n < 1) return refuse(req, res, s.security, 404, 'その版はありません。');
      const o = await s.publisher.rollback(n, userName(req));
      if (o.ok) await record(s, req, 'rollback', `版 ${n} に戻す → 版 ${o.version.n}${deliveryNote(o)}`);
      await outcome(req, res, o, `版 ${n} に戻`);
    }),
  );

  r.get(
    '/versions/:n',
    handle(async (req, res) => {
      const n = Number(req.params.n);
      const versions = await s.versions.list();
      const version = versions.find((v) => v.n === n);
      if (!version) return refuse(req, res, s.security, 404, 'その版はありません。');
      const previous = versions.find((v) => v.n < n)?.n ?? null;
      const changes = diffData(previous ? await s.versions.files(previous) : new Map(), await s.versions.files(n));
      sendPage(res, VersionPage({ ctx: pageContext(req, s.security), version, previous, changes }));
    }),
  );
}
