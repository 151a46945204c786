import sharp from 'sharp';

/**
 * A real JPEG with a page in its comment segment, as an upload could bring
 * one: a browser that sniffed it as HTML would run the script, which sets
 * the title to "ran".
 */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#b3003c' } })
    .jpeg()
    .toBuffer();
  const markup = Buffer.from('<html><body><script>document.title="ran"</script><p id="polyglot">HTML</p></body></html>');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(markup.length + 2, 2);
  // SOI, then the comment, then the rest of the picture: still a valid JPEG.
  return Buffer.concat([jpeg.subarray(0, 2), segment, markup, jpeg.subarray(2)]);
}
