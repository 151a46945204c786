import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Store } from '../../../src/content/store.js';
import type { Media } from '../../../src/content/types.js';
import { createSharpIngest } from '../../../src/media/sharp-ingest.js';
import { testClock, TEST_NOW } from '../../helpers/factories.js';
import type { TestStore } from '../../helpers/engines.js';
import type { UploadContext } from '../../../src/operations/media-library/upload-media.js';

/** A wire photo with a real IPTC IIM block and XMP packet; see test/fixtures/media/README.md. */
export const newsroomPhoto = (): Buffer => readFileSync(new URL('../../fixtures/media/newsroom-photo.jpg', import.meta.url));

export function mediaDir(t: TestStore): string {
  return join(t.dataDir, 'media');
}

/** The upload context on a test store: real sharp ingest into the store's temporary media folder, two variant widths to keep it quick. */
export function uploadContext(t: TestStore, extra: Partial<UploadContext> = {}): UploadContext {
  return { store: t.store, clock: testClock(), images: createSharpIngest({ mediaDir: mediaDir(t), widths: [480, 1200] }), ...extra };
}

/** Every file under the media folder, as paths relative to it; empty when the folder was never made. */
export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function imageIn(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif', size = { width: 64, height: 48 }): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

/** An XMP packet with the given properties, as a photo desk's software writes one. */
export function xmpPacket(properties: string): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">
   ${properties}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** A library row without files, for tests of listing and editing that do not need pixels. */
export async function storedMedia(store: Store, fields: Partial<Omit<Media, 'id'>> = {}): Promise<Media> {
  return store.media.insert({
    path: `2026/11/picture-${Math.random().toString(16).slice(2, 10)}.jpg`,
    mimeType: 'image/jpeg',
    width: 1600,
    height: 900,
    alt: '',
    caption: null,
    credit: null,
    agency: null,
    licence: null,
    variantWidths: [480, 1600],
    crops: [],
    createdAt: TEST_NOW,
    ...fields,
  });
}
