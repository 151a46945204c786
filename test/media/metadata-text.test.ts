import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { readImageMetadata } from '../../src/media/image-metadata.js';
import { textProblem } from '../../src/lib/plain-text.js';

// What a photo's metadata says is prefilled into fields an editor saves later;
// it must pass the rule those fields are held to, or that save would be refused.
test('a caption read from a file loses the control characters (C1 included) the plain-text rule refuses, and keeps its line breaks', async () => {
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">Arrives\u0085 at the\u0092 gala\u0007&#10;Second line</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().withXmp(xmp).toBuffer();
  const details = await readImageMetadata(photo);
  assert.equal(details.caption, 'Arrives at the gala\nSecond line');
  assert.equal(textProblem(details.caption!), undefined);
});
