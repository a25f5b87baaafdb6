import { describe, expect, it } from 'vitest';
import type { CommentThreadView, CommentView } from '@loopmap/shared';
import { CommentsStore } from '../src/collab/CommentsStore.ts';
import type { CommentsApi } from '../src/api/commentsApi.ts';
import { ApiError } from '../src/api/ApiError.ts';

const me = { id: 'me', name: 'Me' };
const NOW = Date.parse('2026-03-01T10:00:00Z');

function comment(id: string, body = id): CommentView {
  return {
    id,
    author: { id: 'ana', name: 'Ana' },
    body,
    mentions: [],
    createdAt: '2026-03-01T09:00:00.000Z',
    editedAt: null,
  };
}

function thread(id: string, targetId: string, extra: Partial<CommentThreadView> = {}): CommentThreadView {
  return {
    id,
    target: { kind: 'node', id: targetId },
    createdAt: '2026-03-01T09:00:00.000Z',
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
    comments: [comment(`${id}-c1`)],
    mentionsMe: false,
    ...extra,
  };
}

/** A promise the test settles by hand, to hold a request in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake API whose every call waits until the test answers it. */
function fakeApi() {
  const calls: { name: keyof CommentsApi; args: unknown[]; answer: ReturnType<typeof deferred<unknown>> }[] = [];
  const call =
    (name: keyof CommentsApi) =>
    (...args: unknown[]) => {
      const answer = deferred<unknown>();
      calls.push({ name, args, answer });
      return answer.promise;
    };
  const api = {
    listThreads: call('listThreads'),
    createThread: call('createThread'),
    replyToThread: call('replyToThread'),
    editComment: call('editComment'),
    deleteComment: call('deleteComment'),
    setThreadResolved: call('setThreadResolved'),
  } as unknown as CommentsApi;
  const pending = (name: keyof CommentsApi) => calls.filter((c) => c.name === name);
  return { api, calls, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const refused = () => new ApiError('You cannot comment on this map.', 403, 'forbidden');

function setUp() {
  const fake = fakeApi();
  const store = new CommentsStore('map-1', me, fake.api, () => NOW);
  let notified = 0;
  store.subscribe(() => notified++);
  return { ...fake, store, notified: () => notified };
}

async function loaded(threads: CommentThreadView[]) {
  const ctx = setUp();
  ctx.store.refresh();
  ctx.pending('listThreads')[0]!.answer.resolve(threads);
  await settle();
  return ctx;
}

describe('CommentsStore', () => {
  it('indexes threads by target, counting open ones and open mentions of me', async () => {
    const { store } = await loaded([
      thread('t1', 'card-a'),
      thread('t2', 'card-a', { resolved: true, resolvedAt: '2026-03-01T09:30:00.000Z' }),
      thread('t3', 'link-b', { mentionsMe: true }),
      thread('t4', 'card-a', { mentionsMe: true, resolved: true }),
    ]);
    const snap = store.getSnapshot();
    expect(snap.status).toBe('ready');
    expect(snap.byTarget.get('card-a')?.map((t) => t.id)).toEqual(['t1', 't2', 't4']);
    expect([...snap.openCounts]).toEqual([
      ['card-a', 1],
      ['link-b', 1],
    ]);
    expect(snap.openMentionsOfMe).toBe(1);
    expect(store.threadsOn('nowhere')).toEqual([]);
    expect(store.threadsOn('nowhere')).toBe(store.threadsOn('elsewhere'));
    // The same snapshot until something changes (useSyncExternalStore relies on it).
    expect(store.getSnapshot()).toBe(snap);
  });

  it('coalesces refreshes: one fetch in flight, at most one more after it', async () => {
    const { store, pending } = setUp();
    store.refresh();
    store.refresh();
    store.refresh();
    expect(pending('listThreads')).toHaveLength(1);
    pending('listThreads')[0]!.answer.resolve([thread('t1', 'a')]);
    await settle();
    expect(pending('listThreads')).toHaveLength(2);
    pending('listThreads')[1]!.answer.resolve([thread('t1', 'a'), thread('t2', 'a')]);
    await settle();
    expect(pending('listThreads')).toHaveLength(2);
    expect(store.getSnapshot().threads.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('drops a fetch that a change of its own may have overtaken, and fetches again', async () => {
    const { store, pending } = await loaded([thread('t1', 'a')]);
    store.refresh();
    const reply = store.reply('t1', 'Yes', []);
    const withReply = thread('t1', 'a', { comments: [comment('t1-c1'), comment('r1', 'Yes')] });
    pending('replyToThread')[0]!.answer.resolve({ comment: comment('r1', 'Yes'), thread: withReply });
    await reply;
    // The list answer was computed before the reply was stored: it must not erase it.
    pending('listThreads')[1]!.answer.resolve([thread('t1', 'a')]);
    await settle();
    expect(store.getSnapshot().threads[0]!.comments.map((c) => c.body)).toEqual(['t1-c1', 'Yes']);
    expect(pending('listThreads')).toHaveLength(3);
    pending('listThreads')[2]!.answer.resolve([withReply]);
    await settle();
    expect(store.getSnapshot().threads[0]!.comments.map((c) => c.body)).toEqual(['t1-c1', 'Yes']);
  });

  it('keeps the last known threads when a refresh fails, and says why', async () => {
    const { store, pending } = await loaded([thread('t1', 'a')]);
    store.refresh();
    pending('listThreads')[1]!.answer.reject(new ApiError('Cannot reach the Loopmap server.', 0, 'network'));
    await settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'error', loadError: 'Cannot reach the Loopmap server.' });
    expect(store.getSnapshot().threads.map((t) => t.id)).toEqual(['t1']);
  });

  it('posts without pretending: nothing shows until stored, and a refusal rejects with the message', async () => {
    const { store, pending } = await loaded([]);
    const post = store.startThread({ kind: 'link', id: 'l1' }, 'Why?', ['ana']);
    expect(pending('createThread')[0]!.args).toEqual(['map-1', { kind: 'link', id: 'l1' }, 'Why?', ['ana']]);
    expect(store.getSnapshot().threads).toEqual([]);
    pending('createThread')[0]!.answer.reject(refused());
    await expect(post).rejects.toThrow('You cannot comment on this map.');
    expect(store.getSnapshot().threads).toEqual([]);

    const again = store.startThread({ kind: 'link', id: 'l1' }, 'Why?', []);
    pending('createThread')[1]!.answer.resolve(thread('t9', 'l1'));
    await expect(again).resolves.toMatchObject({ id: 't9' });
    expect(store.getSnapshot().openCounts.get('l1')).toBe(1);
  });

  it('resolves at once, as me, and takes the server’s answer, or rolls back when refused', async () => {
    const { store, pending } = await loaded([thread('t1', 'a')]);
    const resolving = store.setResolved('t1', true);
    expect(store.getSnapshot().threads[0]).toMatchObject({
      resolved: true,
      resolvedBy: me,
      resolvedAt: new Date(NOW).toISOString(),
    });
    expect(store.getSnapshot().openCounts.has('a')).toBe(false);
    const fromServer = thread('t1', 'a', {
      resolved: true,
      resolvedAt: '2026-03-01T10:00:01.000Z',
      resolvedBy: { id: 'ana', name: 'Ana' },
    });
    pending('setThreadResolved')[0]!.answer.resolve(fromServer);
    await resolving;
    expect(store.getSnapshot().threads[0]).toEqual(fromServer);

    const reopening = store.setResolved('t1', false);
    expect(store.getSnapshot().threads[0]!.resolved).toBe(false);
    pending('setThreadResolved')[1]!.answer.reject(refused());
    await expect(reopening).rejects.toBeInstanceOf(ApiError);
    expect(store.getSnapshot().threads[0]).toEqual(fromServer);
  });

  it('hides a deleted comment at once (and its thread with the last one), and brings it back if refused', async () => {
    const two = thread('t1', 'a', { comments: [comment('c1'), comment('c2')] });
    const { store, pending } = await loaded([two, thread('t2', 'b')]);

    const refusedDelete = store.remove('c2');
    expect(store.getSnapshot().threads[0]!.comments.map((c) => c.id)).toEqual(['c1']);
    pending('deleteComment')[0]!.answer.reject(refused());
    await expect(refusedDelete).rejects.toBeInstanceOf(ApiError);
    expect(store.getSnapshot().threads[0]!.comments.map((c) => c.id)).toEqual(['c1', 'c2']);

    const deleting = store.remove('t2-c1');
    expect(store.getSnapshot().threads.map((t) => t.id)).toEqual(['t1']);
    pending('deleteComment')[1]!.answer.resolve(undefined);
    await deleting;
    expect(store.getSnapshot().threads.map((t) => t.id)).toEqual(['t1']);
    expect(store.getSnapshot().byTarget.has('b')).toBe(false);
  });

  it('edits wait for the server and then show its version of the thread', async () => {
    const { store, pending } = await loaded([thread('t1', 'a')]);
    const editing = store.edit('t1-c1', 'Better words', []);
    expect(store.getSnapshot().threads[0]!.comments[0]!.body).toBe('t1-c1');
    const edited = { ...comment('t1-c1', 'Better words'), editedAt: '2026-03-01T10:00:00.000Z' };
    pending('editComment')[0]!.answer.resolve({ comment: edited, thread: thread('t1', 'a', { comments: [edited] }) });
    await editing;
    expect(store.getSnapshot().threads[0]!.comments[0]).toEqual(edited);
  });
});
