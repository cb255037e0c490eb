/**
 * The primary's relay of cache invalidations between KENNER_WORKERS processes (server/workers.ts):
 * the writer hears back once every other worker has acknowledged, or has exited before it could.
 * The workers here are plain objects recording what they were sent (the relay is what is tested;
 * tests/server/workers.test.ts runs real worker processes).
 */
import { describe, expect, it } from 'vitest';
import { InvalidationRelay, type Message, type RelayWorker } from '../../server/workers';

class FakeWorker implements RelayWorker {
  readonly got: Message[] = [];
  connected = true;
  constructor(readonly id: number) {}
  isConnected() {
    return this.connected;
  }
  send(m: Message) {
    this.got.push(m);
    return true;
  }
  answered(id: number) {
    return this.got.some((m) => m.type === 'kenner:invalidated' && m.id === id);
  }
}

describe('InvalidationRelay', () => {
  it('asks every other connected worker, and answers the writer after the last acknowledgement', () => {
    const [writer, a, b, gone] = [1, 2, 3, 4].map((i) => new FakeWorker(i));
    gone.connected = false;
    const relay = new InvalidationRelay();
    relay.request(writer, 7, [writer, a, b, gone]);
    expect(a.got).toEqual([{ type: 'kenner:invalidate', id: 7, from: 1 }]);
    expect(b.got).toEqual([{ type: 'kenner:invalidate', id: 7, from: 1 }]);
    expect(gone.got).toEqual([]);
    expect(writer.got).toEqual([]);
    relay.acknowledged(a, 7, 1);
    expect(writer.answered(7)).toBe(false);
    relay.acknowledged(b, 7, 1);
    expect(writer.got).toEqual([{ type: 'kenner:invalidated', id: 7 }]);
    expect(relay.waiting).toBe(0);
  });

  it('a worker that exits before it acknowledged counts as done, and leaves nothing awaited', () => {
    const [writer, a, b] = [1, 2, 3].map((i) => new FakeWorker(i));
    const relay = new InvalidationRelay();
    relay.request(writer, 1, [writer, a, b]);
    relay.request(writer, 2, [writer, a, b]);
    relay.acknowledged(a, 1, 1);
    relay.acknowledged(a, 2, 1);
    expect(writer.got).toEqual([]);
    b.connected = false;
    relay.exited(b);
    expect(writer.answered(1) && writer.answered(2)).toBe(true);
    expect(relay.waiting).toBe(0);
  });

  it('the exit of an unrelated worker answers nothing; a lone writer is answered at once', () => {
    const [writer, one, thirteen] = [2, 1, 13].map((i) => new FakeWorker(i));
    const relay = new InvalidationRelay();
    relay.request(writer, 5, [writer, one, thirteen]);
    relay.acknowledged(one, 5, 2);
    // Worker 1's exit must not be taken for worker 13's acknowledgement.
    relay.exited(one);
    expect(writer.answered(5)).toBe(false);
    expect(relay.waiting).toBe(1);
    relay.acknowledged(thirteen, 5, 2);
    expect(writer.answered(5)).toBe(true);
    const lone = new FakeWorker(9);
    relay.request(lone, 3, [lone]);
    expect(lone.got).toEqual([{ type: 'kenner:invalidated', id: 3 }]);
  });

  it('a writer that exits meanwhile is not written to', () => {
    const [writer, a] = [1, 2].map((i) => new FakeWorker(i));
    const relay = new InvalidationRelay();
    relay.request(writer, 4, [writer, a]);
    writer.connected = false;
    relay.acknowledged(a, 4, 1);
    expect(writer.got).toEqual([]);
    expect(relay.waiting).toBe(0);
  });
});
