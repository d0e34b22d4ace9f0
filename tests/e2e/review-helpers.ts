/** Steps the review specs share: who is working, and where a story is. */
import type { Page } from '@playwright/test';
import type { Channel, ChannelArg, ChannelResult } from '../../common/contract/index.js';
import type { Role } from '../../common/workflow.js';
import { invokeChannel } from '../../main/handlers.js';
import { expect, type NewsroomPage } from './harness.js';

/** Calls a channel through the newsroom's door as the profile at work, as a test sets the scene. */
export async function call<C extends Channel>(newsroom: NewsroomPage['newsroom'], channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
  const result = await invokeChannel(newsroom.door, { origin: 'test' }, channel, arg);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ChannelResult<C>;
}

export function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

/** Switches to an existing profile with the top bar's control. */
export async function switchProfile(page: Page, name: string): Promise<void> {
  await page.getByTestId('profile-button').click();
  await page.getByTestId('profile-switcher').getByTestId('profile-choice').filter({ hasText: name }).click();
  await expect(page.getByTestId('profile-switcher')).toHaveCount(0);
  await expect(page.getByTestId('profile-current')).toHaveText(name);
}

/** Adds a profile from the switcher; the window then works as them. */
export async function addProfile(page: Page, name: string, role: Role | 'both'): Promise<void> {
  await page.getByTestId('profile-button').click();
  const switcher = page.getByTestId('profile-switcher');
  await switcher.getByTestId('profile-add').click();
  await switcher.getByTestId('profile-name').fill(name);
  await switcher.getByTestId(`profile-role-${role}`).check();
  await switcher.getByTestId('profile-submit').click();
  await expect(switcher).toHaveCount(0);
  await expect(page.getByTestId('profile-current')).toHaveText(name);
}

/** The audit trail as shown: [action, who] for each entry, oldest first. */
export async function timeline(page: Page): Promise<Array<[string, string]>> {
  return page
    .getByTestId('timeline-entry')
    .evaluateAll((entries) =>
      entries.map((entry) => [entry.getAttribute('data-action') ?? '', entry.querySelector('[data-testid="timeline-who"]')?.textContent ?? '']),
    ) as Promise<Array<[string, string]>>;
}
