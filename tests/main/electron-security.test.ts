import { describe, expect } from 'vitest';
import { StubEvent, StubWebContents, it } from '../helpers/electronStub.js';



describe('the page cannot leave the app', () => {
  it('may move between its own app://newsroom pages', async ({ startApp }) => {
    const { contents } = await startApp();
    expect(contents.navigate('app://newsroom/index.html#/story/1')).toBe(true);
  });

  it.for(['https://evil.example/', 'http://example.com/', 'file:///etc/passwd', 'app://elsewhere/index.html', 'javascript:alert(1)', 'not a url'])('is refused navigation to %s', async (url, { startApp }) => {
      const { contents } = await startApp();
      expect(contents.navigate(url)).toBe(false);
    },
  );

  it.for<[string, boolean]>([
    ['https://evil.example/', true],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['about:blank', true],
    ['about:srcdoc', true],
  ])('no frame may go to %s (main frame: %s)', async ([url, isMainFrame], { startApp }) => {
    const { contents } = await startApp();
    expect(contents.frameNavigate(url, isMainFrame)).toBe(false);
  });

  it('lets the preview frame show its inline page, and the window its own pages', async ({ startApp }) => {
    const { contents } = await startApp();
    expect(contents.frameNavigate('about:srcdoc', false)).toBe(true);
    expect(contents.frameNavigate('app://newsroom/index.html', true)).toBe(true);
  });

  it('may not attach a <webview>', async ({ startApp }) => {
    const { contents } = await startApp();
    expect(contents.attachWebview()).toBe(false);
  });

  it('opens no new windows; a web link goes to the system browser', async ({ startApp }) => {
    const { contents, electron } = await startApp();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://www.example.org/council-budget')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(electron.recorded.openedExternally).toEqual(['https://www.example.org/council-budget', 'http://example.com/']);
    expect(electron.windows).toHaveLength(1);
  });

  it.for(['file:///Applications/Calculator.app', 'smb://server/share', 'javascript:alert(1)', 'app://newsroom/index.html', 'mailto:desk@example.com', 'ms-msdt:/id'])('never hands %s to the system', async (url, { startApp }) => {
      const { contents, electron } = await startApp();
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(electron.recorded.openedExternally).toEqual([]);
    },
  );

  it('locks down every web contents created later, not only the window', async ({ startApp }) => {
    const { electron } = await startApp();
    const later = new StubWebContents();
    electron.app.emit('web-contents-created', new StubEvent(), later);
    expect(later.navigate('https://evil.example/')).toBe(false);
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('browser permissions', () => {
  it('are all refused, asked or checked', async ({ startApp }) => {
    const { electron } = await startApp();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      electron.recorded.permissionRequestHandler?.(null, permission, (granted) => answers.push(granted));
      answers.push(electron.recorded.permissionCheckHandler?.(null, permission) ?? true);
    }
    expect(answers).toEqual(Array(10).fill(false));
  });
});
