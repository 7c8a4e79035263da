import { readFile, rename, writeFile } from 'node:fs/promises';
import { normalizeText } from '../matching/normalize';
import { groupQuestions, type QuestionGroup } from '../stats/group-questions';
import type { UnansweredRecord } from '../stats/unanswered-log';
import type { UnhelpfulAnswer } from '../stats/usage-store';

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
  /** 「役に立たなかった回答」: what the answer showed, and the reasons given (reason → count). */
  unhelpful?: { targets: string[]; reasons: Record<string, number> };
}

export interface Inbox {
  /** Groups in one state, the newest first. */
  list(state: InboxState): Promise<InboxGroup[]>;
  /**
   * 「役に立たなかった回答」: answers residents marked 👎, by question (not yet handled: a question
   * marked here or in the list above leaves it), the newest first.
   */
  unhelpful(): Promise<InboxGroup[]>;
  /** The group (in any list or state) whose key is `key`. */
  find(key: string): Promise<InboxGroup | null>;
  mark(group: InboxGroup, mark: Mark | null): Promise<void>;
}

export interface InboxOptions {
  records(): Promise<UnansweredRecord[]>;
  /** 👎 answers (usage-store.ts); none when usage is not recorded. */
  unhelpfulAnswers?(): Promise<UnhelpfulAnswer[]>;
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

  /** The marks that still hold (a 対応済み keyword taken out again no longer does). */
  async function liveMarks(): Promise<Record<string, Mark>> {
    const all = await loadMarks();
    const m: Record<string, Mark> = {};
    const held = new Map<Mark, boolean>();
    for (const [k, mark] of Object.entries(all)) {
      if (!held.has(mark)) held.set(mark, mark.state !== 'done' || !opts.stillDone || (await opts.stillDone(mark)));
      if (held.get(mark)) m[k] = mark;
    }
    return m;
  }

  async function unhelpfulGroups(): Promise<InboxGroup[]> {
    if (!opts.unhelpfulAnswers) return [];
    const m = await liveMarks();
    const byKey = new Map<string, UnhelpfulAnswer[]>();
    for (const a of await opts.unhelpfulAnswers()) {
      // A vote on an answer reached by a button has no question: grouped by what it showed.
      const key = a.q ? normalizeText(a.q) || a.q : `@${a.targets.join(',')}`;
      if (m[key]) continue;
      const list = byKey.get(key);
      if (list) list.push(a);
      else byKey.set(key, [a]);
    }
    return [...byKey].map(([key, answers]) => {
      const times = answers.map((a) => a.t).sort();
      const reasons: Record<string, number> = {};
      for (const a of answers) if (a.reason) reasons[a.reason] = (reasons[a.reason] ?? 0) + 1;
      return {
        key,
        keys: [key],
        example: answers[0]!.q,
        count: answers.length,
        notFound: 0,
        suggest: 0,
        first: times[0]!,
        last: times[times.length - 1]!,
        variants: [],
        state: 'open' as const,
        unhelpful: { targets: [...new Set(answers.flatMap((a) => a.targets))], reasons },
      };
    });
  }

  async function groups(): Promise<InboxGroup[]> {
    const m = await liveMarks();
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
    async unhelpful() {
      return (await unhelpfulGroups()).sort((a, b) => b.last.localeCompare(a.last));
    },
    async find(key) {
      return (
        (await groups()).find((g) => g.key === key || g.keys.includes(key)) ??
        (await unhelpfulGroups()).find((g) => g.key === key) ??
        null
      );
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
