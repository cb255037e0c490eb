import { describe, expect, it } from 'vitest';
import { TabQueue } from '../../../utils/background/tab-queue';

/** A job that records its name and waits until released. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('per-tab report queue', () => {
  it('one running and one waiting job per tab: a flood of reports costs two answers, the newest wins', async () => {
    const q = new TabQueue(0);
    const ran: string[] = [];
    const first = gate();
    const p1 = q.submit(1, async () => {
      ran.push('r1');
      await first.opened;
    });
    const later = Array.from({ length: 50 }, (_, i) => q.submit(1, async () => void ran.push(`r${i + 2}`)));
    first.open();
    await Promise.all([p1, ...later]);
    expect(ran).toEqual(['r1', 'r51']);
  });

  it('a busy tab does not hold up another tab', async () => {
    const q = new TabQueue(0);
    const slow = gate();
    const ran: string[] = [];
    const busy = q.submit(1, async () => {
      await slow.opened;
      ran.push('tab 1');
    });
    await q.submit(2, async () => void ran.push('tab 2'));
    expect(ran).toEqual(['tab 2']);
    slow.open();
    await busy;
    expect(ran).toEqual(['tab 2', 'tab 1']);
  });

  it('paces a tab: the next answer waits for the interval since the last one started', async () => {
    let clock = 0;
    const q = new TabQueue(400, () => clock);
    const at: number[] = [];
    await q.submit(1, async () => void at.push(clock));
    clock = 100; // 300 ms of the interval left: the job runs once the queue's timer fired
    const second = q.submit(1, async () => void at.push(clock));
    clock = 400;
    await second;
    expect(at).toEqual([0, 400]);
  });

  it('a closed tab releases its waiters without running the waiting job', async () => {
    const q = new TabQueue(0);
    const slow = gate();
    const ran: string[] = [];
    const a = q.submit(3, async () => {
      await slow.opened;
      ran.push('running');
    });
    const b = q.submit(3, async () => void ran.push('waiting'));
    q.drop(3);
    slow.open();
    await Promise.all([a, b]);
    expect(ran).toEqual(['running']);
  });
});
