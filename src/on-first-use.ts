/**
 * Every module Masthead loads on first use rather than at start, in one list.
 *
 * A serving process loads what reading the site needs (routes, templates,
 * the store) and nothing else: the code below costs it no start-up time and
 * no memory until a request, a job or a command first needs it. Code that
 * needs one of these awaits its entry (`(await onFirstUse.ampPage()).render…`);
 * nothing else in src/ imports them, statically or dynamically. Each entry
 * loads its module once per process.
 *
 * Two other kinds of dynamic import are not "first use" and stay where the
 * choice is made: a driver chosen by configuration (store/open-store.ts,
 * change-bus/open-change-bus.ts) and the command chosen on the command line
 * (cli/main.ts, cli/serve.ts, which loads the application only in a process
 * that serves).
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

export const onFirstUse = {
  /** The newsroom's API and app, built on its first request (app.ts, lazy-application.ts). */
  newsroomApp: once(() => import('./newsroom-app.js')),
  /** The WordPress REST API, built on its first request (app.ts). */
  wpJsonRoutes: once(() => import('./wp-json/routes.js')),
  /** The accounts code (sessions, argon2): a REST request carrying a staff session cookie. */
  sessions: once(() => import('./operations/accounts/sessions.js')),
  /** The AMP renderer: the first request for a mobile-version page. */
  ampPage: once(() => import('./site/amp/amp-page.js')),
  /** The feed writers and the HTML parser they use: the first feed request. */
  feedWriters: once(() => import('./site/feeds/writers.js')),
  /** Re-rendering a protected post for the reader whose password opens it (the body renderers and editorial modules): the first protected post asked for. */
  protectedPosts: once(() => import('./operations/protected-posts.js')),
  /** The editorial modules behind a draft's private preview link. */
  preview: once(() => import('./operations/editorial/preview.js')),
  /** sharp and the metadata reader: the first upload, import, picture-sizes job or demo seed. */
  sharpIngest: once(() => import('./media/sharp-ingest.js')),
  /** Making the missing sizes of pictures: when a picture-sizes job runs. */
  pictureSizes: once(() => import('./operations/media-library/picture-sizes.js')),
  /** The AWS SDK's S3 client: the first call to the bucket, only with MEDIA_STORAGE=s3. */
  awsS3: once(() => import('@aws-sdk/client-s3')),
  /** nodemailer: the first email, only with SMTP_URL set. */
  nodemailer: once(() => import('nodemailer')),
  /** The demo's reference article: seeding an empty store with MASTHEAD_DEMO on. */
  referenceArticle: once(() => import('./demo/reference-article.js')),
  /** Media storage for the demo seed when the caller has none open (the configured driver). */
  openMediaStorage: once(() => import('./media-storage/open-media-storage.js')),
};
