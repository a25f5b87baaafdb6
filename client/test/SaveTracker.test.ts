import { describe, expect, it, vi } from 'vitest';
import { FAILED_ATTEMPTS_BEFORE_OFFLINE, SaveTracker } from '../src/collab/SaveTracker.ts';

/** A tracker taken through a first successful connection and sync. */
function connected(): SaveTracker {
  const tracker = new SaveTracker();
  tracker.connecting();
  tracker.opened();
  tracker.setSynced(true);
  return tracker;
}

describe('SaveTracker', () => {
  it('starts connecting, and is saved once synced with nothing unacknowledged', () => {
    const tracker = new SaveTracker();
    expect(tracker.status).toBe('connecting');
    tracker.connecting();
    tracker.opened();
    expect(tracker.status).toBe('connecting');
    tracker.setSynced(true);
    expect(tracker.status).toBe('saved');
  });

  it('is saving while any sent document message is unacknowledged', () => {
    const tracker = connected();
    tracker.documentMessageSent();
    tracker.documentMessageSent();
    expect(tracker.getSnapshot()).toEqual({ status: 'saving', unacknowledged: 2, upload: null });
    tracker.acknowledged(1);
    expect(tracker.getSnapshot()).toEqual({ status: 'saving', unacknowledged: 1, upload: null });
    tracker.acknowledged(2);
    expect(tracker.getSnapshot()).toEqual({ status: 'saved', unacknowledged: 0, upload: null });
  });

  it('counts from zero on each connection, so stale counts do not claim new messages', () => {
    const tracker = connected();
    tracker.documentMessageSent();
    tracker.acknowledged(1);
    tracker.closed();
    tracker.connecting();
    tracker.opened();
    tracker.setSynced(true);
    tracker.documentMessageSent(); // the sync step 2 carrying offline edits
    expect(tracker.status).toBe('saving');
    tracker.acknowledged(1);
    expect(tracker.status).toBe('saved');
  });

  it('ignores acknowledgements beyond what was sent, and counts that go backwards', () => {
    const tracker = connected();
    tracker.documentMessageSent();
    tracker.acknowledged(5);
    expect(tracker.getSnapshot().unacknowledged).toBe(0);
    tracker.documentMessageSent();
    tracker.acknowledged(0);
    expect(tracker.getSnapshot()).toEqual({ status: 'saving', unacknowledged: 1, upload: null });
  });

  it('is not saved before the initial sync even if every message was acknowledged', () => {
    const tracker = new SaveTracker();
    tracker.connecting();
    tracker.opened();
    tracker.documentMessageSent();
    tracker.acknowledged(1);
    expect(tracker.status).toBe('connecting');
  });

  it('reconnects after a connection drops, and says offline after repeated failures', () => {
    const tracker = connected();
    tracker.closed();
    expect(tracker.status).toBe('reconnecting');
    for (let i = 0; i < FAILED_ATTEMPTS_BEFORE_OFFLINE - 1; i++) {
      tracker.connecting();
      tracker.closed();
      expect(tracker.status).toBe('reconnecting');
    }
    tracker.connecting();
    expect(tracker.status).toBe('offline');
    tracker.opened();
    expect(tracker.status).toBe('reconnecting');
    tracker.setSynced(true);
    expect(tracker.status).toBe('saved');
  });

  it('says offline at once when the browser is offline', () => {
    const tracker = connected();
    tracker.setNetworkOnline(false);
    tracker.closed();
    expect(tracker.status).toBe('offline');
    tracker.setNetworkOnline(true);
    expect(tracker.status).toBe('reconnecting');
  });

  it('never counts messages sent while not connected', () => {
    const tracker = new SaveTracker();
    tracker.documentMessageSent();
    tracker.connecting();
    tracker.opened();
    tracker.setSynced(true);
    expect(tracker.status).toBe('saved');
  });

  it('stays offline after stop() until resumed', () => {
    const tracker = connected();
    tracker.stop();
    expect(tracker.status).toBe('offline');
    tracker.resume();
    tracker.connecting();
    tracker.opened();
    tracker.setSynced(true);
    expect(tracker.status).toBe('saved');
  });

  it('notifies subscribers only when the snapshot changes', () => {
    const tracker = connected();
    const listener = vi.fn();
    const unsubscribe = tracker.subscribe(listener);
    tracker.setSynced(true);
    expect(listener).not.toHaveBeenCalled();
    tracker.documentMessageSent();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    tracker.acknowledged(1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('is live, not saving, for a read-only client whose messages are never acknowledged', () => {
    const tracker = new SaveTracker();
    tracker.setReadOnly(true);
    tracker.connecting();
    tracker.opened();
    expect(tracker.status).toBe('connecting');
    tracker.documentMessageSent(); // its sync step 2, which the server drops
    tracker.setSynced(true);
    expect(tracker.status).toBe('live');
    tracker.closed();
    tracker.connecting();
    expect(tracker.status).toBe('reconnecting');
    // Promoted to editor: the strict "saved" rule applies again.
    tracker.opened();
    tracker.setSynced(true);
    tracker.setReadOnly(false);
    tracker.documentMessageSent();
    expect(tracker.status).toBe('saving');
    tracker.acknowledged(1);
    expect(tracker.status).toBe('saved');
  });

  it('says signed-out after the server ended the session, until resumed', () => {
    const tracker = connected();
    tracker.stop('sign-out');
    expect(tracker.status).toBe('signed-out');
    tracker.resume();
    tracker.connecting();
    tracker.opened();
    tracker.setSynced(true);
    expect(tracker.status).toBe('saved');
    tracker.stop();
    expect(tracker.status).toBe('offline');
  });

  it('shows how much of a sliced upload the server has stored, and forgets it when done or cut off', () => {
    const tracker = connected();
    tracker.documentMessageSent(); // an ordinary edit first
    for (let i = 0; i < 4; i++) tracker.documentMessageSent();
    tracker.slicesSent(4);
    expect(tracker.getSnapshot().upload).toEqual({ done: 0, total: 4 });
    tracker.acknowledged(1);
    expect(tracker.getSnapshot().upload).toEqual({ done: 0, total: 4 });
    tracker.acknowledged(3);
    expect(tracker.getSnapshot().upload).toEqual({ done: 2, total: 4 });
    tracker.acknowledged(5);
    expect(tracker.getSnapshot()).toEqual({ status: 'saved', unacknowledged: 0, upload: null });

    for (let i = 0; i < 3; i++) tracker.documentMessageSent();
    tracker.slicesSent(3);
    expect(tracker.getSnapshot().upload).toEqual({ done: 0, total: 3 });
    tracker.closed();
    // The next connection sends the rest again in its own handshake.
    expect(tracker.getSnapshot().upload).toBeNull();
  });
});
