/**
 * Typing in a bare Lexical editor (bench/bareEditor.tsx) on the same document, measured the same
 * way as in the story editor: from the key event to the next animation frame.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { summarise, type Timing } from './stats.js';

const ORIGIN = 'http://bare-editor.newsroom.test';

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'bareEditor.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Keystroke-to-next-frame in the bare editor, typing `text` at the end of paragraph 60 of `body`. */
export async function benchBareTyping(context: BrowserContext, body: string, text: string): Promise<Timing> {
  const script = await bundle();
  await context.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/bare.js') await route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    else await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><div id="root"></div><script src="/bare.js"></script>' });
  });
  const page = await context.newPage();
  try {
    await page.addInitScript((json) => {
      (window as unknown as { __bareBody: string }).__bareBody = json;
    }, body);
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (document.querySelector('[data-testid="story-body"]')?.textContent ?? '').length > 50_000);
    await page.evaluate(() => {
      const samples: number[] = [];
      (window as unknown as { __typingSamples: number[] }).__typingSamples = samples;
      document.addEventListener(
        'keydown',
        (event) => {
          const at = event.timeStamp;
          requestAnimationFrame(() => samples.push(performance.now() - at));
        },
        true,
      );
    });
    await page.locator('[data-testid="story-body"] p').nth(60).click();
    await page.keyboard.press('End');
    for (const ch of text) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(25);
    }
    await page.waitForTimeout(200);
    return summarise(await page.evaluate(() => (window as unknown as { __typingSamples: number[] }).__typingSamples));
  } finally {
    await page.close();
  }
}
