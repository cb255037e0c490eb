/**
 * The effective settings (the user's, overlaid by policy), held in the service worker's memory.
 * Reading them costs two storage round trips to the browser process (`storage.local` and
 * `storage.managed`); a popup keystroke's search asked for them on every key press, and under
 * load those round trips were most of the keystroke (search.design.md). The copy is dropped when
 * either area reports a change (`storage.onChanged`) and at once when this worker wrote the
 * settings itself (`changeSettings`: onChanged comes later, asynchronously). Every caller gets its
 * own copy, so nothing it changes reaches the next one.
 */
import { browser } from 'wxt/browser';
import { getEffectiveSettings, settingsWriteCount, type EffectiveSettings } from '../settings/policy';

export class SettingsCache {
  private value: Promise<EffectiveSettings> | undefined;
  /** `settingsWriteCount()` when `value` was asked for. */
  private writes = -1;

  /**
   * Listens from construction: the background makes its cache before it registers anything else that
   * reacts to a settings change, so the copy is dropped before those listeners read it (they also
   * drop it themselves: the order of `storage.onChanged` against `storage.local.onChanged`, which
   * WXT's `watch` may use, is not specified).
   */
  constructor() {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || (area === 'local' && Object.hasOwn(changes, 'settings'))) this.drop();
    });
  }

  get(): Promise<EffectiveSettings> {
    if (this.value === undefined || this.writes !== settingsWriteCount()) {
      const asked = getEffectiveSettings();
      this.value = asked;
      this.writes = settingsWriteCount();
      asked.catch(() => {
        if (this.value === asked) this.value = undefined;
      });
    }
    return this.value.then((s) => structuredClone(s));
  }

  drop(): void {
    this.value = undefined;
  }
}
