/**
 * Files arriving in the page as a reporter's drop or paste would bring them: real `File` objects
 * (built in the page from the fixture bytes) in a `DataTransfer`, sent as `dragover` + `drop` or
 * `paste` events. Chromium lets no test drive a native file drag, so the events are synthesized;
 * everything after them is the app's own code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

export interface PageFile {
  name: string;
  type: string;
  base64: string;
}

/** A file from disk, as the page will see it. */
export function pageFile(file: string, type = 'image/jpeg', name = path.basename(file)): PageFile {
  return { name, type, base64: fs.readFileSync(file).toString('base64') };
}

/** A file made of text (a reporter's notes dropped by mistake). */
export function textFile(name: string, text: string): PageFile {
  return { name, type: 'text/plain', base64: Buffer.from(text).toString('base64') };
}

/**
 * Drops the files on `target`: at the end of its text when it has some (the caret lands there),
 * else at its centre.
 */
export async function dropFiles(target: Locator, files: PageFile[]): Promise<void> {
  // A reporter drops on what they see; the drop point is worked out from screen coordinates.
  await target.scrollIntoViewIfNeeded();
  await target.evaluate((element, sent: PageFile[]) => {
    const transfer = new DataTransfer();
    for (const file of sent) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    let x: number;
    let y: number;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let lastText: Text | null = null;
    while (walker.nextNode()) lastText = walker.currentNode as Text;
    const box = element.getBoundingClientRect();
    if (lastText && lastText.length > 0) {
      const range = document.createRange();
      range.setStart(lastText, lastText.length - 1);
      range.setEnd(lastText, lastText.length);
      const rect = range.getBoundingClientRect();
      x = rect.right - 1;
      y = rect.top + rect.height / 2;
    } else {
      x = box.left + box.width / 2;
      y = box.top + box.height / 2;
    }
    const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer, clientX: x, clientY: y };
    element.dispatchEvent(new DragEvent('dragenter', init));
    element.dispatchEvent(new DragEvent('dragover', init));
    element.dispatchEvent(new DragEvent('drop', init));
  }, files);
}

/** Pastes the files into the focused element, as Ctrl+V with a copied image would. */
export async function pasteFiles(page: Page, files: PageFile[], html = ''): Promise<void> {
  await page.evaluate(
    ({ sent, markup }) => {
      const transfer = new DataTransfer();
      for (const file of sent) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      if (markup !== '') transfer.setData('text/html', markup);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }));
    },
    { sent: files, markup: html },
  );
}
