/** The provider's way to the engine from a window: the contract's doc:* channels and the doc:update event. */
import type { StoryDocUpdate } from '../../../../common/contract/index.js';
import { invoke, onEvent } from '../../../api.js';
import type { DocTransport } from './provider.js';

function isDocUpdate(payload: unknown): payload is StoryDocUpdate {
  const change = payload as Partial<StoryDocUpdate> | undefined;
  return typeof change?.storyId === 'string' && typeof change.origin === 'string' && change.update instanceof Uint8Array;
}

export const windowDocTransport: DocTransport = {
  open: (arg) => invoke('doc:open', arg),
  update: (arg) => invoke('doc:update', arg),
  onUpdate: (listener) =>
    onEvent('doc:update', (payload) => {
      if (isDocUpdate(payload)) listener(payload);
    }),
};
