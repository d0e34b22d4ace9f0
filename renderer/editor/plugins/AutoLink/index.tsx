/** Web and mail addresses typed into the body become links, when they are addresses a story may carry. */
import { AutoLinkPlugin as LexicalAutoLinkPlugin } from '@lexical/react/LexicalAutoLinkPlugin';
import { autoLinkEmailMatcher, autoLinkUrlMatcher, type LinkMatcher } from '@lexical/link';
import { isStoryLink } from '../../links.js';

function storyLinksOnly(matcher: LinkMatcher): LinkMatcher {
  return (text) => {
    const match = matcher(text);
    return match !== null && isStoryLink(match.url) ? match : null;
  };
}

const MATCHERS: LinkMatcher[] = [storyLinksOnly(autoLinkUrlMatcher), storyLinksOnly(autoLinkEmailMatcher)];

export function AutoLinkPlugin() {
  return <LexicalAutoLinkPlugin matchers={MATCHERS} />;
}
