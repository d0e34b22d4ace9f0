/**
 * The "Preview as published" frame is a srcdoc document, so the app's Content-Security-Policy
 * applies inside it, and the published page's one inline stylesheet is allowed by its SHA-256
 * alone. The hash is written by hand in two places; this recomputes it from PAGE_STYLESHEET so a
 * change to the stylesheet cannot silently unstyle the preview (or fill the console with refusals).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_STYLESHEET } from '../../common/publish/renderStory.js';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/protocol.js';
import { expect, test } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const stylesheetSource = `'sha256-${createHash('sha256').update(PAGE_STYLESHEET, 'utf8').digest('base64')}'`;

/** The sources one directive of a policy allows. */
function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found ? found.slice(1) : [];
}

function metaPolicy(file: string): string {
  const html = fs.readFileSync(file, 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
  if (!match?.[1]) throw new Error(`${file} has no Content-Security-Policy meta element`);
  return match[1];
}

test("the renderer's meta policy allows the published page's stylesheet by its hash, and nothing else inline", () => {
  const styles = directive(metaPolicy(path.resolve(here, '../../renderer/index.html')), 'style-src');
  expect(styles).toEqual(["'self'", stylesheetSource]);
  expect(directive(metaPolicy(path.resolve(here, '../../renderer/index.html')), 'frame-src')).toEqual(["'none'"]);
});

test("main's app:// header allows the same stylesheet hash as the meta policy", () => {
  expect(directive(CONTENT_SECURITY_POLICY, 'style-src')).toEqual(["'self'", stylesheetSource]);
});
