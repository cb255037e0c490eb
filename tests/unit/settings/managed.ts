import { fakeBrowser } from 'wxt/testing';

/** A managed-storage fixture, as Chrome exposes an administrator's policy. */
export async function setPolicy(policy: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.managed.clear();
  await fakeBrowser.storage.managed.set(policy);
}
