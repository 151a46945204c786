/**
 * Newsroom roles, with WordPress's meanings so that people (and imported
 * sites) keep what they know: a contributor writes and submits, an author
 * publishes their own, an editor runs everyone's, an administrator also runs
 * the site and its people.
 */
export const ROLES = ['contributor', 'author', 'editor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const CAPABILITIES = [
  /** Write drafts and edit one's own unpublished posts; submit them for review. */
  'posts.write-own',
  /** Publish, schedule and edit one's own posts, published or not. */
  'posts.publish-own',
  /** Edit, schedule, publish and send back anyone's posts. */
  'posts.edit-others',
  /** Write, edit and publish pages (About, Contact): the site's own top-level addresses, an editor's in WordPress (edit_pages). */
  'pages.write',
  /** Upload pictures and edit the details of those one uploaded. */
  'media.upload',
  /** Edit the details of anyone's pictures, and of those with no uploader (imported, demo): a picture in someone else's story is theirs to change only through an editor. */
  'media.edit-others',
  /** Categories, tags (merge too) and comments. */
  'terms.manage',
  /** Redirects from old addresses: the site's structure, run by those who run its sections (writers get none, as in WordPress's Redirection plugin). */
  'redirects.manage',
  /** See the background jobs (re-renders, picture sizes) with their progress and errors, and retry a failed one: those who make the changes that queue them. */
  'jobs.manage',
  /** Invite people, change roles, deactivate accounts. */
  'users.manage',
  /** Site settings: title, logo, time zone, menus, mobile version, feeds. */
  'settings.manage',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const GRANTS: Record<Role, readonly Capability[]> = {
  contributor: ['posts.write-own'],
  author: ['posts.write-own', 'posts.publish-own', 'media.upload'],
  editor: ['posts.write-own', 'posts.publish-own', 'posts.edit-others', 'pages.write', 'media.upload', 'media.edit-others', 'terms.manage', 'redirects.manage', 'jobs.manage'],
  administrator: CAPABILITIES,
};

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Someone signed in to the newsroom, as every staff operation sees them. */
export interface Staff {
  id: number;
  name: string;
  email: string;
  role: Role;
}
