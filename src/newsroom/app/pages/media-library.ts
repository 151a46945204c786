import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { button, checkboxField, selectField, textField } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { openMediaDetails } from '../media-details.js';
import { uploadForm } from '../media-upload.js';
import { creditOf, mediaName, type MediaItem, type MediaPage } from '../media-types.js';
import { pageHeading, type PageContext } from '../page.js';
import { pageNumber, pager, withQuery } from '../pager.js';
import { navigate } from '../router.js';
import { userCan } from '../session.js';

const PER_PAGE = 30;
// The upload types the library accepts (content/media-library-schemas.ts, which the bundle leaves out: it brings the schema compiler).
const MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'];
const TYPE_CHOICES = [{ value: '', label: 'Any type' }, ...MIME_TYPES.map((type) => ({ value: type, label: type.replace('image/', '').toUpperCase() }))];

/** The library: upload, find (words, type, missing alt text), edit a picture's details and see where it is used. */
export async function mediaPage({ root, alert, query }: PageContext): Promise<void> {
  const page = pageNumber(query);
  const filters = { text: query.get('text') ?? '', mimeType: query.get('mimeType') ?? '', missingAlt: query.get('missingAlt') === 'true' ? 'true' : '' };
  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find pictures' },
    textField({ name: 'text', label: 'Search pictures', type: 'search', value: filters.text, hint: 'Words in the alt text, caption, credit or title.' }).element,
    selectField({ name: 'mimeType', label: 'Type', choices: TYPE_CHOICES, value: filters.mimeType }).element,
    checkboxField({ name: 'missingAlt', label: 'Only pictures with no alt', hint: 'Pictures still waiting for their alt text.', isChecked: filters.missingAlt === 'true' }).element,
    button('Filter', null, { isSubmit: true }),
  );
  onSubmit(filter, alert, async () => {
    const missingAlt = (filter.elements.namedItem('missingAlt') as HTMLInputElement).checked ? 'true' : '';
    navigate(withQuery('/admin/media', { text: valueOf(filter, 'text'), mimeType: valueOf(filter, 'mimeType'), missingAlt }));
  });

  const results = h('div');
  async function draw(): Promise<void> {
    const found = await get<MediaPage>('/media', { ...filters, page, perPage: PER_PAGE });
    const card = (media: MediaItem) =>
      h(
        'li',
        { class: 'media-card' },
        h('img', { src: media.thumbnailUrl || media.url, alt: '', width: 160, height: Math.round((160 * media.height) / Math.max(media.width, 1)), loading: 'lazy' }),
        h('p', null, mediaName(media)),
        h('p', { class: 'hint' }, [`${media.width} × ${media.height}`, creditOf(media), media.alt ? '' : 'No alt text'].filter(Boolean).join(' · ')),
        h('button', { type: 'button', class: 'button', 'aria-label': `Details of ${mediaName(media)}`, onclick: () => openMediaDetails({ media, onSaved: draw }) }, 'Details'),
      );
    replace(
      results,
      h('p', { role: 'status' }, `${found.total} ${found.total === 1 ? 'picture' : 'pictures'}`),
      h('ul', { class: 'media-grid' }, found.items.map(card)),
      pager({ total: found.total, page, perPage: PER_PAGE, label: 'Pages of pictures', hrefFor: (n) => withQuery('/admin/media', { ...filters, page: n }) }),
    );
  }

  replace(
    root,
    pageHeading('Media library'),
    userCan('media.upload') ? [h('h2', null, 'Upload a picture'), uploadForm({ alert, onUploaded: () => (page === 1 ? draw() : navigate('/admin/media')) })] : null,
    h('h2', null, 'Pictures'),
    filter,
    results,
  );
  await draw();
}
