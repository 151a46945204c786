/**
 * The newsroom's operations, for the admin API and anything else that edits
 * posts. Each takes `{ store, clock, actor }` and unchecked input, and
 * reports refusals as AppError with field paths. Roles are not checked here.
 */
export type { Actor, EditorialContext } from './context.js';
export { updatePost } from './update-post.js';
export { SaveConflict, type StoredSave } from './save-conflict.js';
export { listRevisions, readRevision, restoreRevision } from './revisions.js';
export { diffRevisions, type FieldDiff, type RevisionDiff } from './revision-diff.js';
export type { DiffPart } from './readable-diff.js';
export { autosavePost, readAutosave, type AutosaveState } from './autosave.js';
export { approveAndPublish, readReviewNote, schedule, sendBack, submitForReview, unpublish, type ReviewNote } from './workflow.js';
export { publishDuePosts, type PublishReport } from './publish-due.js';
export { startScheduler, type SchedulerOptions } from './scheduler.js';
export { createPreviewToken, readPreview, revokePreviewTokens, type Preview } from './preview.js';
export { postsShowing, rerenderPosts, rerenderPostsShowing, type RerenderReport } from './rerender.js';
export { listPostsForNewsroom, type NewsroomPage } from './newsroom-list.js';
