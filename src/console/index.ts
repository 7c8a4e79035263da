import { stat } from 'node:fs/promises';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Knowledge } from '../bot/handler-context';
import type { Logger } from '../log';
import type { Catalog } from '../pledges/catalog';
import { DataError } from '../pledges/data-error';
import { FLEX_CSS } from '../simulator/flex-to-html';
import { readUnansweredAsync, type UnansweredRecord } from '../stats/unanswered-log';
import type { UsageReader } from '../stats/usage-store';
import { loadValidDataAsync, type ValidData } from '../valid-data';
import { createAuditLog } from './audit-log';
import { createDraftStore } from './draft';
import { createInbox } from './inbox';
import { createPublisher, describeProblem, type PublishedSet } from './publisher';
import { createFileUserStore } from './users';
import { createVersionStore } from './versions';
import { refuse, requireLogin, sendPage, pageContext, type ConsoleServices } from './web/context';
import { MessagePage } from './web/pages/login';
import { authRoutes } from './web/routes/auth';
import { editRoutes } from './web/routes/edit';
import { importRoutes } from './web/routes/import';
import { inboxRoutes } from './web/routes/inbox';
import { miscRoutes } from './web/routes/misc';
import { publishRoutes } from './web/routes/publish';
import { createConsoleSecurity, type ConsoleSessions } from './web/security';
import { CONSOLE_CSS, CONSOLE_ICON } from './web/static';
import { privateDir } from './data-set';
import { findItem } from './editable';

/**
 * The staff console: city staff turn residents' unanswered questions into keywords, edit items,
 * try questions against the draft, import next year's report, and publish (approvers), with
 * versions, rollback and an audit log. Server-rendered Japanese pages that work without
 * JavaScript, on the internal listener only (ADMIN_HOST:ADMIN_PORT), never on PORT.
 *
 * Its files live in CONSOLE_DIR (accounts, draft, versions, inbox marks, audit log; 0600 in 0700
 * folders); the published truth stays the plain files of DATA_DIR.
 */
export interface ConsoleDeps {
  consoleDir: string;
  dataDir: string;
  trustProxy: boolean;
  logger: Logger;
  /** The data the bot answers from now. */
  published(): Knowledge;
  /** Builds answering knowledge for other data (the draft, in the test pane). */
  buildKnowledge(catalog: Catalog): Promise<Knowledge>;
  /** The bot answers from `catalog` from now on (called by 公開 and この版に戻す). */
  onPublished(catalog: Catalog): Promise<void>;
  /** Residents' unanswered questions (the inbox); none when the log is off. */
  unanswered: (() => Promise<UnansweredRecord[]>) | null;
  /** Rebuilds the derived files in a folder (default: data:readings in a child process). */
  buildDerived?(dir: string): Promise<void>;
  /**
   * Called after 公開 and この版に戻す have written DATA_DIR and the bot answers from the new data:
   * hands the set to the other instances (REDIS_URL). A failure is logged and told on the page;
   * the publish here stands.
   */
  afterPublish?(published: PublishedSet): Promise<void>;
  /** Usage counters and residents' votes (the 「利用状況」 page); absent when not recorded (USAGE_DIR=off). */
  usage?: UsageReader;
  /**
   * Where staff sessions live and what signs their cookies; default: this process's memory. Several
   * instances serving the console share them (createRedisConsoleSessions, with REDIS_URL).
   */
  sessions?: ConsoleSessions;
}

export interface StaffConsole {
  router: Router;
  /**
   * Records the live data as a version (when no version holds it) and makes the first draft;
   * done at the console's first request, so a bot whose console nobody opens writes nothing.
   */
  ready(): Promise<void>;
}

/** Paths the console answers (everything else on the internal listener is not its business). */
const CONSOLE_PATHS =
  /^\/(?:$|login|logout|inbox|edit|test|publish|rollback|versions|usage|audit|import|users)(?:\/|$)/u;

export function createConsole(deps: ConsoleDeps): StaffConsole {
  const dir = deps.consoleDir;
  const validate = (d: string): Promise<ValidData> => loadValidDataAsync(d);
  const draft = createDraftStore(dir);
  const versions = createVersionStore(path.join(dir, 'versions'));
  const publisher = createPublisher({
    dataDir: deps.dataDir,
    consoleDir: dir,
    versions,
    draft,
    validate,
    onPublished: deps.onPublished,
    ...(deps.buildDerived ? { buildDerived: deps.buildDerived } : {}),
    ...(deps.afterPublish ? { afterPublish: deliverWithLog(deps.afterPublish, deps.logger) } : {}),
  });
  let started: Promise<void> | null = null;
  const ready = (): Promise<void> => {
    started ??= privateDir(dir)
      .then(() => publisher.sync())
      .catch((err: unknown) => {
        started = null; // tried again at the next request
        deps.logger.error({ err }, 'staff console: could not record the live data');
        throw err;
      });
    return started;
  };

  const security = createConsoleSecurity({
    trustProxy: deps.trustProxy,
    ...(deps.sessions ? { sessions: deps.sessions } : {}),
    forbidden: (req, res) =>
      refuse(
        req,
        res,
        security,
        403,
        'このフォームは期限切れか、別のページから送られました。ページを読み直してから、もう一度操作してください。',
      ),
  });

  const readRecords = async (): Promise<UnansweredRecord[]> => (deps.unanswered ? deps.unanswered() : []);

  // The draft's matcher, built once per draft revision.
  let draftCache: { revision: number; value: Promise<{ knowledge: Knowledge } | { problems: string[] }> } | null = null;
  const draftKnowledge = async (): Promise<{ knowledge: Knowledge } | { problems: string[] }> => {
    const d = await draft.get();
    if (!d) return { problems: ['下書きがありません。'] };
    if (draftCache?.revision !== d.meta.revision) {
      const value = validate(path.join(dir, 'draft')).then(
        async (v) => ({ knowledge: await deps.buildKnowledge(v.catalog) }),
        (err: unknown) => {
          if (err instanceof DataError) return { problems: err.problems.map((p) => describeProblem(p, 'draft')) };
          throw err;
        },
      );
      draftCache = { revision: d.meta.revision, value };
    }
    return draftCache.value;
  };

  const services: ConsoleServices = {
    users: createFileUserStore(dir),
    audit: createAuditLog(path.join(dir, 'audit.jsonl')),
    draft,
    versions,
    publisher,
    inbox: createInbox({
      records: readRecords,
      ...(deps.usage ? { unhelpfulAnswers: () => deps.usage!.unhelpful() } : {}),
      stateFile: path.join(dir, 'inbox.json'),
      stillDone: async (mark) => {
        const d = await draft.get();
        const found = d && mark.item ? findItem(d.files, mark.item) : null;
        return !!found && !!mark.keyword && found.item.keywords.includes(mark.keyword);
      },
    }),
    published: deps.published,
    draftKnowledge,
    logger: deps.logger,
    security,
    ...(deps.usage ? { usage: deps.usage } : {}),
  };

  const router = express.Router();
  const asset = (type: string, body: string) => (_req: express.Request, res: express.Response) => {
    res.set({ 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' }).type(type).send(body);
  };
  router.get('/console/console.css', asset('css', CONSOLE_CSS));
  router.get('/console/flex.css', asset('css', FLEX_CSS));
  router.get('/console/icon.svg', asset('svg', CONSOLE_ICON));
  router.get('/favicon.ico', asset('svg', CONSOLE_ICON));

  const own = express.Router();
  own.use(security.session);
  own.use(express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 2000 }));
  // Multipart is only the report upload, parsed by its own route before the token is checked
  // there; anywhere else it is refused like a missing token.
  own.use((req, res, next) => {
    if (req.method === 'POST' && req.is('multipart/form-data'))
      return req.path === '/import/preview'
        ? next()
        : refuse(req, res, security, 403, 'この送り方は受け付けていません。');
    security.checkPost(req, res, next);
  });
  authRoutes(own, services);
  own.use(requireLogin(services.users));
  own.use((_req, _res, next) => {
    ready().then(() => next(), next);
  });
  own.get('/', (_req, res) => res.redirect(303, '/inbox'));
  inboxRoutes(own, services);
  editRoutes(own, services);
  publishRoutes(own, services);
  importRoutes(own, services, dir);
  miscRoutes(own, services);
  own.use((req, res) => refuse(req, res, security, 404, 'そのページはありません。'));
  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const status =
      (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      refuse(
        req,
        res,
        security,
        status === 413 ? 413 : 400,
        '送られた内容を読めませんでした (大きすぎるか、形が違います)。',
      );
      return;
    }
    deps.logger.error({ err, path: req.path }, 'staff console error');
    sendPage(
      res,
      MessagePage({
        ctx: pageContext(req, security),
        title: 'エラー',
        message: '処理できませんでした。時間をおいてもう一度お試しください。問題が続くときは管理者に知らせてください。',
      }),
      500,
    );
  };
  own.use(onError);
  router.use((req, res, next) => (CONSOLE_PATHS.test(req.path) ? own(req, res, next) : next()));
  return { router, ready };
}

/** afterPublish, with its failure logged (the page tells the staff member; the publish stands). */
function deliverWithLog(
  afterPublish: (published: PublishedSet) => Promise<void>,
  logger: Logger,
): (published: PublishedSet) => Promise<void> {
  return async (published) => {
    try {
      await afterPublish(published);
    } catch (err) {
      logger.error(
        { err, dataVersion: published.version },
        'staff console: published here, but could not hand the data to the other instances',
      );
      throw err;
    }
  };
}

/** The unanswered log as the inbox reads it: the file, read again only when it changed. */
export function unansweredFromFile(file: string): () => Promise<UnansweredRecord[]> {
  let cache: { sig: string; records: UnansweredRecord[] } | null = null;
  return async () => {
    const sig = (
      await Promise.all(
        [file, `${file}.1`].map((f) =>
          stat(f).then(
            (s) => `${s.size}:${s.mtimeMs}`,
            () => '-',
          ),
        ),
      )
    ).join('|');
    if (cache?.sig !== sig) cache = { sig, records: await readUnansweredAsync(file) };
    return cache.records;
  };
}
