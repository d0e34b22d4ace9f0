/** The banner that says what an opened package did, or why a dropped file was not opened. */
import { useApp } from '../app-context.js';
import { dismissShownPackage, type ShownPackage } from './arrivals.js';

export function PackageBanner({
  shown,
  storyOnScreen,
  onShowIncoming,
}: {
  shown: ShownPackage;
  /** The story open on this screen, if any: no "Open the story" for it. */
  storyOnScreen?: string;
  /** The package moved this open story forward under the editor: offered to show its text. */
  onShowIncoming?: () => void;
}) {
  const app = useApp();
  const dismiss = (
    <button type="button" className="quiet" onClick={() => dismissShownPackage(shown.id)} data-testid="package-banner-dismiss">
      Dismiss
    </button>
  );

  if (shown.kind === 'refused') {
    return (
      <div className="banner banner-warning package-banner" role="alert" data-testid="package-refused">
        <p>{shown.message}</p>
        <div className="banner-actions">{dismiss}</div>
      </div>
    );
  }

  const { arrival } = shown;
  const headline = arrival.story.headline.trim() || 'Untitled';
  return (
    <div className={`banner package-banner${arrival.outcome === 'conflict' ? ' banner-warning' : ''}`} role="status" data-testid="package-arrival">
      <p>
        <strong>Story package opened.</strong>{' '}
        {arrival.outcome !== 'created' && <>“{headline}”: </>}
        <span data-testid="package-arrival-message">{arrival.message}</span>
        {arrival.photos > 0 && ` It brought ${arrival.photos} ${arrival.photos === 1 ? 'photo' : 'photos'}.`}
      </p>
      <div className="banner-actions">
        {onShowIncoming && (
          <button type="button" className="primary" onClick={onShowIncoming} data-testid="package-show-incoming">
            Show the package’s version
          </button>
        )}
        {storyOnScreen !== arrival.story.id && (
          <button type="button" onClick={() => void app.go({ name: 'story', id: arrival.story.id })} data-testid="package-open-story">
            Open the story
          </button>
        )}
        {dismiss}
      </div>
    </div>
  );
}
