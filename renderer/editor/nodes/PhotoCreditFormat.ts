/**
 * The newsroom's credit format ("Julie Doe/Mugwum Press"), read once from `settings:get` and
 * shared by every photo on screen. Credits are stored as data; only how they print follows this.
 */
import { useSyncExternalStore } from 'react';
import type { CreditFormat } from '../../../common/photo.js';
import { invoke } from '../../api.js';

// The house default (common/photo.ts formatCredit) until the settings answer.
let current: CreditFormat = 'slash';
let asked: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** Reads the setting again (a story was opened: it may have changed since the last one). */
export function refreshCreditFormat(): Promise<void> {
  asked = invoke('settings:get', {}).then(
    (settings) => {
      if (settings.creditFormat === current) return;
      current = settings.creditFormat;
      for (const listener of listeners) listener();
    },
    // Without the settings the credit still shows, in the default format; the save path reports
    // a broken bridge on its own.
    () => undefined,
  );
  return asked;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (asked === null) void refreshCreditFormat();
  return () => {
    listeners.delete(listener);
  };
}

export function useCreditFormat(): CreditFormat {
  return useSyncExternalStore(subscribe, () => current);
}
