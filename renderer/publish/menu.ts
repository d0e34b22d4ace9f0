/**
 * Menu commands that act on the open story. While a story is open its top bar answers them
 * (PublishButtons, ExportPackageButton); with none open the shell says what to do instead.
 */
import type { EventName } from '../../common/contract/index.js';

export const STORY_COMMANDS_WITHOUT_STORY: readonly (readonly [EventName, string])[] = [
  ['menu:preview', 'Open a story to preview it as published.'],
  ['menu:export-story', 'Open a story to export it.'],
  ['menu:export-package', 'Open a story to pack it for another machine.'],
];
