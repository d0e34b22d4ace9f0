/**
 * The keyboard shortcuts, listed in the window: Ctrl/⌘+/ opens the sheet anywhere (the native menu
 * shows only its own, and nothing shows the editor's or the Markdown ones).
 */
import { useEffect, useState } from 'react';
import { Dialog } from '../review/Dialog.js';
import { MARKDOWN_SHORTCUTS, SHORTCUT_GROUPS, keyLabel } from './keys.js';

/** Ctrl+/ or ⌘+/ (with or without Shift: some keyboards need it for "/"). */
export function isSheetKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  return event.key === '/' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

export function ShortcutSheet() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSheetKey(event)) return;
      event.preventDefault();
      setOpen((now) => !now);
    };
    // Capture: the story editor sees every key first otherwise.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => setOpen(false)} testId="shortcut-sheet" className="shortcut-sheet">
      <div className="shortcut-groups">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.keys} className="shortcut" data-testid="shortcut">
                  <dt>
                    <kbd>{keyLabel(shortcut.keys)}</kbd>
                  </dt>
                  <dd>{shortcut.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>As you type in the story</h3>
          <dl>
            {MARKDOWN_SHORTCUTS.map((shortcut) => (
              <div key={shortcut.type} className="shortcut" data-testid="shortcut">
                <dt>
                  <kbd>{shortcut.type.replace(/ $/, '␣')}</kbd>
                </dt>
                <dd>{shortcut.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
