/**
 * Where the window was: `window-state.json` in the data dir, read at start and written when the
 * window moves, resizes or closes. A missing or damaged file just means the default size; a
 * position on a display that is no longer attached is dropped so the window never opens off-screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WIDTH = 640;
export const MIN_HEIGHT = 480;
/** How much of the window must be on a display for its saved position to be kept: enough to grab it. */
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 60;

export interface WindowState {
  /** Absent: let the system place the window (centered). */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximized: false };

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, WINDOW_STATE_FILE);
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** The saved state, or null if there is none or it cannot be trusted. */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, width, height, maximized } = raw as Record<string, unknown>;
  if (!isInt(width) || !isInt(height) || width <= 0 || height <= 0) return null;
  const state: WindowState = { width, height, maximized: maximized === true };
  if (isInt(x) && isInt(y)) {
    state.x = x;
    state.y = y;
  }
  return state;
}

export function writeWindowState(file: string, state: WindowState): void {
  // Write then rename, so a crash mid-write leaves the old file rather than half a new one.
  const temp = `${file}.tmp`;
  try {
    fs.writeFileSync(temp, `${JSON.stringify(state)}\n`);
    fs.renameSync(temp, file);
  } catch (error) {
    console.error(`Newsroom could not remember the window position in ${file}:`, error);
  }
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved state made to fit the displays attached now: at most as large as the largest work
 * area, and placed by the system if too little of it would be visible.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((area) => area.width));
  const maxHeight = Math.max(...workAreas.map((area) => area.height));
  const width = Math.max(Math.min(state.width, maxWidth), Math.min(MIN_WIDTH, maxWidth));
  const height = Math.max(Math.min(state.height, maxHeight), Math.min(MIN_HEIGHT, maxHeight));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x !== undefined && state.y !== undefined) {
    const bounds = { x: state.x, y: state.y, width, height };
    const visible = workAreas.some((area) => {
      const shared = overlap(bounds, area);
      return shared.width >= Math.min(MIN_VISIBLE_WIDTH, width) && shared.height >= Math.min(MIN_VISIBLE_HEIGHT, height);
    });
    if (visible) {
      fitted.x = state.x;
      fitted.y = state.y;
    }
  }
  return fitted;
}
