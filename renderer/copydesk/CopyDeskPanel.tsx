/**
 * The copy desk beside a story: its house-style findings, one card per rule, with how many the rule
 * found and "Apply all" when it found several fixes, each finding's text and the suggested fix (the
 * rule's message once when every finding says the same). Clicking a finding shows it in the story;
 * "Apply" writes the fix, "Ignore" keeps it from coming back for this story (not offered on a
 * locked story, whose copy nobody may change). The headline's and standfirst's findings also sit
 * under those boxes (FieldFindings), and the body's are underlined in the text
 * (editor/plugins/HouseStyle).
 */
import type { Finding, RuleId } from '../../common/houseStyle/index.js';
import type { CopyDesk } from './useCopyDesk.js';

/** Each rule's name in the list, in the order the groups are shown. */
const RULE_LABELS: Record<RuleId, string> = {
  'repeated-word': 'Repeated words',
  'double-space': 'Double spaces',
  'missing-space': 'Missing spaces',
  'sentence-case': 'Sentence starts',
  'mixed-quotes': 'Mixed quotes',
  numbers: 'Numbers',
  'preferred-term': 'Preferred terms',
  spelling: 'Spelling',
  'headline-length': 'Headline length',
  'standfirst-length': 'Standfirst length',
  'spelling-unavailable': 'Spelling not checked',
};
const RULE_ORDER = Object.keys(RULE_LABELS) as RuleId[];

const WHERE: Record<Finding['field'], string> = { headline: 'Headline', standfirst: 'Standfirst', body: '', caption: 'Photo caption' };

/** Spaces and breaks made visible where they are the point ("  " → "␣␣"). */
function visible(text: string): string {
  if (!/^\s|\s$/.test(text)) return text;
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

function groupsOf(findings: readonly Finding[]): { rule: RuleId; findings: Finding[] }[] {
  const groups = new Map<RuleId, Finding[]>();
  for (const finding of findings) groups.set(finding.rule, [...(groups.get(finding.rule) ?? []), finding]);
  return [...groups.entries()]
    .sort(([a], [b]) => RULE_ORDER.indexOf(a) - RULE_ORDER.indexOf(b))
    .map(([rule, list]) => ({ rule, findings: list }));
}

function Change({ finding }: { finding: Finding }) {
  if (finding.text === '') return null;
  return (
    <span className="copydesk-change">
      <q className="copydesk-text" data-testid="copydesk-text">
        {visible(finding.text)}
      </q>
      {finding.suggestion !== undefined && (
        <>
          {' → '}
          {finding.suggestion === '' ? (
            <span className="copydesk-suggestion">delete</span>
          ) : (
            <q className="copydesk-suggestion" data-testid="copydesk-suggestion">
              {visible(finding.suggestion)}
            </q>
          )}
        </>
      )}
    </span>
  );
}

function Actions({ desk, finding }: { desk: CopyDesk; finding: Finding }) {
  return (
    <span className="copydesk-actions">
      {finding.suggestion !== undefined && (
        <button
          type="button"
          disabled={desk.locked}
          title={desk.locked ? 'The story is locked: its text cannot change' : `Replace with the suggestion`}
          onClick={() => desk.apply(finding)}
          data-testid="copydesk-apply"
        >
          Apply
        </button>
      )}
      {!desk.locked && (
        <button type="button" className="quiet" title="Stop showing this finding for this story" onClick={() => void desk.ignore(finding)} data-testid="copydesk-ignore">
          Ignore
        </button>
      )}
    </span>
  );
}

/**
 * What every finding of a card says, said once: the whole message when they are all the same, or
 * the part they share up to a clause ("This story mixes … : use “” (house style)" before each
 * ", so « → “", which the line's own text → fix already shows). Undefined when they differ.
 */
export function sharedMessage(findings: readonly Pick<Finding, 'message'>[]): string | undefined {
  const first = findings[0]?.message;
  if (findings.length < 2 || first === undefined) return undefined;
  if (findings.every((f) => f.message === first)) return first;
  let common = first;
  for (const { message } of findings) {
    let n = 0;
    while (n < common.length && n < message.length && common[n] === message[n]) n += 1;
    common = common.slice(0, n);
  }
  const clause = Math.max(common.lastIndexOf(', so '), common.lastIndexOf(': '));
  const shared = clause < 0 ? '' : common.slice(0, clause).trim();
  return shared.length >= 12 ? shared : undefined;
}

/** One rule's card: its name and count, "Apply all" when it has several fixes, then each finding. */
function RuleCard({ desk, rule, findings }: { desk: CopyDesk; rule: RuleId; findings: Finding[] }) {
  const fixable = findings.filter((f) => f.suggestion !== undefined);
  const shared = sharedMessage(findings);
  return (
    <section className="copydesk-rule copydesk-card" data-testid="copydesk-rule" data-rule={rule}>
      <h3>
        {RULE_LABELS[rule] ?? rule}
        <span className="copydesk-count" data-testid="copydesk-rule-count">
          {findings.length}
        </span>
        {fixable.length > 1 && !desk.locked && (
          <button type="button" className="copydesk-apply-all" onClick={() => desk.applyAll(fixable)} data-testid="copydesk-apply-all">
            Apply all ({fixable.length})
          </button>
        )}
      </h3>
      {shared !== undefined && (
        <p className="copydesk-message copydesk-rule-message" data-testid="copydesk-rule-message">
          {shared}
        </p>
      )}
      <ol>
        {findings.map((finding) => (
          <li
            key={finding.id}
            className={`copydesk-finding copydesk-${finding.severity}`}
            aria-current={desk.current === finding.id ? 'true' : undefined}
            data-testid="copydesk-finding"
            data-rule={finding.rule}
            data-finding-id={finding.id}
          >
            <button
              type="button"
              className="copydesk-show"
              title={shared === undefined ? 'Show it in the story' : `${finding.message}. Show it in the story`}
              onClick={() => desk.show(finding)}
              data-testid="copydesk-show"
            >
              {WHERE[finding.field] !== '' && <span className="copydesk-where">{WHERE[finding.field]}</span>}
              <Change finding={finding} />
            </button>
            {shared === undefined && <p className="copydesk-message">{finding.message}</p>}
            <Actions desk={desk} finding={finding} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CopyDeskPanel({ desk }: { desk: CopyDesk }) {
  const findings = desk.findings;
  return (
    <aside className="copydesk-panel" aria-label="Copy desk" data-testid="copydesk-panel">
      <header className="copydesk-head">
        <h2>Copy desk</h2>
        <span className="copydesk-total" data-testid="copydesk-total">
          {findings === null ? '' : findings.length === 1 ? '1 to check' : `${findings.length} to check`}
        </span>
        <button type="button" className="quiet" aria-label="Close the copy desk" onClick={() => desk.setOpen(false)}>
          ×
        </button>
      </header>
      {desk.problem && (
        <p className="copydesk-problem" role="alert" data-testid="copydesk-problem">
          {desk.problem}{' '}
          <button type="button" className="quiet" onClick={desk.dismissProblem}>
            Dismiss
          </button>
        </p>
      )}
      {desk.lastIgnored && (
        <p className="copydesk-quiet" role="status" data-testid="copydesk-ignored-last">
          Ignored “{visible(desk.lastIgnored.text) || desk.lastIgnored.message}”.{' '}
          <button type="button" className="quiet" onClick={() => void desk.undoIgnore()} data-testid="copydesk-undo-ignore">
            Undo
          </button>
        </p>
      )}
      {findings === null ? (
        <p className="copydesk-quiet">Checking the story against the house style…</p>
      ) : findings.length === 0 ? (
        <p className="copydesk-quiet" data-testid="copydesk-clean">
          Nothing to fix: the story follows the house style.
        </p>
      ) : (
        groupsOf(findings).map((group) => <RuleCard key={group.rule} desk={desk} rule={group.rule} findings={group.findings} />)
      )}
      {desk.ignored > 0 && (
        <p className="copydesk-quiet" data-testid="copydesk-ignored-count">
          {desk.ignored === 1 ? '1 finding' : `${desk.ignored} findings`} ignored for this story.
        </p>
      )}
    </aside>
  );
}

/** The story bar's switch for the list, with how many findings are waiting. */
export function CopyDeskToggle({ desk }: { desk: CopyDesk }) {
  const count = desk.findings?.length ?? 0;
  return (
    <button
      type="button"
      className="quiet copydesk-toggle"
      aria-pressed={desk.open}
      title="House-style findings for this story"
      onClick={() => desk.setOpen(!desk.open)}
      data-testid="copydesk-toggle"
    >
      Copy desk
      {count > 0 && <span className="copydesk-badge">{count}</span>}
    </button>
  );
}

/** The findings on the headline or standfirst, under its box. */
export function FieldFindings({ desk, field }: { desk: CopyDesk; field: 'headline' | 'standfirst' }) {
  const findings = (desk.findings ?? []).filter((f) => f.field === field);
  if (findings.length === 0) return null;
  return (
    <ul className="copydesk-field-findings" aria-label={`House style: ${WHERE[field].toLowerCase()}`} data-testid={`copydesk-${field}-findings`}>
      {findings.map((finding) => (
        <li key={finding.id} className={`copydesk-field-finding copydesk-${finding.severity}`} data-rule={finding.rule} data-testid="copydesk-field-finding">
          <span className="copydesk-message">{finding.message}</span>
          <Actions desk={desk} finding={finding} />
        </li>
      ))}
    </ul>
  );
}
