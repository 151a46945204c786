import type { Media } from './types.js';

/**
 * The store's reads for sitemaps (site/sitemaps/); implemented in
 * store/queries/sitemaps.ts. Every read sees only what a search engine may
 * index: published, not dated in the future, and not marked noindex.
 */

/** A picture a story shows, with what an image sitemap can say about it. */
export type SitemapImage = Pick<Media, 'path' | 'width' | 'height' | 'variantWidths' | 'caption' | 'credit' | 'agency'>;

export interface SitemapPost {
  slug: string;
  updatedAt: string;
  /** The featured picture first, then the body's in the order they were added to the library. */
  images: SitemapImage[];
}

/** One numbered file of the article sitemaps. */
export interface SitemapFile {
  /** 1, 2, …: the oldest articles are in file 1. */
  number: number;
  /** Indexable articles in it; 0 when every article in its range is noindex. */
  urls: number;
  /** The newest `updatedAt` among them, or null when there are none. */
  lastmod: string | null;
}

/** An address in a sitemap, by slug: a page, a category, a tag or an author. */
export interface SitemapLink {
  slug: string;
  lastmod: string;
}

export type SitemapArchiveKind = 'category' | 'tag' | 'author';

/** When each sitemap other than the article files last changed; null when it would list nothing. */
export interface SitemapLastmods {
  /** The newest article's `updatedAt`: the home page changes when it does. */
  home: string | null;
  pages: string | null;
  category: string | null;
  tag: string | null;
  author: string | null;
}

export interface NewsSitemapEntry {
  slug: string;
  title: string;
  publishedAt: string;
}

export interface SitemapStore {
  /**
   * How the public articles fall into files of `perFile`, oldest first, so a
   * file keeps its articles as new ones arrive and only the last one grows.
   * Noindex articles keep their place (marking one does not move the others)
   * but are not counted in `urls`.
   */
  postFiles(input: { now: string; perFile: number }): Promise<SitemapFile[]>;
  /** The indexable articles of one file, oldest first, with their pictures; undefined past the last file. */
  postFile(input: { now: string; perFile: number; number: number }): Promise<SitemapPost[] | undefined>;
  /** Indexable pages (kind 'page'), oldest first, at most `limit`, and when the home page last changed. */
  pages(input: { now: string; limit: number }): Promise<{ homeLastmod: string | null; pages: SitemapLink[] }>;
  /**
   * Categories, tags or authors with at least one indexable article, by slug,
   * at most `limit`; `lastmod` is the `updatedAt` of the newest such article.
   */
  archives(input: { kind: SitemapArchiveKind; now: string; limit: number }): Promise<SitemapLink[]>;
  lastmods(input: { now: string }): Promise<SitemapLastmods>;
  /** Indexable articles published at or after `since` (and not after `now`), newest first, at most `limit`. */
  news(input: { now: string; since: string; limit: number }): Promise<NewsSitemapEntry[]>;
}
