/** How the review desk's facts read on screen: roles, moves in the audit trail, revision reasons. */
import type { Profile } from '../../common/contract/index.js';
import type { RevisionReason } from '../../common/story.js';
import { STATE_LABELS, type Role, type StoryState } from '../../common/workflow.js';

export function rolesLabel(roles: readonly Role[]): string {
  if (roles.includes('reporter') && roles.includes('editor')) return 'Reporter & editor';
  return roles.includes('editor') ? 'Editor' : 'Reporter';
}

export function isEditor(profile: Pick<Profile, 'roles'> | null): boolean {
  return profile !== null && profile.roles.includes('editor');
}

/** The audit trail's actions (the workflow's moves plus saves, creation and restores) in the desk's words. */
const ACTION_LABELS: Record<string, string> = {
  create: 'Created the story',
  edit: 'Edited',
  file: 'Filed to the desk',
  take: 'Took into edit',
  'request-changes': 'Requested changes',
  approve: 'Approved',
  spike: 'Spiked',
  restore: 'Restored from the spike',
  reopen: 'Reopened',
  publish: 'Published',
  correct: 'Reopened for a correction',
  'restore-revision': 'Restored a revision',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action.replace(/-/g, ' ');
}

/** Short past-tense labels for naming a revision after the move that took it: "Filed by Ana Lima". */
const REVISION_MOVE_LABELS: Record<string, string> = {
  file: 'Filed',
  take: 'Taken into edit',
  'request-changes': 'Changes requested',
  approve: 'Approved',
  spike: 'Spiked',
  restore: 'Restored from the spike',
  reopen: 'Reopened',
  publish: 'Published',
  correct: 'Reopened for a correction',
};

export function revisionMoveLabel(action: string): string {
  return REVISION_MOVE_LABELS[action] ?? actionLabel(action);
}

const REASON_LABELS: Record<RevisionReason, string> = {
  autosave: 'Autosaved',
  close: 'Kept on close',
  manual: 'Saved revision',
  'before-restore': 'Kept before a restore',
  move: 'Taken at a move',
  incoming: 'Arrived in a package',
  recovery: 'Kept when a save was refused',
};

export function reasonLabel(reason: RevisionReason): string {
  return REASON_LABELS[reason] ?? reason;
}

export function stateLabel(state: string | null): string {
  return state !== null && state in STATE_LABELS ? STATE_LABELS[state as StoryState] : (state ?? '');
}

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
