/** The story's own fields above the body: headline, standfirst, byline, dateline, desk, language. */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { storyFieldsSchema, type StoryFields } from '../../common/story.js';
import { namesFromText, namesText } from '../../common/names.js';

const LANGUAGES: ReadonlyArray<[code: string, name: string]> = [
  ['en', 'English'],
  ['en-GB', 'English (UK)'],
  ['en-US', 'English (US)'],
  ['uk', 'Ukrainian'],
  ['de', 'German'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['pt-BR', 'Portuguese (Brazil)'],
  ['it', 'Italian'],
  ['pl', 'Polish'],
  ['ar', 'Arabic'],
];

const isLanguageCode = (code: string) => storyFieldsSchema.shape.language.safeParse(code).success;

export function StoryFieldsForm({
  fields,
  onChange,
  focusHeadline,
  onHeadlineDone,
  readOnly = false,
  fieldNotes,
}: {
  fields: StoryFields;
  onChange: (patch: Partial<StoryFields>) => void;
  focusHeadline: boolean;
  /** Enter in the headline moves on instead of breaking the line. */
  onHeadlineDone: () => void;
  /** The story is locked (approved or published): the boxes can be read and copied, not changed. */
  readOnly?: boolean;
  /** Shown under the headline and standfirst boxes: the copy desk's findings on them. */
  fieldNotes?: { headline?: ReactNode; standfirst?: ReactNode };
}) {
  const ids = useId();
  const headline = useRef<HTMLTextAreaElement>(null);
  // The boxes keep what is typed; the story takes it once it is something the store accepts.
  const [byline, setByline] = useState(() => namesText(fields.byline));
  const [language, setLanguage] = useState(fields.language);

  // In the same commit as the box appears, so keys typed right after New story land in it.
  useLayoutEffect(() => {
    if (focusHeadline) headline.current?.focus();
  }, [focusHeadline]);

  // "Reload theirs" replaces the fields: show what the store holds, unless the box already says the same.
  useEffect(() => {
    setByline((typed) => (namesText(namesFromText(typed)) === namesText(fields.byline) ? typed : namesText(fields.byline)));
  }, [fields.byline]);
  useEffect(() => {
    // A valid code in the box was already passed on; a half-typed one is left for the reporter to finish.
    setLanguage((typed) => (isLanguageCode(typed) ? fields.language : typed));
  }, [fields.language]);

  const languageOk = isLanguageCode(language);

  return (
    <div className="story-fields">
      <textarea
        ref={headline}
        className="field-headline"
        rows={1}
        readOnly={readOnly}
        placeholder="Headline"
        aria-label="Headline"
        data-testid="headline"
        value={fields.headline}
        onChange={(event) => onChange({ headline: event.target.value.replace(/[\r\n]+/g, ' ') })}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onHeadlineDone();
          }
        }}
      />
      {fieldNotes?.headline}
      <textarea
        className="field-standfirst"
        rows={1}
        readOnly={readOnly}
        placeholder="Standfirst: the sentence or two under the headline"
        aria-label="Standfirst"
        data-testid="standfirst"
        value={fields.standfirst}
        onChange={(event) => onChange({ standfirst: event.target.value })}
      />
      {fieldNotes?.standfirst}
      <div className="story-meta">
        <label className="meta-byline">
          <span>Byline</span>
          <input
            type="text"
            readOnly={readOnly}
            placeholder="Names, separated by commas"
            data-testid="byline"
            value={byline}
            onChange={(event) => {
              setByline(event.target.value);
              onChange({ byline: namesFromText(event.target.value) });
            }}
          />
        </label>
        <label>
          <span>Dateline</span>
          <input
            type="text"
            readOnly={readOnly}
            placeholder="Place, e.g. KYIV"
            data-testid="dateline-place"
            value={fields.dateline.place}
            onChange={(event) => onChange({ dateline: { ...fields.dateline, place: event.target.value } })}
          />
        </label>
        <label>
          <span>Date</span>
          <input
            type="date"
            readOnly={readOnly}
            data-testid="dateline-date"
            value={fields.dateline.date}
            onChange={(event) => onChange({ dateline: { ...fields.dateline, date: event.target.value } })}
          />
        </label>
        <label>
          <span>Desk</span>
          <input
            type="text"
            readOnly={readOnly}
            placeholder="e.g. Politics"
            data-testid="desk"
            value={fields.desk}
            onChange={(event) => onChange({ desk: event.target.value })}
          />
        </label>
        <label className="meta-language">
          <span>Language</span>
          <input
            type="text"
            list={`${ids}-languages`}
            readOnly={readOnly}
            data-testid="language"
            aria-invalid={!languageOk}
            aria-describedby={languageOk ? undefined : `${ids}-language-problem`}
            value={language}
            onChange={(event) => {
              const code = event.target.value.trim();
              setLanguage(code);
              if (isLanguageCode(code)) onChange({ language: code });
            }}
          />
          <datalist id={`${ids}-languages`}>
            {LANGUAGES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </datalist>
        </label>
      </div>
      {!languageOk && (
        <p className="field-problem" id={`${ids}-language-problem`} role="alert">
          Language must be a code such as en, uk or pt-BR; the story keeps “{fields.language}” until then.
        </p>
      )}
    </div>
  );
}
