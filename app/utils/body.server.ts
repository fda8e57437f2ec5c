/** A body grew past what its reader accepts; `limit` is in bytes. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${limit} bytes.`);
  }
}

/** The body's media type, lower-cased and without parameters ("" when absent). */
export function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The whole body as bytes, holding at most `limit` of them: an announced
 * Content-Length over the limit is refused before reading, and a chunked body
 * is cut at the first byte past it (BodyTooLarge in both cases).
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = limitedBody(request, limit).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The body as a stream that errors with BodyTooLarge once more than `limit`
 * bytes have passed. Stopping never cancels the request's own stream: in Node
 * that destroys the socket and the client would never see the 413. The server
 * discards what is left after answering (drainRefusedBodies).
 */
export function limitedBody(request: Request, limit: number): ReadableStream<Uint8Array> {
  const announced = request.headers.get("Content-Length");
  if (announced !== null && Number(announced) > limit) throw new BodyTooLarge(limit);
  if (!request.body) return new ReadableStream({ start: (controller) => controller.close() });
  const reader = request.body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) {
        reader.releaseLock();
        controller.error(new BodyTooLarge(limit));
        return;
      }
      controller.enqueue(value);
    },
    cancel() {
      reader.releaseLock();
    },
  });
}
