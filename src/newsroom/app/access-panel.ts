import { put } from './api.js';
import { h, replace } from './dom.js';
import { announce, clearAlert, showError } from './feedback.js';
import { button, checkboxField, textField } from './fields.js';
import type { EditablePost } from './post-types.js';
import { signedInUser, userCan } from './session.js';

/**
 * Who may read the post and whether it leads the home page: WordPress's
 * "password protected" visibility and "stick to the top". Set apart from the
 * post's fields (PUT /posts/{id}/access), at once, without a revision. Hiding
 * the sticky box from those who may not publish the post is for clarity
 * only: the server refuses it.
 */
export function accessPanel(options: { alert: HTMLElement; current: () => EditablePost | null; updated: (post: EditablePost) => void }): {
  element: HTMLElement;
  draw(): void;
} {
  const password = textField({
    name: 'password',
    label: 'Password',
    autocomplete: 'off',
    maxLength: 255,
    hint: 'Readers must give it to read the story. Leave it empty for everyone.',
  });
  const sticky = checkboxField({ name: 'isSticky', label: 'Stick to the top of the home page' });
  const update = button('Update visibility', () => void save());
  const body = h('div', { class: 'stack' });
  const element = h('section', { class: 'access-panel stack', 'aria-labelledby': 'visibility-heading' }, h('h2', { id: 'visibility-heading' }, 'Visibility'), body);
  // Enter in the password field sets the password; it does not save the whole story.
  password.control.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void save();
  });

  async function save(): Promise<void> {
    const post = options.current();
    if (!post) return;
    clearAlert(options.alert);
    try {
      const answer = await put<{ post: EditablePost }>(`/posts/${post.id}/access`, { password: password.control.value || null, isSticky: sticky.control.checked });
      options.updated(answer.post);
      announce(answer.post.password ? 'The story is now password protected.' : 'Visibility updated.');
    } catch (error) {
      showError(options.alert, error, element);
    }
  }

  function draw(): void {
    const post = options.current();
    if (!post) {
      replace(body, h('p', { class: 'hint' }, 'Save the story first.'));
      return;
    }
    const me = signedInUser();
    const canPublish = userCan('posts.edit-others') || (userCan('posts.publish-own') && me !== undefined && post.authorIds.includes(me.id));
    password.control.value = post.password ?? '';
    sticky.control.checked = post.isSticky;
    replace(body, password.element, post.kind === 'article' && canPublish ? sticky.element : null, h('div', { class: 'actions' }, update));
  }
  return { element, draw };
}
