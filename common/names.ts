/**
 * People's names from typed text: the one rule the byline box, the command line, the importer and
 * photo credits share. Names are separated by commas, semicolons, "&" or the word "and", so
 * "Ana Lima and Tom Ruiz" is two names wherever it is typed.
 */
const SEPARATOR = /\s*[,;&]\s*(?:and\s+)?|\s+and\s+/iu;

export function namesFromText(text: string): string[] {
  return text
    .split(SEPARATOR)
    .map((name) => name.trim())
    .filter((name) => name !== '' && !/^and$/i.test(name));
}

/** How a list of names is written back into a text box: the form `namesFromText` reads. */
export function namesText(names: readonly string[]): string {
  return names.join(', ');
}
