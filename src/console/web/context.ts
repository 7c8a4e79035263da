import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { VNode } from 'preact';
import type { Knowledge } from '../../bot/handler-context';
import type { Logger } from '../../log';
import type { AuditLog, AuditAction } from '../audit-log';
import type { DraftStore } from '../draft';
import type { Inbox } from '../inbox';
import type { UsageReader } from '../../stats/usage-store';
import type { Publisher } from '../publisher';
import { can, type Role, type UserStore } from '../users';
import type { VersionStore } from '../versions';
import { renderPage, type PageContext } from './pages/layout';
import { MessagePage } from './pages/login';
import { takeFlash, type ConsoleSecurity } from './security';

/** What the console's routes share: its stores and services, and how to answer a page. */
export interface ConsoleServices {
  users: UserStore;
  audit: AuditLog;
  draft: DraftStore;
  versions: VersionStore;
  publisher: Publisher;
  inbox: Inbox;
  /** The data the bot answers from now. */
  published(): Knowledge;
  /** The draft's data and matcher, or why they cannot be used (cached per draft revision). */
  draftKnowledge(): Promise<{ knowledge: Knowledge } | { problems: string[] }>;
  /** Parses a report's text and compares it with the draft (the 「取り込み」 page). */
  logger: Logger;
  /** The usage counters and votes (the 「利用状況」 page); absent when usage is not recorded. */
  usage?: UsageReader;
  security: ConsoleSecurity;
}

export type Action = Parameters<typeof can>[1];

/** The page context of this request (user, CSRF token, path, messages). */
export function pageContext(req: Request, security: ConsoleSecurity): PageContext {
  return {
    user: req.session.user ?? null,
    csrf: security.token(req),
    path: req.path,
    flash: takeFlash(req),
  };
}

/** Security headers of every console page: no script at all, styles from the console only. */
export function pageHeaders(res: Response, nonce?: string): void {
  res.set({
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'none'",
      `style-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
      "img-src 'self' data:",
      "font-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  });
}

export const newNonce = (): string => randomBytes(16).toString('base64');

export function sendPage(res: Response, page: VNode, status = 200, nonce?: string): void {
  pageHeaders(res, nonce);
  res.status(status).type('html').send(renderPage(page));
}

/** A refused page as a document: 403 and friends are answers, not errors. */
export function refuse(req: Request, res: Response, security: ConsoleSecurity, status: number, message: string): void {
  const title =
    status === 403 ? 'この操作はできません' : status === 404 ? 'ページがありません' : 'もう一度お試しください';
  sendPage(res, MessagePage({ ctx: pageContext(req, security), title, message }), status);
}

/**
 * Anonymous visitors go to the login page. A logged-in account is looked up again on every
 * request, so a removed account loses access at once and a changed role applies at once.
 */
export function requireLogin(users: UserStore): RequestHandler {
  return (req, res, next) => {
    const name = req.session.user?.name;
    if (!name) return res.redirect(303, '/login');
    users.get(name).then((user) => {
      if (!user) {
        req.session.destroy(() => res.redirect(303, '/login'));
        return;
      }
      if (user.role !== req.session.user!.role) req.session.user = { name: user.name, role: user.role };
      next();
    }, next);
  };
}

/** The server decides what a role may do, whatever the page showed. */
export function requireRole(action: Action, security: ConsoleSecurity): RequestHandler {
  return (req, res, next) => {
    const user = req.session.user;
    if (user && can(user.role, action)) return next();
    refuse(
      req,
      res,
      security,
      403,
      'この操作は権限のある職員だけができます (編集者は下書きの編集まで、公開と版を戻す操作は承認者と管理者、ユーザー管理は管理者)。',
    );
  };
}

export const userName = (req: Request): string => req.session.user?.name ?? '?';
export const userRole = (req: Request): Role | null => req.session.user?.role ?? null;

/** Appends to 操作の記録; a failure there is logged, never shown as the action failing. */
export async function record(
  s: ConsoleServices,
  req: Request,
  action: AuditAction,
  detail: string,
  user: string | null = req.session.user?.name ?? null,
): Promise<void> {
  try {
    await s.audit.append({ user, action, detail });
  } catch (err) {
    s.logger.error({ err, action }, 'could not write the console audit log');
  }
}

/** Form fields as strings (a missing or repeated field is ''). */
export function field(req: Request, name: string, max = 20_000): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** Wraps an async handler so that its failure reaches the error middleware. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    fn(req, res).catch(next);
  };
