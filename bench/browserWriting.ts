/**
 * The writing screen's own waits (issue 13), in Chromium through the e2e harness:
 * - New story: from the click on New story to the headline box focused (goal ≤ 50 ms), and to
 *   the new story stored (reported);
 * - Ctrl/Cmd+K: from the key to the link bar shown (the next frame after it is in the page).
 *
 * Run alone: `npm run build && node --import tsx bench/browserWriting.ts`; `npm run bench` runs it too.
 */
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { TEST_PROFILE, startNewsroomPage } from '../tests/e2e/harness.js';
import { summarise, type Timing } from './stats.js';
import type { BrowserFigure } from './browser.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const RUNS = 20;

export async function benchWriting(): Promise<{ figures: BrowserFigure[]; newStoryFocus: Timing; newStoryStored: Timing; linkBar: Timing }> {
  const browser = await chromium.launch({ executablePath: process.env.NEWSROOM_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const app = await startNewsroomPage({ browser, profile: TEST_PROFILE });
  const { page, newsroom } = app;
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    // Installed once: the page keeps its listeners while the route changes (no reload).
    await page.evaluate(() => {
      const w = window as unknown as { __clickAt: number; __focusAt: number; __linkKeyAt: number; __linkShownAt: number };
      document.addEventListener('click', (event) => {
        if ((event.target as Element).closest('[data-testid="new-story"]')) w.__clickAt = event.timeStamp;
      }, true);
      document.addEventListener('focusin', (event) => {
        if ((event.target as Element).matches('[data-testid="headline"]')) w.__focusAt = performance.now();
      }, true);
      document.addEventListener('keydown', (event) => {
        if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey)) w.__linkKeyAt = event.timeStamp;
      }, true);
      new MutationObserver(() => {
        if (w.__linkShownAt === 0 && document.querySelector('[data-testid="link-editor"]')) {
          w.__linkShownAt = -1;
          requestAnimationFrame(() => (w.__linkShownAt = performance.now()));
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    const focus: number[] = [];
    const stored: number[] = [];
    const link: number[] = [];
    for (let i = -3; i < RUNS; i += 1) {
      await page.evaluate(() => {
        const w = window as unknown as { __clickAt: number; __focusAt: number; __linkKeyAt: number; __linkShownAt: number };
        w.__clickAt = 0;
        w.__focusAt = 0;
        w.__linkKeyAt = 0;
        w.__linkShownAt = 0;
      });
      const started = performance.now();
      await page.getByTestId('new-story').click();
      await page.waitForFunction(() => (window as unknown as { __focusAt: number }).__focusAt > 0);
      const id = decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
      // Stored: polled from this process on the same store, so the figure is an upper bound.
      for (;;) {
        try {
          newsroom.stories.get(id);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }
      const storedMs = performance.now() - started;
      await page.keyboard.type('Headline');
      await page.keyboard.press('Enter');
      await page.keyboard.type('The mayor said the report was late');
      await page.keyboard.down('Shift');
      for (let k = 0; k < 'late'.length; k += 1) await page.keyboard.press('ArrowLeft');
      await page.keyboard.up('Shift');
      await page.keyboard.press('ControlOrMeta+k');
      await page.waitForFunction(() => (window as unknown as { __linkShownAt: number }).__linkShownAt > 0);
      const times = await page.evaluate(() => {
        const w = window as unknown as { __clickAt: number; __focusAt: number; __linkKeyAt: number; __linkShownAt: number };
        return { focus: w.__focusAt - w.__clickAt, link: w.__linkShownAt - w.__linkKeyAt };
      });
      await page.keyboard.press('Escape');
      await page.getByTestId('back-to-desk').click();
      await page.getByTestId('new-story').waitFor();
      if (i < 0) continue; // warm-up
      focus.push(times.focus);
      link.push(times.link);
      stored.push(storedMs);
    }
    const newStoryFocus = summarise(focus);
    const newStoryStored = summarise(stored);
    const linkBar = summarise(link);
    const figures: BrowserFigure[] = [
      {
        name: 'New story click → headline focused',
        value: `p50 ${newStoryFocus.p50.toFixed(1)} ms, max ${newStoryFocus.max.toFixed(1)} ms`,
        goal: '≤ 50 ms',
        met: newStoryFocus.max <= 50,
      },
      { name: '… → the new story stored (seen from another connection)', value: `p50 ${newStoryStored.p50.toFixed(1)} ms, max ${newStoryStored.max.toFixed(1)} ms`, goal: '(reported)', met: null },
      { name: 'Ctrl/⌘+K → link bar shown (next frame)', value: `p50 ${linkBar.p50.toFixed(1)} ms, max ${linkBar.max.toFixed(1)} ms`, goal: '(reported)', met: null },
    ];
    return { figures, newStoryFocus, newStoryStored, linkBar };
  } finally {
    await app.close();
    await browser.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { figures } = await benchWriting();
  for (const figure of figures) console.log(`${figure.met === false ? '✗' : figure.met ? '✓' : ' '} ${figure.name}: ${figure.value} (goal ${figure.goal})`);
}
