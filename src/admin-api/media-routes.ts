import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError } from '../lib/errors.js';
import type { ImageIngest } from '../content/image-ingest.js';
import { MEDIA_MIME_TYPES, MEDIA_TEXT_FIELDS } from '../content/media-library-schemas.js';
import type { Media } from '../content/types.js';
import { largestImageUrl, mediaUrl } from '../render/media-urls.js';
import { variantsOf } from '../content/media-paths.js';
import type { OperationContext } from '../operations/context.js';
import { mediaUsage } from '../operations/media-library/media-usage.js';
import { searchMedia } from '../operations/media-library/search-media.js';
import { updateMediaDetails } from '../operations/media-library/update-media-details.js';
import { uploadMedia } from '../operations/media-library/upload-media.js';
import { requireCapability, staffOf } from './guard.js';
import { RecordId } from '../lib/record-id.js';

const tags = ['Media'];
const IdParams = Type.Object({ id: RecordId });
const Text = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));
const DetailsBody = Type.Object(
  { alt: Type.Optional(Type.String({ maxLength: 500 })), caption: Text(2000), credit: Text(200), agency: Text(200), licence: Text(500), title: Text(200) },
  { additionalProperties: false },
);
const SearchQuery = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 200 })),
    mimeType: Type.Optional(Type.Union(MEDIA_MIME_TYPES.map((t) => Type.Literal(t)))),
    uploadedBy: Type.Optional(RecordId),
    missingAlt: Type.Optional(Type.Boolean()),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

/** A picture as the newsroom shows it: its details and the addresses of its renditions. */
export function mediaView(media: Media, mediaBase: string) {
  const small = variantsOf(media, 'jpeg')[0];
  return {
    id: media.id,
    url: largestImageUrl(media, mediaBase),
    thumbnailUrl: mediaUrl(small ? small.path : media.path, mediaBase),
    width: media.width,
    height: media.height,
    mimeType: media.mimeType,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
    agency: media.agency,
    licence: media.licence,
    title: media.title ?? null,
    originalName: media.originalName ?? null,
    /** Who may edit the details follows from it: the uploader, or an editor; none for imported pictures. */
    uploadedBy: media.uploadedBy ?? null,
    createdAt: media.createdAt,
  };
}

/** How many detail fields an upload form may carry: the picture's own, each once, and a few to spare. */
const MAX_UPLOAD_FIELDS = 12;

/**
 * What a multipart parser's failure means for the client. @fastify/multipart
 * and busboy throw plain errors ("Unexpected end of form", "Boundary not
 * found", a limit reached); each is the client's mistake, said in words.
 */
function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (code === 'FST_FILES_LIMIT') return new AppError('BAD_REQUEST', 'Send one picture, in the "file" field', { cause: error });
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError('BAD_REQUEST', `The upload has too many fields: send the picture and at most ${MAX_UPLOAD_FIELDS} details`, { cause: error });
  }
  if (code === 'FST_PROTO_VIOLATION') {
    return new AppError('VALIDATION_FAILED', 'A field named "__proto__" or "constructor" is not a field this accepts', { issues: [{ path: '/__proto__', message: 'is not a field this accepts' }], cause: error });
  }
  if (/boundary/i.test(message)) return new AppError('BAD_REQUEST', 'The upload is not well-formed multipart/form-data: its boundary is missing', { cause: error });
  return new AppError('BAD_REQUEST', 'The upload was cut off or is not well-formed multipart/form-data; send it again', { cause: error });
}

/** The one file and the detail fields of a multipart upload; anything else is refused by name. */
async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; name: string; details: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'Send the picture as multipart/form-data with a "file" field');
  let file: { bytes: Buffer; name: string } | undefined;
  const details: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) throw new AppError('BAD_REQUEST', 'Send one picture, in the "file" field');
        const bytes = await part.toBuffer();
        file = { bytes, name: part.filename || 'upload' };
      } else if ((MEDIA_TEXT_FIELDS as string[]).includes(part.fieldname)) {
        // Longer than the form allows: cut by the parser, so refused here rather than kept cut.
        if (part.valueTruncated) throw new AppError('VALIDATION_FAILED', `"${part.fieldname}" is too long`, { issues: [{ path: `/details/${part.fieldname}`, message: 'is too long' }] });
        details[part.fieldname] = String(part.value);
      } else {
        throw new AppError('VALIDATION_FAILED', `"${part.fieldname}" is not a field this accepts`, { issues: [{ path: `/${part.fieldname}`, message: 'is not a field this accepts' }] });
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (!file) throw new AppError('VALIDATION_FAILED', 'Choose a picture to upload', { issues: [{ path: '/file', message: 'is required' }] });
  return { ...file, details };
}

/** The media library: upload (authors and up), search, edit details, see where a picture is used. */
export async function mediaRoutes(
  app: FastifyInstance,
  options: { context: OperationContext; images: ImageIngest; maxUploadBytes: number; mediaBase: string },
): Promise<void> {
  const { context } = options;
  // One byte over the limit is enough to know a file is too large; the operation words the refusal.
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: options.maxUploadBytes + 1, fields: MAX_UPLOAD_FIELDS, fieldSize: 4096 }, throwFileSizeLimit: false });

  app.post('/media', { schema: { tags, summary: 'Upload a picture (multipart/form-data: file, and optionally alt, caption, credit, agency, licence, title)', consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const staff = requireCapability(request, 'media.upload', 'upload pictures');
    const upload = await readUpload(request);
    const result = await uploadMedia({ ...context, images: options.images, maxUploadBytes: options.maxUploadBytes }, {
      bytes: upload.bytes,
      name: upload.name,
      uploadedBy: staff.id,
      details: upload.details,
    });
    return reply.code(201).send({ media: mediaView(result.media, options.mediaBase), prefilled: result.prefilled });
  });

  app.get('/media', { schema: { tags, summary: 'Search and filter the library, newest first', querystring: SearchQuery } }, async (request) => {
    staffOf(request);
    const query = request.query as Record<string, unknown>;
    const page = await searchMedia(context, { ...query, page: query.page ?? 1, perPage: query.perPage ?? 24 });
    return { items: page.items.map((media) => mediaView(media, options.mediaBase)), total: page.total };
  });

  app.patch<{ Params: { id: number } }>('/media/:id', { schema: { tags, summary: "Edit a picture's alt text, caption and credits; posts showing it are rendered again", params: IdParams, body: DetailsBody } }, async (request) => {
    const staff = requireCapability(request, 'media.upload', "edit pictures' details");
    // Whose picture it is is the operation's check, inside its transaction.
    const updated = await updateMediaDetails({ ...context, actor: staff }, { ...(request.body as object), id: request.params.id });
    return { media: mediaView(updated.media, options.mediaBase), rerenderedPostIds: updated.affectedPostIds };
  });

  app.get<{ Params: { id: number } }>('/media/:id/usage', { schema: { tags, summary: 'The posts that show a picture', params: IdParams } }, async (request) => {
    return { items: await mediaUsage({ ...context, actor: staffOf(request) }, request.params.id) };
  });
}
