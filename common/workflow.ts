/**
 * The review workflow as one pure state machine: which moves exist, who may make them, and what
 * each needs. The renderer asks it which moves to show; main asks it again before every move.
 */
export const STATES = ['draft', 'filed', 'in-edit', 'changes-requested', 'approved', 'published', 'spiked'] as const;
export type StoryState = (typeof STATES)[number];

export const STATE_LABELS: Record<StoryState, string> = {
  draft: 'Draft',
  filed: 'Filed',
  'in-edit': 'In edit',
  'changes-requested': 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  spiked: 'Spiked',
};

export const ROLES = ['reporter', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = ['file', 'recall', 'take', 'request-changes', 'approve', 'spike', 'restore', 'reopen', 'publish', 'correct'] as const;
export type Action = (typeof ACTIONS)[number];

interface MoveRule {
  from: readonly StoryState[];
  /** The state the story goes to; `restore` returns it to where it was before it was spiked. */
  to: StoryState | 'previous';
  role: Role;
  label: string;
  /** A note the person must write, and what the UI asks for. */
  note?: 'required';
  notePrompt?: string;
  /** Only the export makes this move. */
  systemOnly?: boolean;
}

export const MOVES: Record<Action, MoveRule> = {
  file: { from: ['draft', 'changes-requested'], to: 'filed', role: 'reporter', label: 'File to desk' },
  /** The reporter takes filed copy back while nobody has taken it into edit yet. */
  recall: { from: ['filed'], to: 'draft', role: 'reporter', label: 'Recall' },
  take: { from: ['filed'], to: 'in-edit', role: 'editor', label: 'Take into edit' },
  'request-changes': {
    from: ['filed', 'in-edit'],
    to: 'changes-requested',
    role: 'editor',
    label: 'Request changes',
    note: 'required',
    notePrompt: 'What should the reporter change?',
  },
  approve: { from: ['filed', 'in-edit'], to: 'approved', role: 'editor', label: 'Approve' },
  spike: {
    from: ['draft', 'filed', 'in-edit', 'changes-requested', 'approved'],
    to: 'spiked',
    role: 'editor',
    label: 'Spike',
    note: 'required',
    notePrompt: 'Why is this story spiked?',
  },
  restore: { from: ['spiked'], to: 'previous', role: 'editor', label: 'Restore' },
  reopen: {
    from: ['approved'],
    to: 'in-edit',
    role: 'editor',
    label: 'Reopen',
    note: 'required',
    notePrompt: 'Why reopen this approved story?',
  },
  publish: { from: ['approved'], to: 'published', role: 'editor', label: 'Publish', systemOnly: true },
  correct: {
    from: ['published'],
    to: 'in-edit',
    role: 'editor',
    label: 'Reopen for a correction',
    note: 'required',
    notePrompt: 'The correction note readers will see',
  },
};

/** States in which the text may not change: editing needs an editor to reopen the story. */
export const LOCKED_STATES: readonly StoryState[] = ['approved', 'published'];

/** States in which the desk has the story: only an editor changes it (a reporter recalls it first, or waits for it to come back). */
export const DESK_STATES: readonly StoryState[] = ['filed', 'in-edit'];

/**
 * What happens when `actor` changes the text of a story in `state`: the edit goes ahead, or it
 * first takes the story into edit (an editor typing in filed copy takes it, as Superdesk locks a
 * story on edit, so two people never edit it without knowing), or it is refused with the reason.
 */
export type EditVerdict =
  | { kind: 'edit' }
  | { kind: 'take-then-edit' }
  | { kind: 'refused'; rule: 'locked' | 'desk-has-it'; message: string };

export function editRule(state: StoryState, actor: Pick<Actor, 'roles'>): EditVerdict {
  if (LOCKED_STATES.includes(state)) {
    return {
      kind: 'refused',
      rule: 'locked',
      message: `This story is ${STATE_LABELS[state].toLowerCase()} and locked: an editor must reopen it (with a reason) before it can change`,
    };
  }
  if (!DESK_STATES.includes(state)) return { kind: 'edit' };
  if (actor.roles.includes('editor')) return state === 'filed' ? { kind: 'take-then-edit' } : { kind: 'edit' };
  return {
    kind: 'refused',
    rule: 'desk-has-it',
    message:
      state === 'filed'
        ? 'This story is filed and read-only for you: Recall it to change it (while no editor has taken it), or ask the desk'
        : 'An editor has this story in edit: it comes back to you if they request changes',
  };
}

/** The audit note of a take made by an editor starting to type in filed copy. */
export const TAKEN_ON_EDIT = 'Taken into edit by editing the filed copy';

export interface Actor {
  id: string;
  name: string;
  roles: readonly Role[];
}

export interface MoveContext {
  state: StoryState;
  /** The profile that created (and so wrote) the story. */
  authorId: string | null;
  /** The state before the story was spiked, for `restore`. */
  stateBeforeSpike: StoryState | null;
  /** Required checklist items that fail, in the words the desk uses ("Photo 2 has no credit"). */
  failingRequired: readonly string[];
  allowSelfApproval: boolean;
  /** True when the export is making the move. */
  bySystem?: boolean;
  /** The story has no text and no photo: there is nothing to file. */
  empty?: boolean;
}

export type MoveVerdict =
  | { allowed: true; to: StoryState }
  | { allowed: false; rule: string; message: string };

const roleName: Record<Role, string> = { reporter: 'a reporter', editor: 'an editor' };

/** May `actor` make `action` on a story in `context`? If not, which rule says no, in plain words. */
export function checkMove(action: Action, actor: Actor, context: MoveContext, note = ''): MoveVerdict {
  const move = MOVES[action];
  if (move.systemOnly && !context.bySystem) {
    return { allowed: false, rule: 'publish-through-export', message: 'A story is published by exporting it: use Export' };
  }
  if (!move.from.includes(context.state)) {
    return {
      allowed: false,
      rule: 'state',
      message: `A story that is ${STATE_LABELS[context.state].toLowerCase()} cannot be moved with "${move.label}"`,
    };
  }
  if (!actor.roles.includes(move.role)) {
    return { allowed: false, rule: 'role', message: `Only ${roleName[move.role]} can ${move.label.toLowerCase()}` };
  }
  if (action === 'recall' && context.authorId !== null && context.authorId !== actor.id) {
    return { allowed: false, rule: 'author', message: 'Only the reporter who wrote this story can recall it: ask them, or an editor' };
  }
  // Nobody files a colleague's draft (an editor may file copy handed in another way).
  if (action === 'file' && context.authorId !== null && context.authorId !== actor.id && !actor.roles.includes('editor')) {
    return { allowed: false, rule: 'author', message: 'Only the reporter who wrote this story can file it: ask them, or an editor' };
  }
  if (action === 'file' && context.empty === true) {
    return { allowed: false, rule: 'empty', message: 'There is nothing to file yet: write the story first' };
  }
  if (move.note === 'required' && note.trim() === '') {
    return { allowed: false, rule: 'note', message: `${move.label} needs a note: ${move.notePrompt ?? 'say why'}` };
  }
  if (action === 'approve') {
    if (!context.allowSelfApproval && context.authorId !== null && context.authorId === actor.id) {
      return { allowed: false, rule: 'self-approval', message: 'You cannot approve your own story: ask another editor' };
    }
    if (context.failingRequired.length > 0) {
      return { allowed: false, rule: 'checklist', message: `Not ready to approve: ${context.failingRequired.join('; ')}` };
    }
  }
  const to = move.to === 'previous' ? (context.stateBeforeSpike ?? 'draft') : move.to;
  return { allowed: true, to };
}

export interface OfferedMove {
  action: Action;
  label: string;
  note: boolean;
  notePrompt?: string;
  blockedBy?: string;
  /** Open required checklist items: the move may be made, but the person is asked first ("file anyway?"). */
  confirm?: string[];
}

/** Moves that pass the required checklist items by the person only after they say so. */
const CONFIRMED_WITH_OPEN_ITEMS: readonly Action[] = ['file'];

/** The moves to offer `actor` on a story: every action they could make now, or could after writing a note. */
export function availableMoves(actor: Actor, context: MoveContext): OfferedMove[] {
  const offered: OfferedMove[] = [];
  for (const action of ACTIONS) {
    const move = MOVES[action];
    if (move.systemOnly) continue;
    const verdict = checkMove(action, actor, context, 'note');
    if (verdict.allowed) {
      offered.push({
        action,
        label: move.label,
        note: move.note === 'required',
        ...(move.notePrompt ? { notePrompt: move.notePrompt } : {}),
        ...(CONFIRMED_WITH_OPEN_ITEMS.includes(action) && context.failingRequired.length > 0 ? { confirm: [...context.failingRequired] } : {}),
      });
    } else if (verdict.rule === 'checklist' || verdict.rule === 'self-approval' || verdict.rule === 'empty') {
      // Shown but disabled, with the reason: the editor needs to know why Approve is greyed out.
      offered.push({ action, label: move.label, note: false, blockedBy: verdict.message });
    }
  }
  return offered;
}

/** The queue a person sees first: editors the filed copy, reporters their drafts. */
export function firstQueue(roles: readonly Role[]): StoryState {
  return roles.includes('editor') ? 'filed' : 'draft';
}
