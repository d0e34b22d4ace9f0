/** Which link addresses a story may carry, and how a typed address becomes one. */
import { isSafeUrl } from '../../common/document.js';

const ALLOWED_SCHEME = /^(https?:|mailto:|tel:)/i;

/**
 * True for addresses a reader can follow from the published story: http, https, mailto and tel
 * only. Fragments and relative paths are refused too: they mean nothing outside the page they
 * were copied from.
 */
export function isStoryLink(url: string): boolean {
  const trimmed = url.trim();
  return ALLOWED_SCHEME.test(trimmed) && isSafeUrl(trimmed);
}

/**
 * What a reporter types into the link box, made into an address: "example.com/report" gets
 * https://, "desk@example.com" gets mailto:. Returns null when it cannot be a story link.
 */
export function linkFromTyped(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return null;
  let candidate = text;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) candidate = `mailto:${text}`;
    else if (/^\+?[\d\s().-]{6,}$/.test(text)) candidate = `tel:${text.replace(/[\s().-]/g, '')}`;
    else if (/^[^\s/]+\.[^\s/]+/.test(text)) candidate = `https://${text}`;
    else return null;
  }
  return isStoryLink(candidate) ? candidate : null;
}
