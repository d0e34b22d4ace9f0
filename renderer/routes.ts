/** Where the window is, kept in the URL hash so a reload comes back to the same place. */

export type Route = { name: 'desk' } | { name: 'trash' } | { name: 'story'; id: string };

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const story = /^\/story\/([^/]+)$/.exec(path);
  if (story?.[1]) return { name: 'story', id: decodeURIComponent(story[1]) };
  if (path === '/trash') return { name: 'trash' };
  return { name: 'desk' };
}

export function hashOf(route: Route): string {
  switch (route.name) {
    case 'story':
      return `#/story/${encodeURIComponent(route.id)}`;
    case 'trash':
      return '#/trash';
    case 'desk':
      return '#/';
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return hashOf(a) === hashOf(b);
}
