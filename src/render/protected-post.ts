import { attr, html, type SafeHtml } from '../lib/html.js';
import type { PageDetails, Teaser } from '../content/types.js';
import { urls } from './urls.js';

/**
 * A password-protected post (WordPress's "password protected" visibility)
 * as readers who have not given the password see it: its title, byline and
 * WordPress's form, and nothing the story says. Its stored card and page
 * details are made from what this leaves of them, so every reader of those
 * (lists, feeds, search results, structured data, the REST API) shows no
 * more than the page does.
 */

/** What WordPress says in place of a protected post's excerpt. */
export const PROTECTED_EXCERPT = 'There is no excerpt because this is a protected post.';

/** WordPress's words when the password given does not match. */
export const WRONG_PASSWORD = 'Invalid password.';

/** The teaser and page details with the story taken out: no excerpt, picture or sources. */
export function protectedView<C extends Pick<Teaser, 'excerpt' | 'image'>, P extends PageDetails>(input: { card: C; page: P }): { card: C; page: P } {
  return {
    card: { ...input.card, excerpt: PROTECTED_EXCERPT, image: null },
    page: { ...input.page, summary: PROTECTED_EXCERPT, sources: [], featuredMedia: null, isFeaturedInBody: false },
  };
}

/** WordPress's password form, posting to the post's own address; with `error`, it says so and marks the field. */
export function passwordForm(input: { slug: string; error?: string }): SafeHtml {
  // WordPress names the field after the post's id; stored fragments are rendered before a new post has one, so the slug it is.
  const field = `pwbox-${input.slug}`;
  const errorId = `error-${field}`;
  return html`<form action="${urls.post(input.slug)}" class="post-password-form${input.error ? ' password-form-error' : ''}" method="post">${
    input.error ? html`<div class="post-password-form-invalid-password" role="alert"><p id="${errorId}">${input.error}</p></div>` : ''
  }<p>This content is password protected. To view it please enter your password below:</p><p><label for="${field}">Password:</label> <input name="post_password" id="${field}" type="password" autocomplete="current-password" spellcheck="false" size="20" required${attr(
    'aria-describedby',
    input.error ? errorId : undefined,
  )}${input.error ? html` aria-invalid="true"` : ''}> <button type="submit">Enter</button></p></form>`;
}
