/**
 * Bytes of a text file (.txt, .md, .html) to text, or a refusal the reporter can act on.
 * UTF-8 is expected; UTF-16 with a byte-order mark (Windows Notepad's "Unicode") is read too; an
 * HTML page that declares another charset is read in it. A UTF-8 file with a few broken bytes is
 * read with U+FFFD in their place and a warning that says where: refusing the whole story over one
 * bad byte would cost the reporter more than fixing one character.
 */

export interface DecodedText {
  text: string;
  warnings: string[];
}

export class NotText extends Error {}

function controlRatio(value: string): { nul: boolean; ratio: number } {
  const sample = value.length > 65_536 ? value.slice(0, 65_536) : value;
  let controls = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const c = sample.charCodeAt(i);
    if (c === 0) return { nul: true, ratio: 1 };
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) controls += 1;
  }
  return { nul: false, ratio: sample.length === 0 ? 0 : controls / sample.length };
}

/** The charset an HTML page declares in its first kilobyte (`<meta charset=…>`), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return match ? (match[1] as string).toLowerCase() : null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function firstBadLine(value: string): number {
  const at = value.indexOf('\ufffd');
  return at < 0 ? 0 : value.slice(0, at).split('\n').length;
}

export function decodeText(bytes: Uint8Array, options: { charset?: string | null } = {}): DecodedText {
  const warnings: string[] = [];
  let value: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) value = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) value = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const declared = options.charset ? decoderFor(options.charset) : null;
    if (declared && declared.encoding !== 'utf-8') {
      value = declared.decode(bytes);
    } else {
      const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
      try {
        value = new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        value = new TextDecoder('utf-8').decode(body);
        const bad = (value.match(/\ufffd/g) ?? []).length;
        warnings.push(
          `The file is not valid UTF-8: ${bad} character${bad === 1 ? '' : 's'} could not be read and show as "\ufffd" (first on line ${firstBadLine(value)}). ` +
            'Check accented letters; to fix them, save the file as UTF-8 and import it again',
        );
      }
    }
  }
  const controls = controlRatio(value);
  if (controls.nul || controls.ratio > 0.005) {
    throw new NotText('it is a binary file, not text (a picture, PDF or program?): save the story as .txt, .md, .html or .docx');
  }
  return { text: value, warnings };
}
