/**
 * The page as it will be published, shown in a frame that can do nothing: `sandbox=""` (no
 * allow-scripts, no allow-same-origin) gives it an opaque origin, no script, no forms, no popups
 * and no way to reach this window or the bridge. The page is given as `srcdoc`, never a URL.
 *
 * A srcdoc document keeps the app's Content-Security-Policy (as well as its own), so the page's
 * one inline stylesheet must be allowed by its hash in renderer/index.html and main's app://
 * header; tests/e2e/publishCsp.spec.ts recomputes that hash from PAGE_STYLESHEET.
 */
export function PreviewPane({ html }: { html: string }) {
  return <iframe className="publish-preview-frame" sandbox="" srcDoc={html} title="Preview as published" data-testid="preview-frame" />;
}
