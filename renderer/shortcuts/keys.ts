/**
 * Every keyboard shortcut the window answers, in one list: the shortcut sheet (Ctrl/⌘+/) is made
 * from it, and so are the tooltips that name a key. The native menu's accelerators
 * (main/electron/menu.ts) are listed here too, and a test keeps the two in step.
 */

const IS_APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** One key combination as written in the menu ("CmdOrCtrl+Shift+P"), shown the platform's way ("Ctrl+Shift+P", "⇧⌘P"). */
export function keyLabel(accelerator: string): string {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  if (IS_APPLE) {
    return `${mods.has('Ctrl') ? '⌃' : ''}${mods.has('Alt') ? '⌥' : ''}${mods.has('Shift') ? '⇧' : ''}${mods.has('CmdOrCtrl') ? '⌘' : ''}${key}`;
  }
  const named = [mods.has('CmdOrCtrl') || mods.has('Ctrl') ? 'Ctrl' : '', mods.has('Alt') ? 'Alt' : '', mods.has('Shift') ? 'Shift' : ''].filter((m) => m !== '');
  return [...named, key].join('+');
}

export interface Shortcut {
  /** As Electron writes accelerators: CmdOrCtrl, Shift, Alt, then the key. */
  keys: string;
  what: string;
  /** From the native menu (File, Edit), the story editor, or the window itself. */
  where: 'menu' | 'editor' | 'window';
}

export const SHORTCUT_GROUPS: ReadonlyArray<{ title: string; shortcuts: readonly Shortcut[] }> = [
  {
    title: 'Stories',
    shortcuts: [
      { keys: 'CmdOrCtrl+N', what: 'New story', where: 'menu' },
      { keys: 'CmdOrCtrl+F', what: 'Find on the desk', where: 'menu' },
      { keys: 'CmdOrCtrl+S', what: 'Save a revision now', where: 'menu' },
      { keys: 'CmdOrCtrl+Shift+P', what: 'Insert a photo', where: 'menu' },
      { keys: 'CmdOrCtrl+Shift+O', what: 'Import files…', where: 'menu' },
      { keys: 'CmdOrCtrl+O', what: 'Open a package…', where: 'menu' },
      { keys: 'CmdOrCtrl+Shift+E', what: 'Export the story as a package…', where: 'menu' },
      { keys: 'CmdOrCtrl+Alt+P', what: 'Preview as published', where: 'menu' },
      { keys: 'CmdOrCtrl+Alt+E', what: 'Export…', where: 'menu' },
      { keys: 'CmdOrCtrl+Shift+U', what: 'Switch profile…', where: 'menu' },
    ],
  },
  {
    title: 'Writing',
    shortcuts: [
      { keys: 'CmdOrCtrl+B', what: 'Bold', where: 'editor' },
      { keys: 'CmdOrCtrl+I', what: 'Italic', where: 'editor' },
      { keys: 'CmdOrCtrl+K', what: 'Link', where: 'editor' },
      { keys: 'CmdOrCtrl+Z', what: 'Undo', where: 'editor' },
      { keys: 'CmdOrCtrl+Shift+Z', what: 'Redo', where: 'editor' },
    ],
  },
  {
    title: 'This window',
    shortcuts: [{ keys: 'CmdOrCtrl+/', what: 'Show these shortcuts', where: 'window' }],
  },
];

/** Typed at the start of a paragraph, or around words, in the story text. */
export const MARKDOWN_SHORTCUTS: ReadonlyArray<{ type: string; what: string }> = [
  { type: '## ', what: 'Subhead' },
  { type: '### ', what: 'Small subhead' },
  { type: '> ', what: 'Quote' },
  { type: '- ', what: 'Bulleted list' },
  { type: '1. ', what: 'Numbered list' },
  { type: '**words**', what: 'Bold' },
  { type: '*words*', what: 'Italic' },
];

/** "New story (Ctrl+N)": a tooltip that names the key. */
export function withKey(what: string, keys: string): string {
  return `${what} (${keyLabel(keys)})`;
}
