import type { Router } from 'express';
import { addKeyword, keywordFromQuestion, readAreas } from '../../editable';
import type { InboxState } from '../../inbox';
import { flash } from '../security';
import { field, handle, pageContext, record, refuse, sendPage, userName, type ConsoleServices } from '../context';
import { InboxPage, type InboxRow } from '../pages/inbox';

const STATES: InboxState[] = ['open', 'done', 'ignored'];
type View = InboxState | 'unhelpful';
const VIEWS: View[] = [...STATES, 'unhelpful'];
/** Back to the list the form was sent from. */
const back = (view: string): string => `/inbox${view === 'unhelpful' ? '?state=unhelpful' : ''}`;
const REASON_LABELS: Record<string, string> = { wrong: '答えが違う', missing: '情報が足りない', other: 'その他' };

/** 「答えられなかった質問」 and its three actions. */
export function inboxRoutes(r: Router, s: ConsoleServices): void {
  r.get(
    '/inbox',
    handle(async (req, res) => {
      const state = VIEWS.find((x) => x === req.query.state) ?? 'open';
      const groups = state === 'unhelpful' ? await s.inbox.unhelpful() : await s.inbox.list(state);
      const draft = await s.draft.get();
      const titles = new Map<string, string>(
        draft
          ? readAreas(draft.files).flatMap((a) => [
              [`area:${a.id}`, `分野「${a.label}」`] as const,
              ...a.items.map((it) => [`item:${it.id}`, `${it.id} ${it.title}`] as const),
            ])
          : [],
      );
      const items = draft
        ? readAreas(draft.files).flatMap((a) => a.items.map((it) => ({ id: it.id, title: it.title, area: a.label })))
        : [];
      const rows: InboxRow[] = groups.map((g) => ({
        key: g.key,
        example: g.example,
        count: g.count,
        last: g.last,
        variants: g.variants,
        notFound: g.notFound,
        suggest: g.suggest,
        ...(g.unhelpful
          ? {
              note: [
                `表示した回答: ${g.unhelpful.targets.map((t) => titles.get(t) ?? t).join('、')}`,
                Object.keys(g.unhelpful.reasons).length
                  ? `理由: ${Object.entries(g.unhelpful.reasons)
                      .map(([r, n]) => `${REASON_LABELS[r] ?? r} ${n}`)
                      .join('・')}`
                  : '',
              ]
                .filter(Boolean)
                .join(' ／ '),
            }
          : g.mark
            ? {
                note:
                  g.mark.state === 'done'
                    ? `${g.mark.by} が ${g.mark.item ?? ''} のキーワード「${g.mark.keyword ?? ''}」として下書きに追加`
                    : `${g.mark.by} が対象外にしました`,
              }
            : {}),
      }));
      sendPage(res, InboxPage({ ctx: pageContext(req, s.security), state, rows, items }));
    }),
  );

  r.post(
    '/inbox/keyword',
    handle(async (req, res) => {
      const group = await s.inbox.find(field(req, 'key', 500));
      const itemId = field(req, 'item', 100);
      if (!group)
        return refuse(req, res, s.security, 404, 'その質問は見つかりませんでした。一覧を読み直してください。');
      if (!itemId) {
        flash(req, 'error', '「取組」でキーワードを加える取組を選んでください。');
        return res.redirect(303, back(field(req, 'view', 20)));
      }
      const keyword = keywordFromQuestion(group.example);
      if (!keyword) {
        flash(
          req,
          'error',
          `「${group.example}」は長すぎてキーワードにできません (40 文字まで)。取組の編集で短い言葉を加えてください。`,
        );
        return res.redirect(303, `/edit/item/${encodeURIComponent(itemId)}`);
      }
      const result = await s.draft.update(userName(req), (files) => {
        const r2 = addKeyword(files, itemId, keyword);
        return { files: r2.ok && r2.changed ? r2.files : null, value: r2 };
      });
      if (!result.ok) {
        flash(
          req,
          'error',
          `キーワードを加えられませんでした: ${result.problems.map((p) => `${p.label}: ${p.message}`).join(' / ')}`,
        );
        return res.redirect(303, back(field(req, 'view', 20)));
      }
      await s.inbox.mark(group, {
        state: 'done',
        at: new Date().toISOString(),
        by: userName(req),
        item: itemId,
        keyword,
      });
      await record(s, req, 'inbox', `${itemId} にキーワードを 1 つ追加 (下書き、質問 ${group.count} 件から)`);
      flash(
        req,
        'ok',
        `「${keyword}」を ${itemId} のキーワードとして下書きに加えました。公開すると市民への答えに反映されます。`,
      );
      res.redirect(303, back(field(req, 'view', 20)));
    }),
  );

  r.post(
    '/inbox/ignore',
    handle(async (req, res) => {
      const group = await s.inbox.find(field(req, 'key', 500));
      if (!group)
        return refuse(req, res, s.security, 404, 'その質問は見つかりませんでした。一覧を読み直してください。');
      await s.inbox.mark(group, { state: 'ignored', at: new Date().toISOString(), by: userName(req) });
      await record(s, req, 'inbox', `質問 ${group.count} 件を対象外に`);
      flash(req, 'ok', `「${group.example}」を対象外にしました。同じ質問がまた来ても未対応には出ません。`);
      res.redirect(303, back(field(req, 'view', 20)));
    }),
  );

  r.post(
    '/inbox/reopen',
    handle(async (req, res) => {
      const group = await s.inbox.find(field(req, 'key', 500));
      if (!group) return refuse(req, res, s.security, 404, 'その質問は見つかりませんでした。');
      await s.inbox.mark(group, null);
      await record(s, req, 'inbox', `質問 ${group.count} 件を未対応に戻す`);
      flash(req, 'ok', `「${group.example}」を未対応に戻しました。`);
      res.redirect(303, `/inbox?state=${STATES.find((x) => x === field(req, 'state')) ?? 'open'}`);
    }),
  );
}
