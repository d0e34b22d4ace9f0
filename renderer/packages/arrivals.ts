/**
 * What the window shows after a story package arrives, whichever way it came: dropped on the desk,
 * or opened by main (double click, file association, File › Open Package…), which then sends
 * `package:opened`; a package opened before this window was ready is found with `package:last`
 * at start-up.
 *
 * One arrival is shown at a time, in a banner on the screen it belongs to: the story's own screen
 * when the package created, moved or conflicted with it (the story is opened), otherwise where the
 * person is. Leaving that screen puts the banner away. Each arrival is shown at most once per
 * window: main answers `package:last` with the same arrival until another package comes, so a
 * marker (story, outcome, message) remembers which were shown. The markers are kept in the
 * window's sessionStorage, not only in memory: the start-up check runs again when the window
 * reloads and must not bring back an arrival already seen (a new window starts empty).
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { PackageArrival } from '../../common/contract/index.js';
import { useApp } from '../app-context.js';
import { hashOf, routeFromHash, type Route } from '../routes.js';

export type ShownPackage =
  | { kind: 'arrival'; id: number; on: string; arrival: PackageArrival }
  | { kind: 'refused'; id: number; on: string; message: string };

/** Outcomes that changed the story here (or need a choice on it): its screen is opened. */
const OPENS_STORY: readonly PackageArrival['outcome'][] = ['created', 'updated', 'conflict'];

let shown: ShownPackage | null = null;
let nextId = 1;
const listeners = new Set<() => void>();
const SEEN_KEY = 'newsroom.packages.seen';

/** Markers of the arrivals shown in this window (in memory alone if storage is unavailable). */
const seen = (() => {
  let markers: string[] = [];
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(SEEN_KEY) ?? '[]');
    if (Array.isArray(stored)) markers = stored.filter((m): m is string => typeof m === 'string');
  } catch {
    // Unreadable: start afresh.
  }
  return {
    has: (marker: string) => markers.includes(marker),
    add(marker: string) {
      // A few are enough: main only ever answers with the latest arrival.
      markers = [...markers.filter((m) => m !== marker), marker].slice(-20);
      try {
        window.sessionStorage.setItem(SEEN_KEY, JSON.stringify(markers));
      } catch {
        // Kept in memory for this page's life.
      }
    },
  };
})();

function show(next: ShownPackage | null): void {
  shown = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where a screen is, in the form `on` uses. */
export function placeOf(route: Route): string {
  return hashOf(route);
}

function placeNow(): string {
  return placeOf(routeFromHash(window.location.hash));
}

/** The banner for the screen at `place`, if there is one. */
export function useShownPackage(place: string): ShownPackage | null {
  const now = useSyncExternalStore(subscribe, () => shown);
  return now !== null && now.on === place ? now : null;
}

export function dismissShownPackage(id: number): void {
  if (shown?.id === id) show(null);
}

/** The shell moved to `route`: a banner meant for another screen is put away. */
export function leftFor(route: Route): void {
  if (shown !== null && shown.on !== placeOf(route)) show(null);
}

export interface PackageArrivals {
  /**
   * Shows what a package did and opens its story if the package changed it. An arrival already
   * shown is skipped, unless `always` (the person has just dropped that file again).
   */
  receive(arrival: PackageArrival, options?: { always?: boolean }): void;
  /** A file could not be opened: says why, where the person is. */
  refuse(message: string): void;
}

export function usePackageArrivals(): PackageArrivals {
  const app = useApp();
  return useMemo(
    () => ({
      receive(arrival, { always = false } = {}) {
        const marker = `${arrival.story.id}\n${arrival.outcome}\n${arrival.message}`;
        if (seen.has(marker) && !always) return;
        seen.add(marker);
        const opens = OPENS_STORY.includes(arrival.outcome);
        const story: Route = { name: 'story', id: arrival.story.id };
        show({ kind: 'arrival', id: nextId++, on: opens ? placeOf(story) : placeNow(), arrival });
        if (opens) void app.go(story);
      },
      refuse(message) {
        show({ kind: 'refused', id: nextId++, on: placeNow(), message });
      },
    }),
    [app],
  );
}
