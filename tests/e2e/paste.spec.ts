import type { Page } from '@playwright/test';
import { parseStoryDocument } from '../../common/document.js';
import { expect, test } from './harness.js';

/**
 * Pastes HTML the way the clipboard delivers it. A synthetic paste event carries the HTML exactly
 * as given; Chromium's own clipboard would sanitize it first and hide what our code does.
 */
async function pasteHtml(page: Page, html: string, plain = ''): Promise<void> {
  await page.getByTestId('story-body').evaluate(
    (element, { html, plain }) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', plain);
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { html, plain },
  );
}

/** Every text run of a stored body as [text, format]; format 1 is bold, 2 italic. */
function textRuns(node: unknown): Array<[string, number]> {
  if (node === null || typeof node !== 'object') return [];
  const { type, text, format, children, root } = node as Record<string, unknown>;
  if (type === 'text' && typeof text === 'string') return [[text.trim(), Number(format)]];
  if (root) return textRuns(root);
  return Array.isArray(children) ? children.flatMap(textRuns) : [];
}

function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

const HOSTILE = `
<html><head><style>p { color: red }</style><script>window.__pwned = 'head script'</script></head>
<body onload="window.__pwned = 'onload'">
<h1 style="color: red" onclick="window.__pwned = 'h1'">Breaking: dam holds</h1>
<p class="lede" style="font-family: Comic Sans MS; color: #f00" onmouseover="window.__pwned = 'p'">
  Engineers said the <b>dam</b> held <i>overnight</i>. <a href="javascript:window.__pwned='link'">Click here</a>
  and <a href="https://example.org/dam" onclick="window.__pwned='a'" target="_blank" style="color:red">read more</a>.
</p>
<script>window.__pwned = 'body script'</script>
<img src="x" onerror="window.__pwned = 'img'">
<iframe src="https://evil.example/"></iframe>
<svg onload="window.__pwned='svg'"><circle r="4"></circle></svg>
<h5>Timeline</h5>
<ul><li onclick="alert(1)">Monday: rain</li><li><span style="font-weight:700">Tuesday</span>: flood warning</li></ul>
<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a> <a href=" JaVaScRiPt:alert(1)">spaced link</a> <a href="mailto:desk@example.org">Email the desk</a></p>
<form action="https://evil.example/"><input value="steal"><button>Send</button></form>
</body></html>`;

test('pasted hostile HTML leaves no script, handler, unsafe link or style in the editor or the stored document', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('headline').fill('Dam');
  await page.getByTestId('story-body').click();
  await pasteHtml(page, HOSTILE, 'Breaking: dam holds');

  const body = page.getByTestId('story-body');
  await expect(body.locator('h2')).toHaveText('Breaking: dam holds');
  await expect(body.locator('h3')).toHaveText('Timeline');
  await expect(body.locator('li')).toHaveText(['Monday: rain', 'Tuesday: flood warning']);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  // Nothing ran, and nothing dangerous reached the page.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await body.locator('script, iframe, img, svg, form, input, style').count()).toBe(0);
  const attributes = await body.evaluate((root) =>
    [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`)),
  );
  expect(attributes.filter((a) => /^on|^style=|javascript:|^href=data:/i.test(a))).toEqual([]);

  // The stored document holds the structure and none of the hostility.
  const stored = newsroom.stories.get(storyIdOf(page));
  const json = stored.body;
  parseStoryDocument(json);
  expect(json).not.toMatch(/script|onerror|onclick|onload|onmouseover|iframe|javascript:|data:text|evil\.example|Comic Sans|color/i);
  expect(json).not.toMatch(/"style":"[^"]/);
  expect(json).not.toMatch(/"textStyle":"[^"]/);
  expect(json).toContain('"url":"https://example.org/dam"');
  expect(json).toContain('"url":"mailto:desk@example.org"');
  expect(json).not.toContain('"target":"_blank"');
  expect(json).toContain('"tag":"h2"');
  expect(json).toContain('"tag":"h3"');
  expect(json).toContain('"listType":"bullet"');
  // The text of unsafe links stays, without the link.
  expect(json).toContain('Click here');
  expect(json).toContain('data link');
  // Bold and italic survive, including bold written as a style.
  const runs = textRuns(JSON.parse(json));
  expect(runs).toContainEqual(['dam', 1]);
  expect(runs).toContainEqual(['overnight', 2]);
  expect(runs).toContainEqual(['Tuesday', 1]);
  expect(await app.problems()).toEqual([]);
});

const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><style>p.MsoNormal { margin: 0cm; font-family: "Calibri" }</style></head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:14.0pt'>Flood report<o:p></o:p></span></b></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>The water rose <i>fast</i> after midnight.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Sandbags at the school<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Two lorries<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Road closed at the bridge<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Evacuate<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Wait for the all-clear<o:p></o:p></p>
<!--EndFragment-->
</body></html>`;

test('a paste from Word keeps paragraphs, bold, italic and its bulleted and numbered lists', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('story-body').click();
  await pasteHtml(page, WORD_HTML);

  const body = page.getByTestId('story-body');
  await expect(body.locator('ul > li').first()).toContainText('Sandbags at the school');
  await expect(body.locator('ul ul li')).toHaveText(['Two lorries']);
  await expect(body.locator('ol > li')).toHaveText(['Evacuate', 'Wait for the all-clear']);
  await expect(body).not.toContainText('·');
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  const doc = parseStoryDocument(newsroom.stories.get(storyIdOf(page)).body);
  expect(doc.root.children.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'list', 'list']);
  const runs = textRuns(doc);
  expect(runs).toContainEqual(['Flood report', 1]);
  expect(runs).toContainEqual(['fast', 2]);
  expect(JSON.stringify(doc)).not.toMatch(/Mso|mso-|Calibri|Symbol/);
  expect(await app.problems()).toEqual([]);
});

const GOOGLE_DOCS_HTML = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c"><h1 dir="ltr" style="line-height:1.38;margin-top:20pt"><span style="font-size:20pt;font-family:Arial;font-weight:400">Storm cuts power</span></h1><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;font-weight:400">About </span><span style="font-size:11pt;font-family:Arial;font-weight:700">4,000 homes</span><span style="font-size:11pt;font-family:Arial;font-weight:400"> lost power, </span><span style="font-size:11pt;font-family:Arial;font-style:italic;font-weight:400">the utility said</span><span style="font-size:11pt;font-family:Arial;font-weight:400">.</span></p><ol style="margin-top:0;margin-bottom:0"><li dir="ltr" style="list-style-type:decimal"><p dir="ltr" role="presentation"><span style="font-weight:400">Check the fuse box</span></p></li><li dir="ltr" style="list-style-type:decimal"><p dir="ltr" role="presentation"><span style="font-weight:400">Call the helpline</span></p></li></ol></b>`;

test('a paste from Google Docs keeps its bold and italic words without turning the whole text bold', async ({ app }) => {
  const { page, newsroom } = app;
  await page.getByTestId('new-story').click();
  await page.getByTestId('story-body').click();
  await pasteHtml(page, GOOGLE_DOCS_HTML);

  const body = page.getByTestId('story-body');
  await expect(body.locator('h2')).toHaveText('Storm cuts power');
  await expect(body.locator('ol > li')).toHaveText(['Check the fuse box', 'Call the helpline']);
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/);

  const runs = textRuns(parseStoryDocument(newsroom.stories.get(storyIdOf(page)).body));
  expect(runs).toContainEqual(['Storm cuts power', 0]);
  expect(runs).toContainEqual(['About', 0]);
  expect(runs).toContainEqual(['4,000 homes', 1]);
  expect(runs).toContainEqual(['the utility said', 2]);
  expect(runs).toContainEqual(['Check the fuse box', 0]);
  expect(await app.problems()).toEqual([]);
});
