/**
 * Yields to the host's event loop: the next task, without the 4 ms clamp of
 * nested timers. `scheduler.yield()` where the host has it (Chromium), else a
 * MessageChannel message (browsers, workers and Node alike). No DOM: the
 * content script's scan (utils/page) and the matcher's load share it.
 */
type HostScheduler = { yield?: () => Promise<void> };

export function yieldTask(): Promise<void> {
  const s = (globalThis as { scheduler?: HostScheduler }).scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}
