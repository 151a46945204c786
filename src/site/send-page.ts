import type { FastifyReply } from 'fastify';

/**
 * Sends a page whose template left a slot for bytes that are already UTF-8
 * (the stored article body): the text around the slot is encoded, the bytes
 * are not touched. Encoding a long string with curly quotes in it is the
 * costliest step of serving a page, so skipping it for the body matters.
 */
export function sendWithSlot(reply: FastifyReply, input: { page: string; slot: string; bytes: Buffer }): FastifyReply {
  const at = input.page.indexOf(input.slot);
  if (at === -1) return reply.send(input.page);
  return reply.send(Buffer.concat([Buffer.from(input.page.slice(0, at)), input.bytes, Buffer.from(input.page.slice(at + input.slot.length))]));
}
