/**
 * The copy desk of the open story: its house-style findings and what the desk does with them.
 * `style:check` reads the story as stored, so it runs when the story opens and again after every
 * save (each save gives the autosave a new "saved at"); an answer to an older check is dropped.
 * "Apply" writes the suggestion into the text (one undo step, saved at once) or the field, and
 * "Ignore" is kept with the story by main. Until the next check, the list is corrected locally:
 * the finding goes, and the ranges after it in the same block move by the length it changed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Finding } from '../../common/houseStyle/index.js';
import type { Story, StoryFields } from '../../common/story.js';
import { invoke } from '../api.js';
import type { Autosave } from '../editor/plugins/Autosave/index.js';
import { $replaceFinding, scrollToFinding } from '../editor/plugins/HouseStyle/index.js';
import { useProfile } from '../review/profile-context.js';
import { copyDeskOpenAtStart, rememberCopyDeskOpen } from './panelState.js';

export interface CopyDesk {
  /** Null until the first check answers. */
  findings: Finding[] | null;
  /** Findings ignored for this story (not listed). */
  ignored: number;
  problem: string | null;
  /** The finding last picked in the list, marked in the text. */
  current: string | null;
  open: boolean;
  /** The story is approved or published: its text cannot change here. */
  locked: boolean;
  /** The finding ignored last in this window, so it can be taken back. */
  lastIgnored: Finding | null;
  setOpen(open: boolean): void;
  show(finding: Finding): void;
  apply(finding: Finding): void;
  /** Applies every suggestion among `findings` (one rule's card) in one go: one undo step, one save. */
  applyAll(findings: readonly Finding[]): void;
  ignore(finding: Finding): Promise<void>;
  undoIgnore(): Promise<void>;
  dismissProblem(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const CHANGED = 'That text has changed since the story was checked: the list catches up after the next save.';

const sameBlock = (a: Finding, b: Finding) => a.field === b.field && a.path.join('.') === b.path.join('.');

/** The list after `done` was applied: it goes, overlapping findings go, later ones in its block move. */
function withApplied(findings: Finding[], done: Finding, replacement: string): Finding[] {
  const delta = replacement.length - (done.end - done.start);
  return findings.flatMap((f) => {
    if (f.id === done.id) return [];
    if (!sameBlock(f, done) || f.end <= done.start) return [f];
    if (f.start < done.end) return [];
    return [{ ...f, start: f.start + delta, end: f.end + delta }];
  });
}

export function useCopyDesk({
  story,
  autosave,
  fields,
  onFields,
  locked,
}: {
  story: Story;
  autosave: Autosave;
  fields: StoryFields;
  onFields: (patch: Partial<StoryFields>) => void;
  locked: boolean;
}): CopyDesk {
  const [editor] = useLexicalComposerContext();
  const { current: me } = useProfile();
  const [result, setResult] = useState<{ findings: Finding[]; ignored: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [open, setOpenState] = useState(() => copyDeskOpenAtStart(story.id, me.id));
  const [lastIgnored, setLastIgnored] = useState<Finding | null>(null);
  const checks = useRef(0);
  const fieldsNow = useRef(fields);
  fieldsNow.current = fields;
  const autosaveNow = useRef(autosave);
  autosaveNow.current = autosave;

  const check = useCallback(async () => {
    checks.current += 1;
    const asked = checks.current;
    try {
      const checked = await invoke('style:check', { id: story.id });
      if (asked !== checks.current) return;
      setResult(checked);
      setProblem(null);
    } catch (error) {
      if (asked === checks.current) setProblem(`The story could not be checked against the house style: ${message(error)}`);
    }
  }, [story.id]);

  // Each save (and the story opening) gives a new "saved at": check what is stored now.
  const savedAt = autosave.state.kind === 'saved' ? autosave.state.at : null;
  useEffect(() => {
    if (savedAt !== null) void check();
  }, [savedAt, check]);

  const setOpen = useCallback(
    (next: boolean) => {
      setOpenState(next);
      rememberCopyDeskOpen(story.id, me.id, next);
    },
    [story.id, me.id],
  );

  const show = useCallback(
    (finding: Finding) => {
      setCurrent(finding.id);
      if (finding.field === 'headline' || finding.field === 'standfirst') {
        const box = document.querySelector<HTMLTextAreaElement>(`textarea.field-${finding.field}`);
        box?.focus();
        box?.setSelectionRange(finding.start, finding.end);
        return;
      }
      if (!scrollToFinding(editor, finding)) setProblem(CHANGED);
    },
    [editor],
  );

  const apply = useCallback(
    (finding: Finding) => {
      const replacement = finding.suggestion;
      if (replacement === undefined) return;
      if (locked) {
        setProblem('This story is locked (approved or published): its text cannot be changed here.');
        return;
      }
      if (finding.field === 'headline' || finding.field === 'standfirst') {
        const value = fieldsNow.current[finding.field];
        if (value.slice(finding.start, finding.end) !== finding.text) {
          setProblem(CHANGED);
          return;
        }
        onFields({ [finding.field]: value.slice(0, finding.start) + replacement + value.slice(finding.end) });
      } else {
        const outcome = { replaced: false };
        // Discrete: committed now, so the save below takes it.
        editor.update(
          () => {
            outcome.replaced = $replaceFinding(finding, replacement);
          },
          { discrete: true },
        );
        if (!outcome.replaced) {
          setProblem(CHANGED);
          return;
        }
        void autosaveNow.current.flush();
      }
      setProblem(null);
      // A check already on its way read the text before this change: its answer is out of date.
      checks.current += 1;
      setResult((now) => now && { ...now, findings: withApplied(now.findings, finding, replacement) });
    },
    [editor, locked, onFields],
  );

  const applyAll = useCallback(
    (findings: readonly Finding[]) => {
      if (locked) {
        setProblem('This story is locked (approved or published): its text cannot be changed here.');
        return;
      }
      const fixable = findings.filter((f): f is Finding & { suggestion: string } => f.suggestion !== undefined);
      if (fixable.length === 0) return;
      // Last first within each box and block, so the offsets of the ones before stay true.
      const where = (f: Finding) => `${f.field}|${f.path.join('.')}`;
      const lastFirst = [...fixable].sort((a, b) => (sameBlock(a, b) ? b.start - a.start : where(a) < where(b) ? -1 : 1));
      const applied: Finding[] = [];
      const fields: Partial<Record<'headline' | 'standfirst', string>> = {};
      for (const finding of lastFirst) {
        if (finding.field !== 'headline' && finding.field !== 'standfirst') continue;
        const value = fields[finding.field] ?? fieldsNow.current[finding.field];
        if (value.slice(finding.start, finding.end) !== finding.text) continue;
        fields[finding.field] = value.slice(0, finding.start) + finding.suggestion + value.slice(finding.end);
        applied.push(finding);
      }
      const inText = lastFirst.filter((f) => f.field !== 'headline' && f.field !== 'standfirst');
      if (inText.length > 0) {
        // One discrete update: one undo step, committed now so the save below takes it.
        editor.update(
          () => {
            for (const finding of inText) if ($replaceFinding(finding, finding.suggestion)) applied.push(finding);
          },
          { discrete: true },
        );
      }
      if (Object.keys(fields).length > 0) onFields(fields);
      if (inText.length > 0) void autosaveNow.current.flush();
      setProblem(applied.length < fixable.length ? CHANGED : null);
      checks.current += 1;
      setResult((now) => now && { ...now, findings: now.findings.filter((f) => !applied.some((a) => a.id === f.id)) });
    },
    [editor, locked, onFields],
  );

  const ignore = useCallback(
    async (finding: Finding) => {
      checks.current += 1;
      setResult((now) => now && { findings: now.findings.filter((f) => f.id !== finding.id), ignored: now.ignored + 1 });
      try {
        await invoke('style:ignore', { storyId: story.id, findingId: finding.id, ignore: true });
        setLastIgnored(finding);
      } catch (error) {
        setProblem(`Could not ignore that finding: ${message(error)}`);
        void check();
      }
    },
    [story.id, check],
  );

  const undoIgnore = useCallback(async () => {
    if (lastIgnored === null) return;
    try {
      await invoke('style:ignore', { storyId: story.id, findingId: lastIgnored.id, ignore: false });
      setLastIgnored(null);
    } catch (error) {
      setProblem(`Could not take the ignore back: ${message(error)}`);
    }
    await check();
  }, [lastIgnored, story.id, check]);

  const dismissProblem = useCallback(() => setProblem(null), []);

  return useMemo(
    () => ({
      findings: result?.findings ?? null,
      ignored: result?.ignored ?? 0,
      problem,
      current,
      open,
      locked,
      lastIgnored,
      setOpen,
      show,
      apply,
      applyAll,
      ignore,
      undoIgnore,
      dismissProblem,
    }),
    [result, problem, current, open, locked, lastIgnored, setOpen, show, apply, applyAll, ignore, undoIgnore, dismissProblem],
  );
}
