import type { Position } from "vscode-languageserver-types";
import { LineIndex } from "./lineIndex";

type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: "binary" | "invalid-utf8"; position: Position };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Decodes a file's bytes as UTF-8. The BOM is dropped, as editors do, so that ranges computed on
 * the text match the editor's. A NUL byte marks a binary file.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: "binary", position: positionOfByte(bytes, nul) };
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    return {
      ok: false,
      reason: "invalid-utf8",
      position: positionOfByte(bytes, firstInvalidUtf8Byte(bytes)),
    };
  }
}

/** Line and UTF-16 character of a byte offset, decoding the bytes before it leniently. */
function positionOfByte(bytes: Uint8Array, offset: number): Position {
  const before = lenientUtf8.decode(bytes.subarray(0, offset)).replace(/^\uFEFF/, "");
  return new LineIndex(before).positionAt(before.length);
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence. Overlong 3- and 4-byte forms are
 * not singled out; the strict decoder has already said the file is invalid, this only places it.
 */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset];
    const continuationBytes =
      lead < 0x80
        ? 0
        : lead >= 0xc2 && lead < 0xe0
          ? 1
          : lead >= 0xe0 && lead < 0xf0
            ? 2
            : lead >= 0xf0 && lead <= 0xf4
              ? 3
              : -1;
    if (continuationBytes < 0) return offset;
    for (let k = 1; k <= continuationBytes; k++) {
      if (offset + k >= bytes.length || (bytes[offset + k] & 0xc0) !== 0x80) return offset;
    }
    offset += continuationBytes + 1;
  }
  return Math.max(0, bytes.length - 1);
}
