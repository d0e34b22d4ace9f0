import path from 'node:path';

/** The shared fixtures beside the checkout (`../shared/fixtures`), as CI lays them out. */
export const SHARED_FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures');
export const FIXTURE_PHOTOS = path.join(SHARED_FIXTURES, 'photos');
export const FIXTURE_ARTICLES = path.join(SHARED_FIXTURES, 'articles');
export const FIXTURE_DOCX = path.join(SHARED_FIXTURES, 'docx');

export function fixturePhoto(name: string): string {
  return path.join(FIXTURE_PHOTOS, name);
}
