/**
 * Heavy libraries loaded the first time they are needed, not when the engine starts: sharp's
 * native libvips, exifr and mammoth together cost about half a second of start-up on a busy
 * laptop, and most commands and sessions never resize a photo or open a Word file.
 */
import type sharpModule from 'sharp';
import type exifrModule from 'exifr';
import type mammothModule from 'mammoth';

let sharp: Promise<typeof sharpModule> | undefined;
let exifr: Promise<typeof exifrModule> | undefined;
let mammoth: Promise<typeof mammothModule> | undefined;

export function loadSharp(): Promise<typeof sharpModule> {
  return (sharp ??= import('sharp').then((m) => m.default));
}

export function loadExifr(): Promise<typeof exifrModule> {
  return (exifr ??= import('exifr').then((m) => m.default));
}

export function loadMammoth(): Promise<typeof mammothModule> {
  return (mammoth ??= import('mammoth').then((m) => (m as unknown as { default?: typeof mammothModule }).default ?? (m as unknown as typeof mammothModule)));
}
