import { describe, expect, it } from 'vitest';
import { parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { checkStory, createChecker, defaultHouseStyle, type CheckedBlock, type StoryInput, type StyleRule } from '../../common/houseStyle/index.js';
import { bodyOfWords } from '../helpers/documents.js';

const PER_BLOCK_RULES = 7;

/** A 2,000-word story (25 paragraphs of 80 words) with one paragraph's text replaced. */
function storyWith(edits: Record<number, string> = {}): StoryInput {
  const body = parseStoryDocument(bodyOfWords(2_000));
  for (const [index, text] of Object.entries(edits)) {
    body.root.children[Number(index)] = parseStoryDocument({
      root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text, format: 0 }] }] },
    }).root.children[0] as StoryDocument['root']['children'][number];
  }
  return { headline: 'Council budget vote', standfirst: '', body, language: 'en' };
}

function editWord(input: StoryInput, block: number): StoryInput {
  const body = structuredClone(input.body) as StoryDocument;
  const paragraph = body.root.children[block] as { children: { text: string }[] };
  const run = paragraph.children[0] as { text: string };
  run.text = run.text.replace(/^\w+/, 'mayor');
  return { ...input, body };
}

function recordingChecker() {
  const runs: { rule: StyleRule; path: string }[] = [];
  const checker = createChecker(defaultHouseStyle, {
    spell: () => true,
    onRuleRun: (rule: StyleRule, block: CheckedBlock) => runs.push({ rule, path: `${block.field}:${block.path.join('.')}` }),
  });
  return { checker, runs };
}

describe('incremental checking: only what changed is checked again', () => {
  it('re-runs the rules on the one edited paragraph of a 2,000-word story', () => {
    const { checker, runs } = recordingChecker();
    const original = storyWith();
    const paragraphs = (original.body as StoryDocument).root.children.length;
    expect(paragraphs).toBe(25);

    checker.check(original);
    expect(runs).toHaveLength((paragraphs + 1) * PER_BLOCK_RULES);
    expect(checker.stats).toEqual({ blocks: paragraphs + 1, checked: paragraphs + 1, reused: 0 });

    runs.length = 0;
    const edited = editWord(original, 10);
    const findings = checker.check(edited);
    expect(new Set(runs.map((r) => r.path))).toEqual(new Set(['body:10']));
    expect(runs).toHaveLength(PER_BLOCK_RULES);
    expect(checker.stats).toEqual({ blocks: paragraphs + 1, checked: 1, reused: paragraphs });

    // The cached answer is the answer a fresh check gives.
    expect(findings).toEqual(checkStory(edited, defaultHouseStyle, { spell: () => true }));

    runs.length = 0;
    checker.check(edited);
    expect(runs).toEqual([]);
  });

  it('reuses paragraphs that only moved, when one is inserted above them', () => {
    const { checker, runs } = recordingChecker();
    const original = storyWith();
    checker.check(original);
    runs.length = 0;
    const body = structuredClone(original.body) as StoryDocument;
    body.root.children.splice(0, 0, parseStoryDocument({ root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text: 'A new top line.', format: 0 }] }] } }).root.children[0] as StoryDocument['root']['children'][number]);
    checker.check({ ...original, body });
    expect(new Set(runs.map((r) => r.path))).toEqual(new Set(['body:0']));
  });

  it('works out story-wide mixed quotes from the cached quote marks of each paragraph', () => {
    const { checker, runs } = recordingChecker();
    const mixed = storyWith({ 3: '«We are ready», the mayor said.', 20: '“So are we,” the council said.' });
    expect(checker.check(mixed).filter((f) => f.rule === 'mixed-quotes').map((f) => [f.block, f.text])).toEqual([
      [3, '«'],
      [3, '»'],
    ]);

    runs.length = 0;
    const stillMixed = checker.check(editWord(mixed, 10));
    expect(new Set(runs.map((r) => r.path))).toEqual(new Set(['body:10']));
    expect(stillMixed.filter((f) => f.rule === 'mixed-quotes')).toHaveLength(2);

    runs.length = 0;
    const consistent = editWord(storyWith({ 3: '«We are ready», the mayor said.', 20: 'So are we, the council said.' }), 10);
    expect(checker.check(consistent).filter((f) => f.rule === 'mixed-quotes')).toEqual([]);
    expect(new Set(runs.map((r) => r.path))).toEqual(new Set(['body:20']));
  });

  it('checks again when the story’s language changes', () => {
    const { checker, runs } = recordingChecker();
    const original = storyWith();
    checker.check(original);
    runs.length = 0;
    checker.check({ ...original, language: 'pt' });
    expect(new Set(runs.map((r) => r.path)).size).toBe(26);
  });
});
