import { readFile, rename, writeFile } from 'node:fs/promises';
import { normalizeText } from '../matching/normalize';
import { groupQuestions, type QuestionGroup } from '../stats/group-questions';
import type { UnansweredRecord } from '../stats/unanswered-log';

/**
 * 「答えられなかった質問」: the questions the bot could not answer, grouped by similar wording
 * (stats/group-questions.ts), each group 未対応, 対応済み or 対象外. The state belongs to the
 * wordings (their normalised form), so a question marked 対象外 stays out of the list when a
 * resident asks it again. Kept in CONSOLE_DIR/inbox.json (0600).
 */
export type InboxState = 'open' | 'done' | 'ignored';

export interface Mark {
  state: 'done' | 'ignored';
  at: string;
  by: string;
  /** For done: the item the wording was added to, and the keyword. */
  item?: string;
  keyword?: string;
}

export interface InboxGroup extends QuestionGroup {
  /** Identifies the group in a form (its first wording's normalised form). */
  key: string;
  state: InboxState;
  mark?: Mark;
}

export interface Inbox {
  /** Groups in one state, the newest first. */
  list(state: InboxState): Promise<InboxGroup[]>;
  /** The group (in any state) whose key is `key`. */
  find(key: string): Promise<InboxGroup | null>;
  mark(group: InboxGroup, mark: Mark | null): Promise<void>;
}

export interface InboxOptions {
  records(): Promise<UnansweredRecord[]>;
  stateFile: string;
  /**
   * Whether a 対応済み mark still holds: its keyword is still in the draft. A keyword taken out
   * again (a rollback, an edit) sends the question back to 未対応.
   */
  stillDone?(mark: Mark): boolean | Promise<boolean>;
}

export function createInbox(opts: InboxOptions): Inbox {
  let marks: Record<string, Mark> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function loadMarks(): Promise<Record<string, Mark>> {
    if (marks) return marks;
    try {
      marks = (JSON.parse(await readFile(opts.stateFile, 'utf8')) as { keys: Record<string, Mark> }).keys;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      marks = {};
    }
    return marks;
  }

  async function groups(): Promise<InboxGroup[]> {
    const all = await loadMarks();
    const m: Record<string, Mark> = {};
    const held = new Map<Mark, boolean>();
    for (const [k, mark] of Object.entries(all)) {
      if (!held.has(mark)) held.set(mark, mark.state !== 'done' || !opts.stillDone || (await opts.stillDone(mark)));
      if (held.get(mark)) m[k] = mark;
    }
    const records = await opts.records();
    // Each state is grouped on its own: a wording keeps its mark whatever else is asked.
    const byState = new Map<string, UnansweredRecord[]>();
    for (const r of records) {
      const mark = m[normalizeText(r.q) || r.q];
      const bucket = mark ? `${mark.state}\0${keyOfMark(m, mark)}` : 'open';
      const list = byState.get(bucket);
      if (list) list.push(r);
      else byState.set(bucket, [r]);
    }
    const out: InboxGroup[] = [];
    for (const [bucket, recs] of byState) {
      for (const g of groupQuestions(recs)) {
        const mark = bucket === 'open' ? undefined : m[g.keys[0]!];
        out.push({ ...g, key: g.keys[0]!, state: mark?.state ?? 'open', ...(mark ? { mark } : {}) });
      }
    }
    return out.sort((a, b) => b.last.localeCompare(a.last) || b.count - a.count);
  }

  return {
    async list(state) {
      return (await groups()).filter((g) => g.state === state);
    },
    async find(key) {
      return (await groups()).find((g) => g.key === key || g.keys.includes(key)) ?? null;
    },
    mark(group, mark) {
      const run = queue.then(async () => {
        const m = { ...(await loadMarks()) };
        for (const k of group.keys) {
          if (mark) m[k] = mark;
          else delete m[k];
        }
        const tmp = `${opts.stateFile}.tmp`;
        await writeFile(tmp, `${JSON.stringify({ keys: m }, null, 2)}\n`, { mode: 0o600 });
        await rename(tmp, opts.stateFile);
        marks = m;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** Wordings marked together stay together: they share the time and the person of the mark. */
const keyOfMark = (_m: Record<string, Mark>, mark: Mark): string => `${mark.at}\0${mark.by}`;
