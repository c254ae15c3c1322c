import { Transform, type TransformCallback } from "node:stream";

/** The largest message body accepted: far above any real request, far below what would exhaust memory. */
const maxContentLength = 512 * 1024 * 1024;
/** The longest header block accepted (real ones are under 100 bytes). */
const maxHeaderLength = 8192;

/**
 * Passes the client's byte stream through unchanged while following its framing (`Content-Length`
 * headers, then that many bytes), and calls `onBroken` once when a header cannot be framed: no or a
 * non-numeric, negative or absurd `Content-Length`, or a header block that never ends. After such a
 * header nothing can tell where the next message starts, so the server cannot go on (vscode-jsonrpc
 * alone would wait forever, deaf): the caller logs why and exits, and the client restarts it.
 */
export class FramingGuard extends Transform {
  private header = "";
  private bodyLeft = 0;
  private broken = false;

  constructor(private readonly onBroken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.broken) this.follow(chunk);
    callback(null, chunk);
  }

  private follow(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.broken) {
      if (this.bodyLeft > 0) {
        const taken = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= taken;
        at += taken;
        continue;
      }
      // Header bytes are ASCII, and few (about 25 per message): read them one at a time.
      this.header += String.fromCharCode(chunk[at++]);
      if (this.header.endsWith("\r\n\r\n")) {
        const length = contentLength(this.header.slice(0, -4));
        this.header = "";
        if (typeof length === "string") this.fail(length);
        else this.bodyLeft = length;
      } else if (this.header.length > maxHeaderLength)
        this.fail("a header block longer than 8 KB, never ended");
    }
  }

  private fail(reason: string): void {
    this.broken = true;
    this.onBroken(reason);
  }
}

/** The Content-Length of a header block, or why it has none that can be used. */
function contentLength(block: string): number | string {
  const line = block.split("\r\n").find((header) => /^content-length\s*:/i.test(header));
  if (line === undefined) return "a header without Content-Length";
  const value = line.slice(line.indexOf(":") + 1).trim();
  if (!/^\d+$/.test(value))
    return `a Content-Length that is not a byte count (${JSON.stringify(value.slice(0, 40))})`;
  const length = Number(value);
  if (length > maxContentLength) return `a Content-Length of ${value} bytes, over the 512 MB limit`;
  return length;
}
