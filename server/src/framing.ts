// Watches the framing of the messages the client sends over stdio. The JSON-RPC reader does not
// recover from a bad `Content-Length` (missing, not a number, negative, shorter or longer than the
// body): it waits, or reads the next message's header as a body, and the server stays alive but deaf,
// so the client never restarts it. This sees the same bytes and reports the first violation; the
// server then exits, and the client starts a fresh one.

/** Longer than any real header. */
const MAX_HEADER_BYTES = 8 * 1024;
/** More than any real message (editor buffers are refused above 5 MB anyway). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** A message begun and not finished for this long, with no byte arriving, never will be. */
export const STALL_MS = 10_000;

export interface FramingWatch {
  /** Stops watching (the timer too). */
  dispose(): void;
}

export function watchFraming(input: NodeJS.ReadableStream, onViolation: (why: string) => void, stallMs = STALL_MS): FramingWatch {
  let header = Buffer.alloc(0);
  /** Body bytes still to come; 0 while reading a header. */
  let remaining = 0;
  let lastData = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let failed = false;

  const fail = (why: string): void => {
    if (failed) return;
    failed = true;
    if (timer) clearTimeout(timer);
    onViolation(why);
  };

  const parseHeader = (text: string): number | string => {
    let length: number | undefined;
    for (const line of text.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return `a header line is not \`Name: value\` (${JSON.stringify(line.slice(0, 80))})`;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name !== 'content-length') continue;
      if (!/^\d{1,10}$/.test(value)) return `Content-Length is not a whole number of bytes (${JSON.stringify(value.slice(0, 40))})`;
      length = Number(value);
      if (length > MAX_MESSAGE_BYTES) return `Content-Length ${length} is over the ${MAX_MESSAGE_BYTES}-byte limit`;
    }
    return length === undefined ? 'a message has no Content-Length header' : length;
  };

  const onData = (chunk: Buffer | string): void => {
    if (failed) return;
    lastData = Date.now();
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (data.length > 0) {
      if (remaining > 0) {
        const n = Math.min(remaining, data.length);
        remaining -= n;
        data = data.subarray(n);
        continue;
      }
      const joined = header.length === 0 ? data : Buffer.concat([header, data]);
      const end = joined.indexOf('\r\n\r\n');
      if (end === -1) {
        if (joined.length > MAX_HEADER_BYTES) return fail(`a header runs past ${MAX_HEADER_BYTES} bytes`);
        header = Buffer.from(joined);
        data = data.subarray(data.length);
        break;
      }
      if (end > MAX_HEADER_BYTES) return fail(`a header runs past ${MAX_HEADER_BYTES} bytes`);
      const length = parseHeader(joined.subarray(0, end).toString('latin1'));
      if (typeof length === 'string') return fail(length);
      data = joined.subarray(end + 4);
      header = Buffer.alloc(0);
      remaining = length;
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    // Midway through a header or a body: the rest must follow.
    if (remaining > 0 || header.length > 0) timer = setTimeout(stalled, stallMs);
  };

  const stalled = (): void => {
    // A busy event loop may hold bytes that arrived: let them in before deciding.
    setImmediate(() => {
      if (failed || (remaining === 0 && header.length === 0)) return;
      if (Date.now() - lastData < stallMs) {
        timer = setTimeout(stalled, stallMs - (Date.now() - lastData));
        return;
      }
      fail(remaining > 0 ? `a message stopped ${remaining} bytes short of its Content-Length` : 'a header was never finished');
    });
  };

  input.on('data', onData);
  return {
    dispose() {
      failed = true;
      if (timer) clearTimeout(timer);
      input.removeListener('data', onData);
    },
  };
}
