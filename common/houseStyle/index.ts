/**
 * The copy desk: house-style checks over a story, pure TypeScript for main (CLI, `style:check`) and
 * a Web Worker in the renderer alike. Spelling dictionaries are handed in, never read from disk here.
 */
export { checkStory, createChecker, hashText, type CheckOptions, type CheckStats, type Finding, type HouseStyleChecker, type StoryInput } from './checker.js';
export { bodyBlocks, type BlockField, type BlockKind, type CheckedBlock } from './blocks.js';
export { createSpeller, type Dictionary, type Speller, type SpellerSettings } from './spelling.js';
export { RULES, defaultHouseStyle, houseStyleSchema, parseHouseStyle, ruleEnabled, type HouseStyle, type RuleId, type StyleRule } from './style.js';
