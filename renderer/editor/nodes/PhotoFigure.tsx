/**
 * A photo as the reporter works on it: the picture, then its caption, credit and alt text edited
 * in place under it, the credit previewed in the house format, and the photo's own tools (layout,
 * move, replace, remove). Rendered by `PhotoNode.decorate()`; every change goes through
 * `editor.update` on the node, so undo, autosave and the photo panel see it like any other edit.
 *
 * Fields the photo's metadata filled in carry a "from photo — check" hint until the reporter
 * edits or confirms them: an agency's caption is a draft, not copy.
 */
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type DragEvent, type KeyboardEvent, type RefObject } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import {
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  HISTORY_MERGE_TAG,
  SKIP_DOM_SELECTION_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  stopLexicalPropagation,
  type LexicalEditor,
  type NodeKey,
} from 'lexical';
import type { PREFILLABLE_FIELDS } from '../../../common/document.js';
import { namesFromText, namesText } from '../../../common/names.js';
import { CAPTION_FLAG_LABELS, captionFlags, formatCredit, missingPhotoFields, photoUrl, type PhotoLayout } from '../../../common/photo.js';
import { CHOOSE_PHOTOS_COMMAND, REPLACE_PHOTO_COMMAND } from '../plugins/PhotoImport/commands.js';
import { useCreditFormat } from './PhotoCreditFormat.js';
import { $isPhotoNode, type PhotoData, type PhotoNode } from './PhotoNode.js';
import { usePendingPhoto } from './PhotoPending.js';
import { usePhotoRights } from './PhotoRights.js';
import { whenDone } from '../../format.js';

type Prefilled = (typeof PREFILLABLE_FIELDS)[number];
type CreditText = 'agency' | 'via' | 'copyright' | 'usageTerms';
/** The boxes under a photo; `data-photo-field` on each lets the photo panel focus one. */
export type PhotoTextField = 'caption' | 'photographers' | CreditText | 'alt';

/** Keystrokes in one box closer together than this are one undo step. */
const TYPING_MERGE_MS = 1000;
/** As common/photo.ts `photoCreditSchema` allows. */
const MAX_PHOTOGRAPHERS = 10;
const MAX_NAME = 200;

interface FieldSpec {
  field: PhotoTextField;
  label: string;
  /** As common/document.ts and common/photo.ts allow, so a save is never refused for length. */
  maxLength: number;
  multiline?: boolean;
  /** Enter would put a line break where the page has none: captions and alt text are one paragraph. */
  oneLine?: boolean;
  placeholder?: string;
}

const CAPTION: FieldSpec = { field: 'caption', label: 'Caption', maxLength: 5000, multiline: true, oneLine: true, placeholder: 'What the picture shows, who, where, when' };
const CREDIT_FIELDS: FieldSpec[] = [
  { field: 'photographers', label: 'Photographer', maxLength: MAX_PHOTOGRAPHERS * (MAX_NAME + 2), placeholder: 'Names, separated by commas' },
  { field: 'agency', label: 'Agency or source', maxLength: 200 },
  { field: 'via', label: 'Via', maxLength: 200, placeholder: 'Distributor of a handout' },
  { field: 'copyright', label: 'Copyright', maxLength: 500 },
  { field: 'usageTerms', label: 'Usage terms', maxLength: 2000, multiline: true },
];
const ALT: FieldSpec = {
  field: 'alt',
  label: 'Alt text',
  maxLength: 2000,
  multiline: true,
  oneLine: true,
  placeholder: 'The picture, described for readers who cannot see it',
};

/** "Julie Doe, John Roe" or "Julie Doe and John Roe" → the credit's list of photographers. */
function photographersFromText(text: string): string[] {
  return namesFromText(text)
    .map((name) => name.slice(0, MAX_NAME).trim())
    .filter((name) => name !== '')
    .slice(0, MAX_PHOTOGRAPHERS);
}

function textOf(photo: PhotoData, field: PhotoTextField): string {
  switch (field) {
    case 'caption':
      return photo.caption;
    case 'alt':
      return photo.alt;
    case 'photographers':
      return photo.credit.photographers.join(', ');
    default:
      return photo.credit[field];
  }
}

/** The text as the node will hold it: credits are stored trimmed, names as a list. */
function normalized(field: PhotoTextField, text: string): string {
  if (field === 'caption' || field === 'alt') return text;
  if (field === 'photographers') return namesText(photographersFromText(text));
  return text.trim();
}

function prefilledAs(field: PhotoTextField): Prefilled | null {
  return field === 'alt' ? null : field;
}

/** The photo with one box's new text; an edited field counts as checked. */
function withText(photo: PhotoData, field: PhotoTextField, text: string): PhotoData {
  const next: PhotoData = { ...photo, credit: { ...photo.credit }, fromPhoto: photo.fromPhoto.filter((f) => f !== prefilledAs(field)) };
  if (field === 'caption') next.caption = text;
  else if (field === 'alt') next.alt = text;
  else if (field === 'photographers') next.credit.photographers = photographersFromText(text);
  else next.credit[field] = text.trim();
  return next;
}

/**
 * The figure sits inside the editor's contenteditable, where Lexical listens at the root for keys,
 * input, clipboard and drops (and stops `input` from bubbling on, which would keep it from React).
 * Marking each event from the figure with `stopLexicalPropagation` (the flag Lexical itself uses
 * for nested editors, see `addRootElementEvents` in lexical 0.52) makes Lexical's root listeners
 * let it pass, while the event still bubbles to React and anything else that listens.
 */
const EVENTS_FOR_THE_FIGURE = [
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'compositionstart',
  'compositionend',
  'paste',
  'cut',
  'copy',
  'dragstart',
  'dragover',
  'drop',
  'pointerdown',
  'click',
] as const;

function useKeepLexicalOut(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    for (const type of EVENTS_FOR_THE_FIGURE) element.addEventListener(type, stopLexicalPropagation);
    return () => {
      for (const type of EVENTS_FOR_THE_FIGURE) element.removeEventListener(type, stopLexicalPropagation);
    };
  }, [ref]);
}

/**
 * A locked story (approved, published) turns the editor read-only; its photos' boxes and tools
 * follow the same flag, so nothing under a photo changes where the text cannot.
 */
function useEditable(editor: LexicalEditor): boolean {
  const subscribe = useCallback((listener: () => void) => editor.registerEditableListener(() => listener()), [editor]);
  return useSyncExternalStore(subscribe, () => editor.isEditable());
}

type Place = 'only' | 'first' | 'last' | 'middle' | 'gone';

/** Where the photo sits among the body's blocks, to grey out moves that go nowhere. */
function usePlaceInBody(editor: LexicalEditor, key: NodeKey): Place {
  const subscribe = useCallback((listener: () => void) => editor.registerUpdateListener(() => listener()), [editor]);
  return useSyncExternalStore(subscribe, () =>
    editor.getEditorState().read((): Place => {
      const node = $getNodeByKey(key);
      if (!node) return 'gone';
      const first = node.getPreviousSibling() === null;
      const last = node.getNextSibling() === null;
      return first && last ? 'only' : first ? 'first' : last ? 'last' : 'middle';
    }),
  );
}

// A change made from the figure leaves the reporter where they are: no caret sync, no scrolling.
const QUIET = [SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG];

export function PhotoFigure({ nodeKey, photo }: { nodeKey: NodeKey; photo: PhotoData }) {
  const [editor] = useLexicalComposerContext();
  const creditFormat = useCreditFormat();
  const pending = usePendingPhoto(editor, nodeKey);
  const editable = useEditable(editor);
  const place = usePlaceInBody(editor, nodeKey);
  // The caret steps onto a photo (arrow keys, Backspace after it) before a second key removes it: show it.
  const [selected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const figure = useRef<HTMLElement>(null);
  const lastTyping = useRef<{ field: PhotoTextField; at: number } | null>(null);
  const [dropping, setDropping] = useState(false);
  useKeepLexicalOut(figure);

  const edit = (
    $change: (node: PhotoNode) => void,
    options: { typing?: PhotoTextField; then?: () => void } = {},
  ) => {
    if (!editor.isEditable()) return;
    const now = performance.now();
    const last = lastTyping.current;
    const merge = options.typing !== undefined && last?.field === options.typing && now - last.at < TYPING_MERGE_MS;
    lastTyping.current = options.typing === undefined ? null : { field: options.typing, at: now };
    // Discrete: the node (and so this figure's props) must change within the keystroke's own
    // event, or React puts the old text back in the box for a frame and the caret jumps.
    editor.update(
      () => {
        const node = $getNodeByKey(nodeKey);
        if ($isPhotoNode(node)) $change(node);
      },
      { discrete: true, tag: merge ? [...QUIET, HISTORY_MERGE_TAG] : QUIET, onUpdate: options.then },
    );
  };

  const setText = (field: PhotoTextField, text: string) =>
    edit((node) => node.setPhoto(withText(node.getPhoto(), field, text)), { typing: field });
  const confirm = (fields: readonly Prefilled[]) =>
    edit((node) => {
      const current = node.getPhoto();
      node.setPhoto({ ...current, fromPhoto: current.fromPhoto.filter((f) => !fields.includes(f)) });
    });
  const setLayout = (layout: PhotoLayout) => edit((node) => node.setPhoto({ ...node.getPhoto(), layout }));
  const move = (direction: 'up' | 'down', button: HTMLButtonElement) =>
    edit(
      (node) => {
        const sibling = direction === 'up' ? node.getPreviousSibling() : node.getNextSibling();
        if (sibling === null) return;
        if (direction === 'up') sibling.insertBefore(node);
        else sibling.insertAfter(node);
      },
      {
        // The figure's DOM moved, and focus with it went to the page: keep it on the button.
        then: () => {
          button.focus({ preventScroll: true });
          figure.current?.scrollIntoView({ block: 'nearest' });
        },
      },
    );
  const remove = () =>
    edit((node) => {
      const root = $getRoot();
      node.remove();
      if (root.getChildrenSize() === 0) root.append($createParagraphNode());
    });

  const dragHasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent) => {
    if (!dragHasFiles(event) || pending || !editable) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!figure.current?.contains(event.relatedTarget as Node | null)) setDropping(false);
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    if (!dragHasFiles(event)) return;
    event.preventDefault();
    if (pending || !editable) return;
    editor.dispatchCommand(REPLACE_PHOTO_COMMAND, { key: nodeKey, files: [...event.dataTransfer.files] });
  };

  const missing = missingPhotoFields(photo);
  const credit = formatCredit(photo.credit, creditFormat);
  const unchecked = photo.fromPhoto;
  // Open while the credit lacks something or holds what the file wrote unchecked; it never closes by itself.
  const creditNeedsEye = missing.includes('credit') || unchecked.some((field) => field !== 'caption');
  const [detailsOpen, setDetailsOpen] = useState(creditNeedsEye);
  useEffect(() => {
    if (creditNeedsEye) setDetailsOpen(true);
  }, [creditNeedsEye]);
  const fieldProps = (spec: FieldSpec) => ({
    spec,
    photo,
    onText: (text: string) => setText(spec.field, text),
    onConfirm: () => {
      const prefilled = prefilledAs(spec.field);
      if (prefilled) confirm([prefilled]);
    },
    onLeave: () => editor.focus(),
    editable,
  });

  return (
    <figure
      ref={figure}
      className={`copy-photo copy-photo-${photo.layout} photo-figure${selected ? ' photo-figure-selected' : ''}`}
      data-testid="photo"
      data-photo-key={nodeKey}
      aria-busy={pending ? true : undefined}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {/* A click on the picture selects the photo, as the caret stepping onto it does. */}
      <div
        className="photo-frame"
        onClick={() => {
          if (!editable) return;
          clearSelection();
          setSelected(true);
        }}
      >
        {photo.photoId === '' ? (
          <div className="copy-photo-placeholder" data-testid={pending ? 'photo-importing' : undefined}>
            {pending ? (
              <span className="photo-progress">
                <span>Adding {pending.name || 'photo'}…</span>
                <progress aria-label={`Adding ${pending.name || 'photo'}`} />
              </span>
            ) : (
              'Photo to come'
            )}
          </div>
        ) : (
          <img
            src={photoUrl(photo.photoId)}
            alt={photo.alt}
            // The node's size (already turned upright by main) reserves the space before the copy loads.
            width={photo.width || undefined}
            height={photo.height || undefined}
            decoding="async"
            loading="lazy"
            draggable={false}
          />
        )}
        {pending?.replacing && (
          <div className="photo-frame-note" data-testid="photo-importing">
            <span>Replacing with {pending.name || 'the new photo'}…</span>
            <progress aria-label="Replacing the photo" />
          </div>
        )}
        {dropping && <div className="photo-frame-note photo-frame-drop">Drop to replace this photo</div>}
      </div>

      {editable && (
        <div className="photo-tools" role="toolbar" aria-label="Photo tools">
          <span className="photo-layout" role="group" aria-label="Layout">
            {(['column', 'wide'] as const).map((layout) => (
              <button
                key={layout}
                type="button"
                className="tool"
                aria-pressed={photo.layout === layout}
                data-testid={`photo-layout-${layout}`}
                onClick={() => setLayout(layout)}
              >
                {layout === 'column' ? 'Column' : 'Wide'}
              </button>
            ))}
          </span>
          <span className="toolbar-gap" />
          <button
            type="button"
            className="tool"
            title="Move the photo above the block before it"
            disabled={place === 'first' || place === 'only'}
            data-testid="photo-move-up"
            onClick={(event) => move('up', event.currentTarget)}
          >
            ↑ Up
          </button>
          <button
            type="button"
            className="tool"
            title="Move the photo below the block after it"
            disabled={place === 'last' || place === 'only'}
            data-testid="photo-move-down"
            onClick={(event) => move('down', event.currentTarget)}
          >
            ↓ Down
          </button>
          <span className="toolbar-gap" />
          <button
            type="button"
            className="tool"
            title="Pick another file, or drop one on the photo; the caption and credit stay"
            disabled={pending !== undefined}
            data-testid="photo-replace"
            onClick={() => editor.dispatchCommand(CHOOSE_PHOTOS_COMMAND, { replace: nodeKey })}
          >
            {photo.photoId === '' ? 'Choose photo…' : 'Replace…'}
          </button>
          <button type="button" className="tool" data-testid="photo-remove" onClick={remove}>
            Remove
          </button>
          {unchecked.length > 1 && (
            <>
              <span className="story-bar-gap" />
              <button type="button" className="tool" data-testid="photo-confirm-all" onClick={() => confirm(unchecked)}>
                All from photo look right
              </button>
            </>
          )}
        </div>
      )}

      <div className="photo-fields">
        <PhotoBox {...fieldProps(CAPTION)} missing={missing.includes('caption')} />
        <fieldset className="photo-credit">
          <legend>
            Credit{missing.includes('credit') && <span className="photo-needed">needed: a photographer or agency</span>}
          </legend>
          <div className="photo-credit-line" data-testid="photo-credit-line">
            {credit === '' ? <span className="copy-photo-missing">No credit yet</span> : <span className="copy-photo-credit">{credit}</span>}
          </div>
          {/* A compact card (issue 13): the parts of the credit and the usage terms fold away once
              nothing in them needs the reporter, so two photos no longer turn a story into islands. */}
          <details
            className="photo-credit-details"
            open={detailsOpen}
            onToggle={(event) => setDetailsOpen(event.currentTarget.open)}
            data-testid="photo-credit-details"
          >
            <summary>Credit details and usage terms</summary>
            <div className="photo-credit-fields">
              {CREDIT_FIELDS.map((spec) => (
                <PhotoBox key={spec.field} {...fieldProps(spec)} missing={false} />
              ))}
            </div>
          </details>
          {photo.photoId !== '' && <RightsBox photoId={photo.photoId} editable={editable} />}
        </fieldset>
        <PhotoBox {...fieldProps(ALT)} missing={missing.includes('alt')} />
      </div>
    </figure>
  );
}

/** "Rights confirmed for this use": a person's decision that the usage terms allow this story to run the photo. */
function RightsBox({ photoId, editable }: { photoId: string; editable: boolean }) {
  const rights = usePhotoRights();
  // What the person just chose, shown until the store has recorded it (or refused).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!rights) return null;
  const decision = rights.decision(photoId);
  const decide = async (confirmed: boolean) => {
    setWanted(confirmed);
    setProblem(await rights.decide(photoId, confirmed));
    setWanted(null);
  };
  const busy = wanted !== null;
  return (
    <div className="photo-rights">
      <label>
        <input
          type="checkbox"
          checked={wanted ?? decision !== null}
          disabled={!editable || busy}
          data-photo-field="rights"
          data-testid="photo-rights"
          onChange={(event) => void decide(event.target.checked)}
        />
        Rights confirmed for this use
      </label>
      {decision && (
        <span className="photo-rights-by" data-testid="photo-rights-by">
          {decision.by === '' ? 'Confirmed' : `Confirmed by ${decision.by}`} {whenDone(decision.at)}
        </span>
      )}
      {problem && (
        <span className="field-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

function PhotoBox({
  spec,
  photo,
  missing,
  onText,
  onConfirm,
  onLeave,
  editable,
}: {
  spec: FieldSpec;
  photo: PhotoData;
  missing: boolean;
  onText: (text: string) => void;
  onConfirm: () => void;
  onLeave: () => void;
  editable: boolean;
}) {
  const id = useId();
  const value = textOf(photo, spec.field);
  // The box keeps what is typed ("Julie Doe, " on the way to a second name); the node holds it
  // normalized. When the node changes some other way (undo, a replaced photo), the node wins.
  const [draft, setDraft] = useState(value);
  const shown = normalized(spec.field, draft) === value ? draft : value;
  const prefilled = prefilledAs(spec.field);
  const unchecked = prefilled !== null && photo.fromPhoto.includes(prefilled);
  // An agency's caption holding coordinates or a web address: say so while it is still the file's.
  const flags = unchecked && spec.field === 'caption' ? captionFlags(value) : [];

  const onChange = (text: string) => {
    setDraft(text);
    onText(text);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && spec.oneLine) event.preventDefault();
    if (event.key === 'Escape') onLeave();
  };
  const common = {
    id,
    value: shown,
    maxLength: spec.maxLength,
    placeholder: spec.placeholder,
    readOnly: !editable,
    spellCheck: spec.field === 'caption' || spec.field === 'alt',
    'aria-invalid': missing || undefined,
    'data-photo-field': spec.field,
    'data-testid': `photo-${spec.field === 'usageTerms' ? 'usage-terms' : spec.field}`,
    onKeyDown,
  };

  return (
    <div className={`photo-field photo-field-${spec.field}${unchecked ? ' photo-field-unchecked' : ''}${missing ? ' photo-field-missing' : ''}`}>
      <label htmlFor={id}>
        {spec.label}
        {missing && <span className="photo-needed">needed</span>}
      </label>
      {spec.multiline ? (
        <textarea {...common} rows={1} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
      {unchecked && (
        <span className="photo-from-photo" data-testid={`photo-from-photo-${spec.field}`}>
          from photo — check
          {editable && (
            <button type="button" className="quiet" onClick={onConfirm} aria-label={`${spec.label} from the photo looks right`} data-testid={`photo-confirm-${spec.field}`}>
              Looks right
            </button>
          )}
        </span>
      )}
      {flags.length > 0 && (
        <span className="photo-caption-flag" role="note" data-testid="photo-caption-flag">
          The caption from the photo holds {flags.map((flag) => CAPTION_FLAG_LABELS[flag]).join(' and ')}: check that it belongs in the published caption.
        </span>
      )}
    </div>
  );
}
