/**
 * The one message the renderer sends without expecting an answer: "my unsaved text is flushed",
 * the reply to the `window:flush-request` event. Shared by preload and main; no imports, so the
 * preload bundle stays small.
 */
export const WINDOW_FLUSHED = 'window:flushed';
