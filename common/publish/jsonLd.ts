/**
 * The story as schema.org NewsArticle structured data, for search engines and news aggregators.
 * Keys are written in one fixed order and empty facts are left out, so the same story always
 * gives the same JSON.
 */
import type { JsonValue } from './html.js';

export interface PersonLd {
  '@type': 'Person';
  name: string;
}
export interface OrganizationLd {
  '@type': 'Organization';
  name: string;
}

export interface ImageObjectLd {
  '@type': 'ImageObject';
  contentUrl?: string;
  width: number;
  height: number;
  caption?: string;
  creditText?: string;
  /** The photographers; the agency when no photographer is named. */
  creator?: (PersonLd | OrganizationLd)[];
  copyrightNotice?: string;
}

export interface NewsArticleLd {
  '@context': 'https://schema.org';
  '@type': 'NewsArticle';
  headline: string;
  description?: string;
  inLanguage: string;
  datePublished?: string;
  dateModified?: string;
  dateline?: string;
  articleSection?: string;
  author?: PersonLd[];
  image?: ImageObjectLd[];
}

/** The facts the page shows, already cleaned and typeset: the JSON says what the page says. */
export interface ArticleFacts {
  headline: string;
  description: string;
  language: string;
  datePublished: string | null;
  dateModified: string | null;
  dateline: string;
  section: string;
  authors: readonly string[];
  images: readonly ImageFacts[];
}

export interface ImageFacts {
  /** Omitted when the page inlines the image (a data: URI is no address to share). */
  contentUrl: string | null;
  width: number;
  height: number;
  caption: string;
  creditText: string;
  photographers: readonly string[];
  agency: string;
  copyright: string;
}

const person = (name: string): PersonLd => ({ '@type': 'Person', name });

function imageObject(image: ImageFacts): ImageObjectLd {
  const object: ImageObjectLd = { '@type': 'ImageObject' } as ImageObjectLd;
  if (image.contentUrl !== null) object.contentUrl = image.contentUrl;
  object.width = image.width;
  object.height = image.height;
  if (image.caption !== '') object.caption = image.caption;
  if (image.creditText !== '') object.creditText = image.creditText;
  if (image.photographers.length > 0) object.creator = image.photographers.map(person);
  else if (image.agency !== '') object.creator = [{ '@type': 'Organization', name: image.agency }];
  if (image.copyright !== '') object.copyrightNotice = image.copyright;
  return object;
}

export function newsArticle(facts: ArticleFacts): NewsArticleLd {
  const article: NewsArticleLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: facts.headline,
  } as NewsArticleLd;
  if (facts.description !== '') article.description = facts.description;
  article.inLanguage = facts.language;
  if (facts.datePublished !== null) article.datePublished = facts.datePublished;
  if (facts.dateModified !== null) article.dateModified = facts.dateModified;
  if (facts.dateline !== '') article.dateline = facts.dateline;
  if (facts.section !== '') article.articleSection = facts.section;
  if (facts.authors.length > 0) article.author = facts.authors.map(person);
  if (facts.images.length > 0) article.image = facts.images.map(imageObject);
  return article;
}

/** The article as a plain JSON value for the HTML builder. */
export function toJsonValue(article: NewsArticleLd): JsonValue {
  return article as unknown as JsonValue;
}
