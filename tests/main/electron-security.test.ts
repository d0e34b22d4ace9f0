import { afterEach, describe, expect, it } from 'vitest';
import { StubEvent, StubWebContents, startStubbedApp, type StubbedApp } from '../helpers/electronStub.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function started(): Promise<StubbedApp> {
  const app = await startStubbedApp();
  cleanups.push(app.cleanup);
  return app;
}

describe('the page cannot leave the app', () => {
  it('may move between its own app://newsroom pages', async () => {
    const { contents } = await started();
    expect(contents.navigate('app://newsroom/index.html#/story/1')).toBe(true);
  });

  it.each(['https://evil.example/', 'http://example.com/', 'file:///etc/passwd', 'app://elsewhere/index.html', 'javascript:alert(1)', 'not a url'])(
    'is refused navigation to %s',
    async (url) => {
      const { contents } = await started();
      expect(contents.navigate(url)).toBe(false);
    },
  );

  it.each([
    ['https://evil.example/', true],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['about:blank', true],
    ['about:srcdoc', true],
  ])('no frame may go to %s (main frame: %s)', async (url, isMainFrame) => {
    const { contents } = await started();
    expect(contents.frameNavigate(url, isMainFrame)).toBe(false);
  });

  it('lets the preview frame show its inline page, and the window its own pages', async () => {
    const { contents } = await started();
    expect(contents.frameNavigate('about:srcdoc', false)).toBe(true);
    expect(contents.frameNavigate('app://newsroom/index.html', true)).toBe(true);
  });

  it('may not attach a <webview>', async () => {
    const { contents } = await started();
    expect(contents.attachWebview()).toBe(false);
  });

  it('opens no new windows; a web link goes to the system browser', async () => {
    const { contents, electron } = await started();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://www.example.org/council-budget')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(electron.recorded.openedExternally).toEqual(['https://www.example.org/council-budget', 'http://example.com/']);
    expect(electron.windows).toHaveLength(1);
  });

  it.each(['file:///Applications/Calculator.app', 'smb://server/share', 'javascript:alert(1)', 'app://newsroom/index.html', 'mailto:desk@example.com', 'ms-msdt:/id'])(
    'never hands %s to the system',
    async (url) => {
      const { contents, electron } = await started();
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(electron.recorded.openedExternally).toEqual([]);
    },
  );

  it('locks down every web contents created later, not only the window', async () => {
    const { electron } = await started();
    const later = new StubWebContents();
    electron.app.emit('web-contents-created', new StubEvent(), later);
    expect(later.navigate('https://evil.example/')).toBe(false);
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('browser permissions', () => {
  it('are all refused, asked or checked', async () => {
    const { electron } = await started();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      electron.recorded.permissionRequestHandler?.(null, permission, (granted) => answers.push(granted));
      answers.push(electron.recorded.permissionCheckHandler?.(null, permission) ?? true);
    }
    expect(answers).toEqual(Array(10).fill(false));
  });
});
