/**
 * Byte or text streams into physical lines, for the ledger readers. No Node API: a Node
 * Readable, a web ReadableStream, a fetch() body or an array of strings all serve.
 */

/** What the ledger readers read: chunks of UTF-8 bytes or of text, in order. */
export type LedgerStream = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | ReadableStream<string | Uint8Array>;

/** A web ReadableStream without async iteration (older browsers) read through its reader. */
async function* readerChunks(stream: ReadableStream<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  } finally {
    reader.releaseLock();
  }
}

/** The stream's text, chunk by chunk: bytes decoded as UTF-8 (a character split across chunks kept whole), a leading BOM dropped. */
export async function* textChunks(stream: LedgerStream): AsyncGenerator<string> {
  const source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> =
    Symbol.asyncIterator in stream || Symbol.iterator in stream ? (stream as AsyncIterable<string | Uint8Array>) : readerChunks(stream as ReadableStream<string | Uint8Array>);
  const decoder = new TextDecoder(); // UTF-8; drops a BOM at the start of the bytes
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Cuts text chunks into lines (without "\n" and a trailing "\r"), wherever the chunks were cut. */
export class LineSplitter {
  private rest = "";
  push(chunk: string, line: (text: string) => void): void {
    const text = this.rest + chunk;
    let pos = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", pos)) {
      line(text.charCodeAt(nl - 1) === 13 && nl > pos ? text.slice(pos, nl - 1) : text.slice(pos, nl));
      pos = nl + 1;
    }
    this.rest = text.slice(pos);
  }
  /** The last line, when the text does not end with a line break. */
  end(line: (text: string) => void): void {
    if (this.rest !== "") line(this.rest.endsWith("\r") ? this.rest.slice(0, -1) : this.rest);
    this.rest = "";
  }
}
