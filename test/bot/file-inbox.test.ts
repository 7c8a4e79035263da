import { createSealer } from '../../src/privacy';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileInbox, JOURNAL_FILE, type FileInbox } from '../../src/bot/file-inbox';
import type { InboxEntry, InboxWorker } from '../../src/bot/inbox';

let dir: string;
const inboxes: FileInbox[] = [];
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'file-inbox-')), 'inbox');
});
afterEach(async () => {
  for (const inbox of inboxes.splice(0)) {
    await inbox.stop();
    await inbox.close();
  }
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

const open = (d: string | null = dir, opts: Parameters<typeof createFileInbox>[1] = {}): FileInbox => {
  const inbox = createFileInbox(d, opts);
  inboxes.push(inbox);
  return inbox;
};
const journal = (): string => path.join(dir, JOURNAL_FILE);
const journalLines = (): Record<string, unknown>[] =>
  readFileSync(journal(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const textEvent = (id: string | undefined, text = `質問 ${id}`): Record<string, unknown> => ({
  type: 'message',
  ...(id ? { webhookEventId: id } : {}),
  replyToken: `token-${id}`,
  source: { type: 'user', userId: 'U-resident' },
  message: { type: 'text', id: '1', text },
  deliveryContext: { isRedelivery: false },
});

/** A worker that records what it gets and answers what `decide` says (default 'done'). */
function recordingWorker(
  decide: (e: InboxEntry, nth: number) => Promise<'done' | 'retry'> | 'done' | 'retry' = () => 'done',
) {
  const got: InboxEntry[] = [];
  const worker: InboxWorker = {
    answer: async (e) => {
      got.push(e);
      return decide(e, got.filter((g) => g.id === e.id).length);
    },
    room: () => 10,
  };
  return { worker, got, ids: () => got.map((e) => e.id) };
}

async function until(cond: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('file inbox: an append-only journal on the local disk', () => {
  test('accept resolves only once the event is in the journal on disk', async () => {
    const inbox = open();
    const ev = textEvent('ev-1', '上尾駅の駐輪場について');
    expect(await inbox.accept([ev])).toBe(1);
    // Read at once, with nothing awaited in between: the line must already be there.
    const lines = journalLines();
    expect(lines).toContainEqual({ k: 'a', id: 'ev-1', at: expect.any(Number), ev });
    expect(inbox.pendingCount()).toBe(1);
    expect(inbox.healthy()).toBe(true);
  });

  test('the journal file is 0600 in a 0700 folder', async () => {
    const inbox = open();
    await inbox.accept([textEvent('ev-1')]);
    expect(statSync(journal()).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  test('the worker gets each new entry once, with the event as LINE sent it', async () => {
    const inbox = open();
    const w = recordingWorker();
    inbox.start(w.worker);
    const e1 = textEvent('ev-1');
    const e2 = textEvent('ev-2');
    expect(await inbox.accept([e1, e2])).toBe(2);
    expect(await inbox.accept([textEvent('ev-3')])).toBe(1);
    await until(() => w.got.length >= 3 && inbox.pendingCount() === 0, 2000, 'three answers');
    await sleep(100);
    expect(w.ids().sort()).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(w.got.find((e) => e.id === 'ev-1')).toMatchObject({ id: 'ev-1', event: e1, acceptedAt: expect.any(Number) });
  });

  test('entries accepted before start are handed over at start, oldest first', async () => {
    let t = 1_000_000;
    const inbox = open(dir, { now: () => t++ });
    await inbox.accept([textEvent('ev-1')]);
    await inbox.accept([textEvent('ev-2')]);
    const w = recordingWorker();
    inbox.start(w.worker);
    await until(() => w.got.length === 2);
    expect(w.ids()).toEqual(['ev-1', 'ev-2']);
  });

  test('after a restart, the entries not answered are answered, and not the answered ones', async () => {
    const first = open();
    let release: (r: 'retry') => void = () => {};
    const w1 = recordingWorker((e) => (e.id === 'ev-done' ? 'done' : new Promise((r) => (release = r))));
    first.start(w1.worker);
    await first.accept([textEvent('ev-done'), textEvent('ev-open')]);
    await until(() => w1.got.length === 2 && first.pendingCount() === 1, 2000, 'first answers');
    await first.stop();
    await first.close(); // compacted at close: ev-done is only an id now (for redeliveries)
    expect(journalLines()).toContainEqual(expect.objectContaining({ k: 's', id: 'ev-done' }));
    expect(journalLines()).not.toContainEqual(expect.objectContaining({ k: 'a', id: 'ev-done' }));

    const second = open();
    expect(second.pendingCount()).toBe(1);
    const w2 = recordingWorker();
    second.start(w2.worker);
    await until(() => w2.got.length === 1);
    await sleep(50);
    expect(w2.ids()).toEqual(['ev-open']);
    expect(w2.got[0]!.event).toEqual(textEvent('ev-open'));
    release('retry');
  });

  test('a redelivered copy (same webhookEventId) is left out, also by the inbox after a restart', async () => {
    const first = open();
    const w = recordingWorker();
    first.start(w.worker);
    expect(await first.accept([textEvent('ev-1')])).toBe(1);
    expect(await first.accept([textEvent('ev-1')])).toBe(0);
    expect(await first.accept([textEvent('ev-1'), textEvent('ev-2')])).toBe(1);
    await until(() => first.pendingCount() === 0);
    await first.stop();
    await first.close();

    const second = open();
    expect(await second.accept([textEvent('ev-1')])).toBe(0);
    expect(await second.accept([textEvent('ev-2')])).toBe(0);
    expect(await second.accept([textEvent('ev-3')])).toBe(1);
    expect(second.pendingCount()).toBe(1);
    expect(w.ids().sort()).toEqual(['ev-1', 'ev-2']);
  });

  test('events without a webhookEventId are accepted every time', async () => {
    const inbox = open();
    const w = recordingWorker();
    inbox.start(w.worker);
    const ev = textEvent(undefined);
    expect(await inbox.accept([ev])).toBe(1);
    expect(await inbox.accept([ev])).toBe(1);
    await until(() => w.got.length === 2);
    expect(new Set(w.ids()).size).toBe(2);
    expect(w.ids().every((id) => id.startsWith('local-'))).toBe(true);
  });

  test('what is not an event (not an object, no type) is ignored', async () => {
    const inbox = open();
    expect(await inbox.accept([null, 'message', 42, [], ['x'], {}, { type: 7 }, undefined])).toBe(0);
    expect(await inbox.accept([null, textEvent('ev-1')])).toBe(1);
    expect(inbox.pendingCount()).toBe(1);
    expect(journalLines().filter((l) => l.k === 'a')).toHaveLength(1);
  });

  test('a torn last line (the process died mid-write) is skipped at start', async () => {
    const first = open();
    await first.accept([textEvent('ev-1')]);
    await first.close();
    appendFileSync(journal(), JSON.stringify({ k: 'a', id: 'ev-torn', at: 1, ev: textEvent('ev-torn') }).slice(0, 40));

    const second = open();
    expect(second.pendingCount()).toBe(1);
    const w = recordingWorker();
    second.start(w.worker);
    await until(() => w.got.length === 1);
    expect(w.ids()).toEqual(['ev-1']);
    // Rewritten at start: the torn piece is gone and new lines start on a line of their own.
    expect(await second.accept([textEvent('ev-2')])).toBe(1);
    expect(journalLines().map((l) => l.id)).toEqual(expect.arrayContaining(['ev-1', 'ev-2']));
  });

  test("'retry' from the worker: the entry is tried again later", async () => {
    const inbox = open();
    const w = recordingWorker((_e, nth) => (nth === 1 ? 'retry' : 'done'));
    inbox.start(w.worker);
    await inbox.accept([textEvent('ev-1')]);
    await until(() => w.got.length === 1);
    await sleep(500);
    expect(w.got).toHaveLength(1); // not at once: after retryPause(1) = 2 s
    expect(inbox.pendingCount()).toBe(1);
    await until(() => w.got.length === 2, 3000, 'the second try');
    await until(() => inbox.pendingCount() === 0);
    expect(w.ids()).toEqual(['ev-1', 'ev-1']);
  });

  test('a worker that throws counts as retry', async () => {
    const errors: string[] = [];
    const inbox = open(dir, { onError: (_err, what) => errors.push(what) });
    const w = recordingWorker(() => Promise.reject(new Error('boom')));
    inbox.start(w.worker);
    await inbox.accept([textEvent('ev-1')]);
    await until(() => errors.length === 1);
    expect(errors).toEqual(['inbox: answering']);
    expect(inbox.pendingCount()).toBe(1);
  });

  test('stop: nothing more is handed out; the entries stay for the next start', async () => {
    const inbox = open();
    await inbox.stop();
    await inbox.accept([textEvent('ev-1')]);
    await sleep(50);
    expect(inbox.pendingCount()).toBe(1);
    const w = recordingWorker();
    inbox.start(w.worker);
    await until(() => w.got.length === 1);
  });

  test('compaction: once answered, the resident’s message leaves the disk; only id lines stay', async () => {
    const inbox = open(dir, { compactEveryMs: 50 });
    const w = recordingWorker();
    inbox.start(w.worker);
    await inbox.accept([textEvent('ev-1', '市長への秘密の相談ABC')]);
    expect(readFileSync(journal(), 'utf8')).toContain('秘密の相談ABC');
    await until(() => inbox.pendingCount() === 0);
    await until(() => !readFileSync(journal(), 'utf8').includes('秘密の相談ABC'), 2000, 'compaction');
    const lines = journalLines();
    expect(lines).toEqual([{ k: 's', id: 'ev-1', at: expect.any(Number) }]);
    expect(statSync(journal()).mode & 0o777).toBe(0o600);
    // Still recognised as seen, and the inbox keeps working after the rewrite.
    expect(await inbox.accept([textEvent('ev-1')])).toBe(0);
    expect(await inbox.accept([textEvent('ev-2')])).toBe(1);
    expect(journalLines().map((l) => l.id)).toEqual(['ev-1', 'ev-2']);
  });

  test('an unanswered entry survives compaction', async () => {
    const inbox = open(dir, { compactEveryMs: 50 });
    const w = recordingWorker((e) => (e.id === 'ev-1' ? 'done' : new Promise<'retry'>(() => {})));
    inbox.start(w.worker);
    await inbox.accept([textEvent('ev-1'), textEvent('ev-2', 'まだ答えていない質問')]);
    await until(() => inbox.pendingCount() === 1);
    await until(() => journalLines().every((l) => l.k !== 'd'), 2000, 'compaction');
    expect(journalLines()).toEqual([
      { k: 's', id: 'ev-1', at: expect.any(Number) },
      { k: 'a', id: 'ev-2', at: expect.any(Number), ev: textEvent('ev-2', 'まだ答えていない質問') },
    ]);
  });

  test('the journal cannot be written: accept rejects, unhealthy; the same event is accepted once it can', async () => {
    const inbox = open();
    // The inbox made journal.jsonl at start; it opens it at the first write. Put a folder in its place.
    rmSync(journal());
    mkdirSync(journal());
    await expect(inbox.accept([textEvent('ev-1')])).rejects.toThrow(/EISDIR|illegal operation/u);
    expect(inbox.healthy()).toBe(false);
    expect(inbox.pendingCount()).toBe(0);

    rmSync(journal(), { recursive: true });
    expect(await inbox.accept([textEvent('ev-1')])).toBe(1);
    expect(inbox.healthy()).toBe(true);
    expect(journalLines().map((l) => l.id)).toEqual(['ev-1']);
  });

  test('close: healthy() is false afterwards', async () => {
    const inbox = open();
    await inbox.close();
    expect(inbox.healthy()).toBe(false);
  });

  test('createFileInbox(null): the same inbox in memory', async () => {
    const inbox = open(null);
    const w = recordingWorker();
    inbox.start(w.worker);
    expect(await inbox.accept([textEvent('ev-1')])).toBe(1);
    expect(await inbox.accept([textEvent('ev-1')])).toBe(0);
    expect(await inbox.accept([textEvent(undefined)])).toBe(1);
    await until(() => w.got.length === 2 && inbox.pendingCount() === 0);
    expect(inbox.healthy()).toBe(true);
    expect(() => statSync(dir)).toThrow();
  });
});

describe('the journal on disk holds no readable user id or message', () => {
  test('events are sealed with the key (AES-256-GCM); the restarted inbox opens them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inbox-sealed-'));
    const first = createFileInbox(dir, { sealer: createSealer('key-1') });
    const event = {
      type: 'message',
      webhookEventId: 'sealed-1',
      replyToken: 't',
      source: { type: 'user', userId: 'U0123456789abcdef0123456789abcdef' },
      message: { type: 'text', id: '1', text: 'こども医療費' },
    };
    expect(await first.accept([event])).toBe(1);
    await first.close();
    const onDisk = readFileSync(path.join(dir, 'journal.jsonl'), 'utf8');
    expect(onDisk).not.toContain('U0123456789abcdef');
    expect(onDisk).not.toContain('こども医療費');
    const seen: unknown[] = [];
    const second = createFileInbox(dir, { sealer: createSealer('key-1') });
    second.start({ answer: (e: InboxEntry) => (seen.push(e.event), Promise.resolve('done' as const)), room: () => 10 });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([event]);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
