export type EmbedProvider = 'youtube' | 'x' | 'instagram' | 'tiktok';

export interface EmbedTarget {
  provider: EmbedProvider;
  /** The provider's own id for the item: a YouTube video id, a tweet id, an Instagram shortcode, a TikTok video id. */
  id: string;
}

const PATTERNS: Array<[EmbedProvider, RegExp]> = [
  ['youtube', /^https:\/\/(?:www\.|m\.)?youtube\.com\/(?:watch\?(?:.*&)?v=|shorts\/|embed\/)([\w-]{6,20})/],
  ['youtube', /^https:\/\/youtu\.be\/([\w-]{6,20})/],
  ['x', /^https:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/\w{1,15}\/status\/(\d{1,25})/],
  ['instagram', /^https:\/\/(?:www\.)?instagram\.com\/(?:p|reel|tv)\/([\w-]{5,40})/],
  ['tiktok', /^https:\/\/(?:www\.)?tiktok\.com\/@[\w.-]{1,40}\/video\/(\d{5,25})/],
];

/** Which provider an embed URL belongs to, or undefined when it is none we support. */
export function embedProvider(url: string): EmbedTarget | undefined {
  for (const [provider, pattern] of PATTERNS) {
    const match = pattern.exec(url);
    if (match) return { provider, id: match[1]! };
  }
  return undefined;
}

export const EMBED_PROVIDER_NAMES: Record<EmbedProvider, string> = {
  youtube: 'YouTube',
  x: 'X',
  instagram: 'Instagram',
  tiktok: 'TikTok',
};
