import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, MEDIA_SCHEME, START_URL, createRendererHandler, rendererFileFor } from '../../main/electron/protocol.js';
import { photoUrl } from '../../common/photo.js';
import { FIXTURE_PHOTOS } from '../helpers/fixtures.js';
import { startStubbedApp, it } from '../helpers/electronStub.js';
import { tempDataDir } from '../helpers/dataDir.js';

let temp: { dir: string; cleanup: () => void };
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeEach(() => {
  temp = tempDataDir('newsroom-protocol-');
  rendererDir = path.join(temp.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="/assets/index.js"></script>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'console.log("desk")');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index.css'), 'body{}');
  fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'the newsroom database password');
  serve = createRendererHandler(rendererDir);
});
afterEach(() => temp.cleanup());

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app://newsroom', () => {
  it('serves the renderer files with their content type', async () => {
    const page = await get(START_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script type="module"');
    const script = await get('app://newsroom/assets/index.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://newsroom/assets/index.css')).headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await (await get('app://newsroom/')).text()).toContain('<!doctype html>');
  });

  it('puts the strict Content-Security-Policy on every response, errors included', async () => {
    const responses = await Promise.all([
      get(START_URL),
      get('app://newsroom/assets/index.js'),
      get('app://newsroom/missing.js'),
      get('app://newsroom/..%2fsecret.txt'),
      get('app://newsroom/index.html', 'POST'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 403, 405]);
    for (const response of responses) {
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  it('has a policy that allows only our own script and forbids plugins, <base> and framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('img-src')).toBe("'self' data: blob: newsroom-media:");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it.each([
    'app://newsroom/..%2fsecret.txt',
    'app://newsroom/%2e%2e%2fsecret.txt',
    'app://newsroom/assets/..%2f..%2fsecret.txt',
    'app://newsroom/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://newsroom/%2F..%2Fsecret.txt',
    'app://newsroom/..%5csecret.txt',
    'app://newsroom/index.html%00.js',
    'app://newsroom/%E0%A4%A',
  ])('refuses %s, which leads outside the renderer', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('password');
  });

  it('refuses a symlink that leads outside the renderer', async () => {
    fs.symlinkSync(path.join(temp.dir, 'secret.txt'), path.join(rendererDir, 'assets', 'linked.txt'));
    const response = await get('app://newsroom/assets/linked.txt');
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('password');
  });

  it('answers only for the newsroom host, and only GET and HEAD', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get(START_URL, 'PUT')).status).toBe(405);
    const head = await get(START_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('rendererFileFor resolves inside the folder only', () => {
    const root = path.resolve('/srv/renderer');
    expect(rendererFileFor(root, '/')).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor(root, '/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
    expect(rendererFileFor(root, '/../renderer-evil/x')).toBeNull();
    expect(rendererFileFor(root, '/%2e%2e/x')).toBeNull();
    expect(rendererFileFor(root, '//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });
});

describe('the app registers the scheme', () => {
  it('as privileged before ready, and serves app/dist/renderer through it', async () => {
    const app = await startStubbedApp();
    try {
      expect(app.electron.recorded.privilegedSchemes).toEqual([
        { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
        { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]);
      expect(app.electron.recorded.protocolHandlers.has(MEDIA_SCHEME)).toBe(true);
      const handler = app.electron.recorded.protocolHandlers.get(APP_SCHEME);
      const response = await handler?.(new Request(START_URL));
      expect(response?.status).toBe(200);
      expect(await response?.text()).toContain('<title>Newsroom</title>');
      expect(response?.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    } finally {
      await app.cleanup();
    }
  });
});

describe('the photo scheme', () => {
  it('serves display copies of stored photos and nothing else', async () => {
    const app = await startStubbedApp();
    try {
      const bytes = fs.readFileSync(path.join(FIXTURE_PHOTOS, 'iptc-staff-photographer-example.jpg'));
      const imported = await app.call('media:import', { name: 'farm.jpg', bytes: new Uint8Array(bytes) });
      const serve = app.electron.recorded.protocolHandlers.get(MEDIA_SCHEME);
      const ok = await serve?.(new Request(photoUrl(imported.photo.id, 'display')));
      expect(ok?.status).toBe(200);
      expect(ok?.headers.get('Content-Type')).toBe('image/jpeg');
      expect(ok?.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      const served = Buffer.from(await ok!.arrayBuffer());
      expect(served.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(served.equals(bytes)).toBe(false); // a display copy, never the original
      for (const url of [
        `newsroom-media://photo/${imported.photo.id}/original`,
        `newsroom-media://photo/${imported.photo.id}/../../newsroom.db`,
        'newsroom-media://photo/../../etc/passwd/display',
        `newsroom-media://other/${imported.photo.id}/display`,
        `newsroom-media://photo/${'0'.repeat(64)}/display`,
      ]) {
        const refused = await serve?.(new Request(url));
        expect(refused?.status, url).toBe(404);
      }
    } finally {
      await app.cleanup();
    }
  });
  it('lets the page at app://newsroom, another origin, load the photos, while its own files stay same-origin', async () => {
    const app = await startStubbedApp();
    try {
      const bytes = fs.readFileSync(path.join(FIXTURE_PHOTOS, 'iptc-staff-photographer-example.jpg'));
      const imported = await app.call('media:import', { name: 'farm.jpg', bytes: new Uint8Array(bytes) });
      const photo = await app.electron.recorded.protocolHandlers.get(MEDIA_SCHEME)?.(new Request(photoUrl(imported.photo.id, 'thumb')));
      expect(photo?.status).toBe(200);
      // same-origin would let Chromium refuse the photo to app://newsroom (a different origin).
      expect(photo?.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
      const page = await app.electron.recorded.protocolHandlers.get(APP_SCHEME)?.(new Request(START_URL));
      expect(page?.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    } finally {
      await app.cleanup();
    }
  });
});
