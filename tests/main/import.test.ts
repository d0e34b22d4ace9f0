import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { documentText, emptyPhotoNode, parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { importStoryBytes, importStoryFile, sniffFormat, withStoredPhoto, type ImportedStory } from '../../main/services/import/index.js';
import { tempDataDir } from '../helpers/dataDir.js';
import { FIXTURE_ARTICLES, FIXTURE_DOCX } from '../helpers/fixtures.js';

const temp = tempDataDir('newsroom-import-');
afterAll(() => temp.cleanup());

type Block = StoryDocument['root']['children'][number];

function blockText(block: Block): string {
  return documentText({ root: { type: 'root', version: 1, children: [block] } } as StoryDocument);
}
function kinds(story: ImportedStory): string[] {
  return story.body.root.children.map((b) => (b.type === 'heading' ? b.tag : b.type));
}
async function refusal(promise: Promise<unknown>): Promise<NewsroomError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NewsroomError);
    expect((error as NewsroomError).code).toBe('invalid-argument');
    return error as NewsroomError;
  }
  throw new Error('expected the file to be refused');
}
const bytes = (text: string) => new TextEncoder().encode(text);

describe('river-villages.txt: wire copy as a reporter files it', async () => {
  const story = await importStoryFile(path.join(FIXTURE_ARTICLES, 'river-villages.txt'));
  const blocks = story.body.root.children;

  it('finds the headline, byline and dateline, and takes the dateline out of the first paragraph', () => {
    expect(story.source).toEqual({ name: 'river-villages.txt', format: 'text' });
    expect(story.fields.headline).toBe('Floodwaters cut off river villages as crews race the next storm');
    expect(story.fields.byline).toEqual(['Marta Kowalczyk', 'Daniel Osei']);
    expect(story.fields.dateline).toEqual({ place: 'SANTA CRUZ DO SUL, Brazil', date: '' });
    expect(blockText(blocks[0] as Block)).toMatch(/^The water came up through the floorboards first/);
    expect(documentText(story.body)).not.toContain('By Marta');
  });

  it('makes the quoted line standing alone a subhead without its quotes', () => {
    const subheads = blocks.filter((b) => b.type === 'heading');
    expect(subheads.map(blockText)).toEqual(['Nobody expected it this fast']);
    expect(subheads[0]).toMatchObject({ tag: 'h2' });
  });

  it('keeps quotations as paragraphs (both quote styles, as filed)', () => {
    expect(blocks.filter((b) => b.type === 'quote')).toEqual([]);
    expect(documentText(story.body)).toContain('«We heard the river before we saw it», said Lúcia Ferreira');
    expect(documentText(story.body)).toContain('“Nobody expected it this fast,” said Rafael Nunes');
  });

  it('turns the caption with its glued-on credit into a photo placeholder with the credit as data', () => {
    const photos = blocks.filter((b) => b.type === 'photo');
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({
      photoId: '',
      caption: 'Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday.',
      credit: { photographers: ['Carlos Mendes'], agency: 'Agência Sul', via: '' },
    });
    expect(documentText(story.body)).not.toContain('Carlos Mendes');
  });

  it('removes the web leftovers at the end and reports each one', () => {
    expect(story.report.removed).toEqual([
      { text: 'Read more: How the 2024 floods reshaped the region', why: 'web page leftover: links to other stories' },
      { text: 'Share this article', why: 'web page leftover: sharing prompt' },
    ]);
    expect(blockText(blocks[blocks.length - 1] as Block)).toBe(
      'Schools, clinics and two bridges have been damaged, and power is out across much of the valley. Aid groups said clean water was the most urgent need.',
    );
  });

  it('keeps the copy-editing slips for the copy desk (the importer does not silently fix text)', () => {
    const text = documentText(story.body);
    expect(text).toContain('standing in  knee-deep water');
    expect(text).toContain('in the the dark');
    expect(text).toContain('on Saturday. the state government');
    expect(kinds(story)).toEqual(['paragraph', 'paragraph', 'paragraph', 'h2', 'paragraph', 'paragraph', 'photo', 'paragraph', 'paragraph']);
    expect(() => parseStoryDocument(story.body)).not.toThrow();
    expect(story.report.warnings).toEqual([]);
  });
});

describe('council-budget.md: the same parts in Markdown', async () => {
  const story = await importStoryFile(path.join(FIXTURE_ARTICLES, 'council-budget.md'));
  const blocks = story.body.root.children;

  it('reads the # headline, the bold byline and the dateline', () => {
    expect(story.source.format).toBe('markdown');
    expect(story.fields.headline).toBe('Council approves late-night budget after 9-hour session');
    expect(story.fields.byline).toEqual(['Priya Raman']);
    expect(story.fields.dateline.place).toBe('LEEDS, England');
    expect(blockText(blocks[0] as Block)).toMatch(/^City councillors approved a £1\.2bn budget/);
  });

  it('keeps the subhead, the list, the block quote and the picture with the credit from its title', () => {
    expect(kinds(story)).toEqual(['paragraph', 'paragraph', 'h2', 'list', 'paragraph', 'quote', 'photo', 'paragraph']);
    expect(blockText(blocks[2] as Block)).toBe('What changes for residents');
    const list = blocks[3] as Extract<Block, { type: 'list' }>;
    expect(list.listType).toBe('bullet');
    expect(blockText(list).split('\n')).toEqual([
      'Council tax rises by 4.99 per cent from April.',
      'Four branch libraries close; two move into community centres.',
      'Bus subsidies for rural routes are kept for another year.',
    ]);
    expect(blockText(blocks[5] as Block)).toBe('"Closing libraries is a choice, not a necessity," said opposition leader Aisha Khan.');
    expect(blocks[6]).toMatchObject({
      type: 'photo',
      photoId: '',
      alt: 'Councillors vote in the main chamber of Leeds Civic Hall on Tuesday night.',
      caption: 'Councillors vote in the main chamber of Leeds Civic Hall on Tuesday night.',
      credit: { photographers: ['Sam Whitaker'], agency: 'Yorkshire Post' },
    });
  });

  it('says the picture itself is not in the file', () => {
    expect(story.photos).toEqual([]);
    expect(story.report.warnings).toEqual(['Picture "council.jpg" is not inside the file: a photo placeholder waits for it in the story']);
    expect(story.report.removed).toEqual([]);
  });
});

describe('Word documents (mammoth.js test files)', () => {
  const docx = (name: string) => importStoryFile(path.join(FIXTURE_DOCX, name));

  it('single-paragraph.docx: one paragraph, not taken for a headline (nothing follows it)', async () => {
    const story = await docx('single-paragraph.docx');
    expect(story.source.format).toBe('docx');
    expect(story.fields.headline).toBe('');
    expect(documentText(story.body)).toBe('Walking on imported air');
  });

  it('simple-list.docx: a bulleted list', async () => {
    const story = await docx('simple-list.docx');
    expect(kinds(story)).toEqual(['list']);
    expect(story.body.root.children[0]).toMatchObject({ listType: 'bullet', children: [{ type: 'listitem' }, { type: 'listitem' }] });
    expect(documentText(story.body)).toBe('Apple\nBanana');
  });

  it('tiny-picture.docx: the picture comes back as bytes for the photo store, with a placeholder where it stood', async () => {
    const story = await docx('tiny-picture.docx');
    expect(story.photos).toHaveLength(1);
    const picture = story.photos[0]!;
    expect(picture).toMatchObject({ name: 'tiny-picture-1.png', contentType: 'image/png', block: 0 });
    expect([...picture.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(story.body.root.children[picture.block]).toMatchObject({ type: 'photo', photoId: '' });
    expect(story.report.warnings).toContain('The story has no body text yet');
  });

  it('footnotes.docx: footnotes become notes anchored to the words they follow, and leave the text', async () => {
    const story = await docx('footnotes.docx');
    expect(documentText(story.body)).toBe('Ouch.');
    expect(story.notes).toEqual([
      { kind: 'footnote', text: 'A tachyon walks into a bar.', anchor: { quote: 'Ouch', block: 0 } },
      { kind: 'footnote', text: 'Fin.', anchor: { quote: 'Ouch.', block: 0 } },
    ]);
  });

  it('comments.docx: comments become notes with their author', async () => {
    const story = await docx('comments.docx');
    expect(documentText(story.body)).toBe('Ouch.');
    expect(story.notes).toEqual([
      { kind: 'comment', text: 'A tachyon walks into a bar.', author: 'MW', anchor: { quote: 'Ouch', block: 0 } },
      { kind: 'comment', text: 'Fin.', author: 'MW', anchor: { quote: 'Ouch.', block: 0 } },
    ]);
  });

  it('tables.docx: the table is flattened to one paragraph a row, with a warning', async () => {
    const story = await docx('tables.docx');
    expect(documentText(story.body).split('\n')).toEqual(['Above', 'Top left | Top right', 'Bottom left | Bottom right', 'Below']);
    expect(story.report.warnings).toEqual(['A table was flattened: each row is now a paragraph with its cells separated by " | "; check it']);
  });

  it('empty.docx: refused with a clear message, so no empty story is made', async () => {
    const error = await refusal(docx('empty.docx'));
    expect(error.message).toBe('empty.docx: the file has no text and no pictures: there is nothing to import');
  });
});

// ---------------------------------------------------------------------------------------------
// A tiny zip writer, to make Word documents (and broken ones) inside the tests.

interface ZipPart {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** Lie about the unpacked size in the directory (a zip bomb's trick). */
  declaredSize?: number;
}

function zip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const body = part.deflate === true ? zlib.deflateRawSync(part.data) : Buffer.from(part.data);
    const crc = zlib.crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.deflate === true ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.deflate === true ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
function wordDocument(body: string, links: Record<string, string> = {}): Uint8Array {
  const part = (name: string, xml: string): ZipPart => ({ name, data: bytes(xml), deflate: true });
  return zip([
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    ),
    part('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    part(
      'word/_rels/document.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${Object.entries(links)
        .map(([id, url]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${url}" TargetMode="External"/>`)
        .join('')}</Relationships>`,
    ),
    part(
      'word/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
    ),
    part('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  ]);
}
const p = (runs: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs}</w:p>`;
const r = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;

describe('Word documents made in the test: the structure Word carries', () => {
  it('keeps headings, bold, italic and safe links; the Title style is the headline', async () => {
    const file = wordDocument(
      [
        p(r('Storm closes the coast road'), 'Title'),
        p(r('Waves broke the sea wall overnight'), 'Subtitle'),
        p(r('By Ana Silva')),
        p(r('PORTO, Portugal — The road was shut on ') + r('Tuesday', '<w:b/>') + r(' after ') + r('waves', '<w:i/>') + r(' broke the wall,  officials said.')),
        p(r('What happens next'), 'Heading2'),
        p(r('Read the ') + '<w:hyperlink r:id="rIdLink">' + r('council notice') + '</w:hyperlink>' + r(' and the ') + '<w:hyperlink r:id="rIdBad">' + r('bad link') + '</w:hyperlink>' + r('.')),
      ].join(''),
      { rIdLink: 'https://example.org/notice', rIdBad: 'javascript:alert(1)' },
    );
    const story = await importStoryBytes('storm.docx', file);
    expect(story.fields).toMatchObject({
      headline: 'Storm closes the coast road',
      standfirst: 'Waves broke the sea wall overnight',
      byline: ['Ana Silva'],
      dateline: { place: 'PORTO, Portugal' },
    });
    expect(kinds(story)).toEqual(['paragraph', 'h2', 'paragraph']);
    const [first, heading, last] = story.body.root.children as [Block, Block, Block];
    expect(first).toMatchObject({
      children: [
        { type: 'text', text: 'The road was shut on ', format: 0 },
        { type: 'text', text: 'Tuesday', format: 1 },
        { type: 'text', text: ' after ', format: 0 },
        { type: 'text', text: 'waves', format: 2 },
        // Word keeps the spaces the reporter typed: the copy desk flags the double one.
        { type: 'text', text: ' broke the wall,  officials said.', format: 0 },
      ],
    });
    expect(blockText(heading)).toBe('What happens next');
    expect(last).toMatchObject({
      children: [
        { type: 'text', text: 'Read the ' },
        { type: 'link', url: 'https://example.org/notice', children: [{ type: 'text', text: 'council notice' }] },
        { type: 'text', text: ' and the bad link.' },
      ],
    });
    expect(story.report.dropped).toContainEqual({ what: 'link that is not a web or mail address (text kept)', count: 1 });
  });

  it('refuses a zip bomb by the sizes in its directory, before unpacking anything', async () => {
    const bomb = zip([{ name: 'word/document.xml', data: bytes('<x/>'), declaredSize: 0xfffffff0 }]);
    const error = await refusal(importStoryBytes('bomb.docx', bomb));
    expect(error.message).toMatch(/^bomb\.docx: it would unpack to \d+ MB, over the 150 MB limit \(a zip bomb\?\)$/);
  });

  it('refuses a zip that lies about its sizes, capping the unpacking at the declared size', async () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const liar = zip([{ name: 'word/document.xml', data: zeros, deflate: true, declaredSize: 1_000 }]);
    expect(liar.length).toBeLessThan(100_000);
    const error = await refusal(importStoryBytes('liar.docx', liar));
    expect(error.message).toBe('liar.docx: part "word/document.xml" unpacks to more than the 1000 bytes it declares (a zip bomb?)');
  });

  it('names what a zip is when it is not a Word document', async () => {
    const odt = zip([{ name: 'mimetype', data: bytes('application/vnd.oasis.opendocument.text') }, { name: 'content.xml', data: bytes('<x/>') }]);
    expect((await refusal(importStoryBytes('story.odt', odt))).message).toBe('story.odt: it is an OpenDocument file (LibreOffice, Pages export): save it as .docx');
    const other = zip([{ name: 'notes.txt', data: bytes('hello') }]);
    expect((await refusal(importStoryBytes('story.docx', other))).message).toBe('story.docx: it is a zip archive but not a Word document: save the story as .docx');
  });

  it('refuses a .docx that is not a zip at all, and a damaged one', async () => {
    expect((await refusal(importStoryBytes('story.docx', bytes('Just some text, renamed.')))).message).toBe(
      'story.docx: it is not a Word document (a .docx is a zip archive and this is not one): open it in Word and save it as .docx again',
    );
    const cut = wordDocument(p(r('Text'))).subarray(0, 200);
    expect((await refusal(importStoryBytes('cut.docx', cut))).message).toBe('cut.docx: the archive is damaged or cut short (no zip directory at its end)');
  });
});

describe('bad input: a clear refusal or a clear warning, never a crash', () => {
  it('refuses a binary file named .txt', async () => {
    const binary = new Uint8Array([0x41, 0x42, 0x00, 0x01, 0x02, 0x43, 0x00, 0x00, 0x10, 0x44]);
    expect((await refusal(importStoryBytes('notes.txt', binary))).message).toBe(
      'notes.txt: it is a binary file, not text (a picture, PDF or program?): save the story as .txt, .md, .html or .docx',
    );
  });

  it('names pictures, PDFs, old .doc and RTF files by their content, whatever they are called', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await refusal(importStoryBytes('story.txt', png))).message).toBe('story.txt: it is a picture: add it to a story with "Add photo"');
    expect((await refusal(importStoryBytes('story.md', bytes('%PDF-1.7\n...')))).message).toMatch(/^story\.md: it is a PDF/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await refusal(importStoryBytes('story.doc', ole))).message).toMatch(/^story\.doc: it is an old Word 97–2003 \(\.doc\) file/);
    expect((await refusal(importStoryBytes('story.rtf', bytes('{\\rtf1\\ansi Hello}')))).message).toMatch(/^story\.rtf: it is a Rich Text/);
  });

  it('reads invalid UTF-8 with replacement characters and a warning that says where', async () => {
    const latin1 = new Uint8Array([...bytes('Rio flood\n\nFirst line.\n\nS'), 0xe3, ...bytes('o Paulo was dry.')]);
    const story = await importStoryBytes('latin1.txt', latin1);
    expect(documentText(story.body)).toContain('S\ufffdo Paulo was dry.');
    expect(story.report.warnings).toEqual([
      'The file is not valid UTF-8: 1 character could not be read and show as "\ufffd" (first on line 5). Check accented letters; to fix them, save the file as UTF-8 and import it again',
    ]);
  });

  it('reads UTF-16 text with a byte-order mark (Notepad’s "Unicode")', async () => {
    const text = 'Kyiv talks resume\n\nBy Olena Shevchenko\n\nKYIV, Ukraine — Talks resumed on Monday.';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const story = await importStoryBytes('talks.txt', utf16);
    expect(story.fields).toMatchObject({ headline: 'Kyiv talks resume', byline: ['Olena Shevchenko'], dateline: { place: 'KYIV, Ukraine' } });
    expect(documentText(story.body)).toBe('Talks resumed on Monday.');
  });

  it('refuses a 100 MB text file by its size, before reading it', async () => {
    const file = path.join(temp.dir, 'huge.txt');
    fs.writeFileSync(file, 'Headline\n\n');
    fs.truncateSync(file, 100 * 1024 * 1024);
    const error = await refusal(importStoryFile(file));
    expect(error.message).toBe('huge.txt: the file is 100 MB, over the 10 MB limit for a story: split it or remove what is not the story');
    expect(error.details).toEqual({ bytes: 100 * 1024 * 1024, limit: 10 * 1024 * 1024 });
  });

  it('applies the same limit to bytes already in memory', async () => {
    const error = await refusal(importStoryBytes('long.txt', bytes('word '.repeat(300)), { limits: { textBytes: 1_000 } }));
    expect(error.message).toBe('long.txt: the file is 0.00 MB, over the 0.00 MB limit for a story: split it or remove what is not the story');
    expect(error.details).toEqual({ bytes: 1_500, limit: 1_000 });
  });

  it('refuses a missing file and a folder by name', async () => {
    expect((await refusal(importStoryFile(path.join(temp.dir, 'nope.txt')))).message).toBe('nope.txt: the file does not exist: check the name and folder');
    fs.mkdirSync(path.join(temp.dir, 'folder.md'));
    expect((await refusal(importStoryFile(path.join(temp.dir, 'folder.md')))).message).toBe('folder.md: it is a folder or device, not a file');
  });

  it('refuses an empty text file', async () => {
    expect((await refusal(importStoryBytes('blank.txt', bytes('\n  \n\n')))).message).toBe('blank.txt: the file has no text and no pictures: there is nothing to import');
  });
});

describe('HTML: sanitised by construction', () => {
  const page = `<!DOCTYPE html><html lang="en-GB"><head><title>Storm hits coast | Example News</title>
    <script>document.cookie</script><style>p { color: red }</style></head>
    <body onload="steal()"><nav><a href="/">Home</a></nav>
    <article class="story">
      <h1 style="font-size: 3em">Storm hits the coast as thousands flee</h1>
      <p class="byline">By <a href="/authors/jane">Jane Doe</a> and John Roe</p>
      <p>LISBON (Reuters) — Thousands fled on <b>Tuesday</b> as a <i>storm</i> &amp; high tides hit, <a href="https://example.com/x" onclick="steal()">officials said</a>.
      <p>A <a href="javascript:alert(1)">bad link</a>, an <img src="x.png" onerror="pwn()"> icon<script>alert(2)</script> and   spaces.
      <h4>Evacuations</h4>
      <blockquote><p>“We left everything,” said a resident.</p></blockquote>
      <ul><li>One<li>Two<ul><li>Two point one</li></ul><li>Three</ul>
      <figure><img src="https://cdn.example.com/storm.jpg" alt="Waves over a sea wall"><figcaption>Waves break over the wall in Cascais. Photo: Ana Silva/Lusa</figcaption></figure>
      <iframe src="https://evil.example"></iframe><form><input name="q"><button>Go</button></form>
      <object data="x.swf"></object><embed src="y.swf">
      <p>Last real paragraph.</p>
      <aside>Related stuff</aside>
      <p>Related:</p><ul><li><a href="/a">Another storm story</a></li><li><a href="/b">Yet another</a></li></ul>
      <p>Advertisement</p>
    </article><footer>© 2024 Example</footer></body></html>`;

  it('keeps the story and its structure, and nothing executable or styled', async () => {
    const story = await importStoryBytes('page.html', bytes(page));
    expect(story.source.format).toBe('html');
    expect(story.fields).toMatchObject({
      headline: 'Storm hits the coast as thousands flee',
      byline: ['Jane Doe', 'John Roe'],
      dateline: { place: 'LISBON', date: '' },
      agency: 'Reuters',
      language: 'en-GB',
    });
    expect(kinds(story)).toEqual(['paragraph', 'paragraph', 'photo', 'h3', 'quote', 'list', 'photo', 'paragraph']);
    const json = JSON.stringify(story.body);
    for (const unsafe of ['script', 'alert', 'javascript', 'onclick', 'onerror', 'onload', 'steal', 'color: red', 'font-size', 'evil', 'swf', 'Home']) {
      expect(json).not.toContain(unsafe);
    }
    expect(documentText(story.body)).toContain('Thousands fled on Tuesday as a storm & high tides hit, officials said.');
    expect(documentText(story.body)).toContain('A bad link, an icon and spaces.');
    expect(story.body.root.children[0]).toMatchObject({ children: expect.arrayContaining([{ type: 'link', url: 'https://example.com/x', rel: 'noreferrer', target: null, title: null, direction: null, format: '', indent: 0, version: 1, children: [expect.objectContaining({ text: 'officials said' })] }]) });
    expect(story.body.root.children[6]).toMatchObject({ alt: 'Waves over a sea wall', caption: 'Waves break over the wall in Cascais.', credit: { photographers: ['Ana Silva'], agency: 'Lusa' } });
    expect(documentText(story.body)).toContain('Two point one');
  });

  it('reports what was left out, counted', async () => {
    const story = await importStoryBytes('page.html', bytes(page));
    const dropped = Object.fromEntries(story.report.dropped.map((d) => [d.what, d.count]));
    expect(dropped).toMatchObject({
      'script element': 2,
      'style element': 1,
      'iframe element': 1,
      'form element': 1,
      'object element': 1,
      'embed element': 1,
      'nav element': 1,
      'footer element': 1,
      'aside element': 1,
      'event handler attribute (on…)': 3,
      'style attribute': 1,
      'class attribute': 2,
      'link that is not a web or mail address (text kept)': 1,
    });
    expect(story.report.removed).toEqual([
      { text: 'Related:', why: 'web page leftover: links to other stories' },
      { text: 'Another storm story Yet another', why: 'web page leftover: links to other stories' },
      { text: 'Advertisement', why: 'web page leftover: advert label' },
    ]);
  });

  it('imports a page made of scripts as a story with no script in it', async () => {
    const scripts = `<p>Real words.</p>${'<script>while(true){}</script><p onclick="x()">More words.</p>'.repeat(500)}`;
    const story = await importStoryBytes('scripts.html', bytes(scripts));
    expect(story.report.dropped).toContainEqual({ what: 'script element', count: 500 });
    expect(JSON.stringify(story.body)).not.toContain('while');
    expect(story.body.root.children).toHaveLength(501);
  });

  it('takes the page title, without the site name, when the page has no headline of its own', async () => {
    const story = await importStoryBytes('saved.htm', bytes('<html><head><title>Ferry returns to the island | Example News</title></head><body><p>The ferry sailed on Monday.</p><p>It was full.</p></body></html>'));
    expect(story.fields.headline).toBe('Ferry returns to the island');
    expect(documentText(story.body)).toBe('The ferry sailed on Monday.\nIt was full.');
  });

  it('reads HTML by its content whatever the file is called, and honours a declared charset', async () => {
    expect(sniffFormat('copy.txt', bytes('<!DOCTYPE html><p>Hi</p>'))).toEqual({ format: 'html' });
    expect(sniffFormat('story.html', wordDocument(p(r('x'))))).toEqual({ format: 'docx' });
    const latin = new Uint8Array([...bytes('<html><head><meta charset="windows-1252"></head><body><p>S'), 0xe3, ...bytes('o Paulo</p></body></html>')]);
    const story = await importStoryBytes('page.htm', latin);
    expect(documentText(story.body)).toBe('São Paulo');
    expect(story.report.warnings).toEqual([]);
  });
});

describe('plain text and Markdown: the parts of a story', () => {
  const text = async (source: string, name = 'story.txt') => importStoryBytes(name, bytes(source));

  it('reads "CITY (Agency) --" datelines and warns to credit the agency', async () => {
    const story = await text('Talks resume in Geneva\n\nGENEVA (AFP) -- Talks resumed on Monday.\n\nMore followed.');
    expect(story.fields.dateline.place).toBe('GENEVA');
    expect(story.fields.agency).toBe('AFP');
    expect(story.report.warnings).toEqual(["The dateline credits AFP: check the byline and the agency's terms before publishing"]);
    expect(documentText(story.body).split('\n')[0]).toBe('Talks resumed on Monday.');
  });

  it('does not take an ordinary opening for a dateline', async () => {
    const story = await text('A quiet start\n\nNobody — not even the mayor — expected it.\n\nMore.');
    expect(story.fields.dateline.place).toBe('');
    expect(documentText(story.body).split('\n')[0]).toBe('Nobody — not even the mayor — expected it.');
  });

  it('splits bylines with commas and "and"', async () => {
    const story = await text('Three reporters\n\nBy Ana Lima, Joe Bloggs and Mei Chen\n\nText here.');
    expect(story.fields.byline).toEqual(['Ana Lima', 'Joe Bloggs', 'Mei Chen']);
  });

  it('reads one paragraph per line when a file has no blank lines', async () => {
    const story = await text('Headline of the day\nFirst paragraph, a full sentence.\nSecond paragraph, also a sentence.');
    expect(story.fields.headline).toBe('Headline of the day');
    expect(kinds(story)).toEqual(['paragraph', 'paragraph']);
  });

  it('joins hard-wrapped lines of one paragraph', async () => {
    const story = await text('A headline here\n\nThe first line\nwraps onto the second.\n\nEnd.');
    expect(documentText(story.body)).toBe('The first line wraps onto the second.\nEnd.');
  });

  it('turns a caption with "Photo: Name/Agency" on its next line into a placeholder', async () => {
    const story = await text('Fire at the docks\n\nCrews fought the fire all night.\n\nSmoke rises over the docks on Monday.\nPhoto: Jo Park/Harbour Press\n\nThe cause is unknown.');
    expect(story.body.root.children[1]).toMatchObject({ type: 'photo', caption: 'Smoke rises over the docks on Monday.', credit: { photographers: ['Jo Park'], agency: 'Harbour Press' } });
  });

  it('drops nothing it does not recognise: leftovers count only at the very end', async () => {
    const story = await text('Market day\n\nRead more: this line is in the middle.\n\nShare this article with friends, the mayor said, it matters a great deal to all of us here.\n\nThanks to everyone who helped.');
    expect(story.report.removed).toEqual([]);
    expect(documentText(story.body).split('\n')).toHaveLength(3);
  });

  it('removes the usual web prompts and "more stories" lists at the end', async () => {
    const story = await text(
      [
        'Ferry returns',
        'The ferry sailed again on Monday.',
        'You may also like',
        'Bridge to close for repairs',
        'Harbour fees rise',
        'Sign up for our morning newsletter',
        'Subscribe for £1 a week',
        'Follow us on Instagram',
        'Share this article on Facebook, X',
      ].join('\n\n'),
    );
    expect(documentText(story.body)).toBe('The ferry sailed again on Monday.');
    expect(story.report.removed.map((r) => r.why)).toEqual([
      'web page leftover: links to other stories',
      'web page leftover: links to other stories',
      'web page leftover: links to other stories',
      'web page leftover: newsletter prompt',
      'web page leftover: subscription prompt',
      'web page leftover: social media prompt',
      'web page leftover: sharing prompt',
    ]);
  });

  it('makes subheads of short lines standing alone, in straight or curly quotes or none', async () => {
    const story = await text("Vote tonight\n\nThe council meets at six.\n\n'What is at stake'\n\nMoney for libraries.\n\n“Who decides”\n\nThe full council.\n\nWhat comes next\n\nA second vote in May.");
    expect(story.body.root.children.filter((b) => b.type === 'heading').map(blockText)).toEqual(['What is at stake', 'Who decides', 'What comes next']);
  });

  it('does not make a subhead of two short lines in a row, or of a sentence', async () => {
    const story = await text('Poem night\n\nThe reading began at eight.\n\nRoses are red\n\nViolets are blue\n\nIt ended late.\n\nShort and done.\n\nThe end of it all.');
    expect(story.body.root.children.filter((b) => b.type === 'heading')).toEqual([]);
  });

  it('Markdown: emphasis, links by reference, unsafe links, footnotes, nested lists, setext subheads, standfirst', async () => {
    const source = [
      'Rail strike ends',
      '================',
      '',
      '*Unions and operators agree a deal after six weeks*',
      '',
      'By Sam Okoro',
      '',
      'The strike ended on **Friday**, said the [union][u], after _long_ talks[^1].',
      '',
      'A [bad](javascript:alert(1)) link and <https://example.org/a>.',
      '',
      'What the deal says',
      '------------------',
      '',
      '1. Pay rises',
      '   - 4% this year',
      '2. Rotas',
      '',
      '```',
      'code  stays',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '[u]: https://union.example.org "Union"',
      '[^1]: Talks began in May.',
    ].join('\n');
    const story = await importStoryBytes('rail.md', bytes(source));
    expect(story.fields).toMatchObject({ headline: 'Rail strike ends', standfirst: 'Unions and operators agree a deal after six weeks', byline: ['Sam Okoro'] });
    expect(kinds(story)).toEqual(['paragraph', 'paragraph', 'h2', 'list', 'paragraph', 'paragraph', 'paragraph']);
    expect(story.body.root.children[0]).toMatchObject({
      children: [
        { text: 'The strike ended on ', format: 0 },
        { text: 'Friday', format: 1 },
        { text: ', said the ', format: 0 },
        { type: 'link', url: 'https://union.example.org', children: [{ text: 'union' }] },
        { text: ', after ', format: 0 },
        { text: 'long', format: 2 },
        { text: ' talks.', format: 0 },
      ],
    });
    expect(story.body.root.children[1]).toMatchObject({ children: [{ text: 'A bad link and ' }, { type: 'link', url: 'https://example.org/a' }, { text: '.' }] });
    expect(story.body.root.children[3]).toMatchObject({ listType: 'number', children: [{ type: 'listitem' }, { type: 'listitem', children: [{ type: 'list', listType: 'bullet' }] }, { type: 'listitem' }] });
    expect(documentText(story.body)).toContain('code  stays');
    expect(documentText(story.body)).toContain('a | b\n1 | 2');
    expect(story.notes).toEqual([{ kind: 'footnote', text: 'Talks began in May.', anchor: { quote: 'The strike ended on Friday, said the union, after long talks', block: 0 } }]);
    expect(story.report.warnings).toEqual([
      'A code block was kept as plain text: check its layout',
      'A table was flattened: each row is now a paragraph with its cells separated by " | "; check it',
    ]);
    expect(story.report.dropped).toEqual([{ what: 'link that is not a web or mail address (text kept)', count: 1 }]);
  });

  it('Markdown: a picture with an italic caption line under it and an embedded data: picture', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
    const source = `# Harbour reopens\n\nBoats returned on Monday.\n\n![Boats in the harbour](data:image/png;base64,${png})\n\n*Boats return to the harbour on Monday.Jo Park/Harbour Press*\n\nTrade resumed.`;
    const story = await importStoryBytes('harbour.md', bytes(source));
    expect(story.body.root.children[1]).toMatchObject({
      type: 'photo',
      alt: 'Boats in the harbour',
      caption: 'Boats return to the harbour on Monday.',
      credit: { photographers: ['Jo Park'], agency: 'Harbour Press' },
    });
    expect(story.photos).toMatchObject([{ name: 'harbour-1.png', contentType: 'image/png', block: 1, caption: 'Boats return to the harbour on Monday.' }]);
  });
});

describe('withStoredPhoto: the stored picture takes the placeholder’s place', () => {
  it('keeps the caption and credit from the file over the photo’s own metadata', async () => {
    const story = await importStoryFile(path.join(FIXTURE_ARTICLES, 'river-villages.txt'));
    const block = story.body.root.children.findIndex((b) => b.type === 'photo');
    const stored = { ...emptyPhotoNode('a'.repeat(64), 800, 600), caption: 'From the camera', credit: { photographers: ['Someone Else'], agency: '', via: '', copyright: '© X', usageTerms: '' }, fromPhoto: ['caption' as const, 'photographers' as const, 'copyright' as const] };
    const body = withStoredPhoto(story.body, block, stored);
    expect(body.root.children[block]).toMatchObject({
      photoId: 'a'.repeat(64),
      width: 800,
      caption: 'Volunteers carry an elderly resident to a rescue boat in Linha Nova on Thursday.',
      credit: { photographers: ['Carlos Mendes'], agency: 'Agência Sul', copyright: '© X' },
      fromPhoto: ['copyright'],
    });
    expect(() => parseStoryDocument(body)).not.toThrow();
    expect(story.body.root.children[block]).toMatchObject({ photoId: '' });
  });
});

describe('Word documents with parts Word cannot find (issue 11)', () => {
  it('a picture whose file is missing gives a warning a reporter can act on, never a raw program error', async () => {
    const drawing = (rId: string) =>
      `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Picture 1" descr="A photo"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="${rId}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
    const file = wordDocument([p(r('The river rose overnight and the villages emptied.')), p(drawing('rIdMissing')), p(r('Crews worked through the night.'))].join(''));
    // Whether it imports with warnings or is refused, what the reporter reads names no program internals.
    const said = await importStoryBytes('missing-picture.docx', file).then(
      (story) => story.report.warnings,
      (error: unknown) => [(error as Error).message],
    );
    expect(said.length).toBeGreaterThan(0);
    for (const text of said) {
      expect(text).not.toMatch(/Cannot read|properties of|undefined|null|TypeError|is not a function|charAt/);
    }
    expect(said.some((text) => /open it in Word, save it again/.test(text))).toBe(true);
  });
});
