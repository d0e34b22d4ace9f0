/**
 * The renderer is served from `app://newsroom/`, a privileged custom scheme, never from file://
 * (https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 * Only files inside the renderer folder are served, and every response carries the
 * Content-Security-Policy, so a page that somehow gets HTML injected still cannot run foreign script.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ElectronApi } from './electronApi.js';
import type { Rendition } from '../../common/photo.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'newsroom';
export const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
export const MEDIA_SCHEME = 'newsroom-media';

/**
 * Everything the page loads comes from the app itself; pictures may also come from the media
 * scheme and from data:/blob: URLs the editor makes while pasting. No plugins, no frames, no
 * <base>, no form posts, and no other site may frame the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The preview frame (srcdoc) inherits this policy: its one stylesheet is allowed by its hash
  // (tests/e2e/publishCsp.spec.ts recomputes it from PAGE_STYLESHEET).
  "style-src 'self' 'sha256-4uXfAPumF1Urp2xHGAfqqrvkV4f31HvXeYTGVdn5Nic='",
  "img-src 'self' data: blob: newsroom-media:",
  "media-src 'self' blob: newsroom-media:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Photos are loaded by the page at app://newsroom from newsroom-media://photo, another origin (and,
 * the schemes differing, another site): `same-origin` would let Chromium block them. Only
 * Newsroom's own locked-down page can ever ask for them, and they carry no metadata.
 */
const MEDIA_RESOURCE_POLICY: Record<string, string> = { 'Cross-Origin-Resource-Policy': 'cross-origin' };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app is ready: Electron only accepts privileged schemes then. */
export function registerAppScheme(protocol: ElectronApi['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs and a real origin ('self' in the CSP); secure: treated like https;
    // supportFetchAPI: the page may fetch() its own files.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // Stored photos: the page loads them as <img src="newsroom-media://photo/<sha256>/display">.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Is this URL a page of our own app (app://newsroom/...)? */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // Not `origin`: Node's URL gives 'null' as the origin of custom schemes.
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file inside `rendererDir` that a URL path names, or null if the path would lead outside it
 * (`..`, encoded slashes, absolute or drive paths, NUL bytes).
 */
export function rendererFileFor(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const relative = decoded.replace(/^[/\\]+/, '');
  const file = path.resolve(root, relative === '' ? 'index.html' : relative);
  return isInside(root, file) ? file : null;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The `protocol.handle` handler that serves the built renderer. */
export function createRendererHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, `${request.method} is not allowed on Newsroom's own pages`);
    }
    if (!isAppUrl(request.url)) return plainResponse(404, 'Newsroom serves only app://newsroom/');
    const file = rendererFileFor(root, new URL(request.url).pathname);
    if (file === null) return plainResponse(403, 'That path leads outside the Newsroom app and is refused');
    try {
      // A symlink inside the renderer folder must not lead out of it either.
      realRoot ??= fs.realpath(root);
      if (!isInside(await realRoot, await fs.realpath(file))) {
        return plainResponse(403, 'That path leads outside the Newsroom app and is refused');
      }
      const body = await fs.readFile(file);
      const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentType },
      });
    } catch (error) {
      realRoot = undefined;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        return plainResponse(404, `${path.relative(root, file)} is not part of the Newsroom app (was the renderer built?)`);
      }
      return plainResponse(500, `Newsroom could not read ${path.relative(root, file)}: ${(error as Error).message}`);
    }
  };
}

export function serveRenderer(protocol: ElectronApi['protocol'], rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}

/** The part of the media service the photo protocol needs. */
export interface MediaFiles {
  renditionFile(id: string, rendition: Rendition): Promise<string>;
}

/**
 * The `newsroom-media://photo/<sha256>/<display|thumb>` handler: only display copies (which carry
 * no metadata) are ever served; originals, with their GPS and serial numbers, never are.
 */
export function createMediaHandler(media: MediaFiles): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, `${request.method} is not allowed on photos`);
    }
    const url = new URL(request.url);
    const match = /^\/([0-9a-f]{64})\/(display|thumb)$/.exec(url.pathname);
    if (url.protocol !== `${MEDIA_SCHEME}:` || url.host !== 'photo' || !match) {
      return plainResponse(404, 'Not a Newsroom photo address');
    }
    try {
      const file = await media.renditionFile(match[1] as string, match[2] as Rendition);
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, ...MEDIA_RESOURCE_POLICY, 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=31536000, immutable' },
      });
    } catch (error) {
      return plainResponse(404, `Photo not found: ${(error as Error).message}`);
    }
  };
}

export function serveMedia(protocol: ElectronApi['protocol'], media: MediaFiles): void {
  protocol.handle(MEDIA_SCHEME, createMediaHandler(media));
}
