/** Story fields and bodies as the command line gives them: flags and files. */
import fs from 'node:fs';
import { documentFromPlainText } from '../../../common/document.js';
import { namesFromText } from '../../../common/names.js';
import type { StoryFields } from '../../../common/story.js';
import { UsageError, type CliValues } from '../command.js';

/** The fields named by flags, and only those. */
export function fieldsFromFlags(values: CliValues, dateline: StoryFields['dateline']): Partial<StoryFields> {
  return {
    ...(values.headline === undefined ? {} : { headline: values.headline }),
    ...(values.standfirst === undefined ? {} : { standfirst: values.standfirst }),
    ...(values.byline === undefined ? {} : { byline: namesFromText(values.byline) }),
    ...(values['dateline-place'] === undefined ? {} : { dateline: { ...dateline, place: values['dateline-place'] } }),
    ...(values.desk === undefined ? {} : { desk: values.desk }),
    ...(values.language === undefined ? {} : { language: values.language }),
  };
}

/** A body from a .txt file (paragraphs between blank lines) or a Lexical .json file. */
export function readBodyFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (file.endsWith('.json')) return text;
  return JSON.stringify(documentFromPlainText(text));
}

/** The bytes of a file the user named, or a usage error saying why it cannot be read. */
export function readNamedFile(file: string): Uint8Array<ArrayBuffer> {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
