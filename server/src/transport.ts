// The stdio transport. The library's stream writer sends each message in two writes, its header and
// then its body once the header's write has called back: two system calls per message and two
// wake-ups of the editor's reader, for every diagnostic pushed and every answer. This writer sends
// header and body as one chunk. The frames are the same bytes.

import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class OneChunkWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let chunk: Buffer;
    try {
      const json = JSON.stringify(msg);
      const length = Buffer.byteLength(json, 'utf8');
      const header = `Content-Length: ${length}\r\n\r\n`;
      chunk = Buffer.allocUnsafe(header.length + length);
      chunk.write(header, 0, 'latin1');
      chunk.write(json, header.length, 'utf8');
    } catch (e) {
      // A value JSON cannot write (a cycle, a BigInt): that message is lost, the connection is not.
      this.fireError(e, msg, ++this.errors);
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.out.write(chunk, (error) => {
        if (error === undefined || error === null) return resolve();
        this.fireError(error, msg, ++this.errors);
        reject(error);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}
