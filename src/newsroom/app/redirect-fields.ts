import { ApiError, get } from './api.js';
import { h, replace } from './dom.js';
import { button, radioGroup, selectField, textField } from './fields.js';
import { valueOf } from './forms.js';
import type { PostListPage } from './post-types.js';
import { STATUS_CHOICES, readableAddress, type RedirectItem } from './redirect-types.js';

export interface RedirectFields {
  elements: HTMLElement[];
  /** What the form says, as the API takes it: toPath or postId, never both. */
  input(form: HTMLFormElement): Record<string, unknown>;
}

/**
 * The old address, where it leads (an address, or a post found by its title)
 * and the kind of redirect: the add form's fields and an inline edit's. Each
 * control is named after its API field, so a refused one is marked in place.
 */
export function redirectFields(redirect?: RedirectItem): RedirectFields {
  const isPost = redirect?.postId !== null && redirect?.postId !== undefined;
  const from = textField({ name: 'fromPath', label: 'Old address', value: redirect ? readableAddress(redirect.fromPath) : '', isRequired: true, maxLength: 2000, hint: 'A path such as /2019/05/old-story/ or /?p=123, or the full old URL.' });
  const kind = radioGroup({ name: 'targetKind', label: 'Leads to', value: isPost ? 'post' : 'path', choices: [{ value: 'path', label: 'An address' }, { value: 'post', label: 'A post' }] });

  const to = textField({ name: 'toPath', label: 'New address', value: redirect?.toPath ? readableAddress(redirect.toPath) : '', maxLength: 2000, hint: 'A path on this site (/category/music/) or a full address (https://…).' });
  const pathBox = h('div', { class: 'stack' }, to.element);

  const current = redirect?.post ? [{ value: String(redirect.post.id), label: redirect.post.title }] : [];
  const post = selectField({ name: 'postId', label: 'Post', choices: current.length > 0 ? current : [{ value: '', label: 'Find a post first' }], value: redirect?.postId });
  const search = textField({ name: 'postText', label: 'Find a post', type: 'search', hint: 'Words from its title; then choose it below.' });
  const find = async () => {
    const { items } = await get<PostListPage>('/posts', { text: search.control.value.trim(), perPage: 20 });
    const choices = items.filter((item) => item.status !== 'trashed').map((item) => h('option', { value: item.id }, item.status === 'published' ? item.title : `${item.title} (${item.status})`));
    replace(post.control, choices.length > 0 ? choices : h('option', { value: '' }, 'No post matches'));
  };
  const findButton = button('Find post', () => void find());
  // Enter in the search field finds posts instead of sending the whole form.
  search.control.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void find();
  });
  const postBox = h('div', { class: 'stack' }, h('div', { class: 'inline-form' }, search.element, findButton), post.element);

  const showKind = () => {
    const isPostChosen = kind.value() === 'post';
    pathBox.hidden = isPostChosen;
    postBox.hidden = !isPostChosen;
  };
  kind.element.addEventListener('change', showKind);
  showKind();

  const status = selectField({ name: 'statusCode', label: 'Kind of redirect', choices: STATUS_CHOICES, value: String(redirect?.statusCode ?? 301) });
  return {
    elements: [from.element, kind.element, pathBox, postBox, status.element],
    input(form) {
      let target: Record<string, unknown>;
      if (kind.value() === 'post') {
        const postId = Number(valueOf(form, 'postId'));
        if (!postId) throw new ApiError(0, 'VALIDATION_FAILED', 'Choose the post the old address leads to.', [{ path: '/postId', message: 'find the post and choose it' }]);
        target = { postId };
      } else {
        // Left out when empty, so the server says what is missing rather than how long it must be.
        target = valueOf(form, 'toPath') ? { toPath: valueOf(form, 'toPath') } : {};
      }
      return { fromPath: valueOf(form, 'fromPath'), ...target, statusCode: Number(valueOf(form, 'statusCode')) };
    },
  };
}
