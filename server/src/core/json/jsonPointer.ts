/**
 * JSON Pointers (RFC 6901), as Ajv writes an error's `instancePath` and a local `$ref` names a
 * subschema: `/`-separated segments in which `~1` stands for `/` and `~0` for `~`.
 */

/** A pointer's segment as the key it names. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The keys of a pointer (`/sidebar/order` is `["sidebar", "order"]`); none for the whole document (``). */
export function instancePathSegments(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split("/").map(unescapeSegment);
}

/** The pointer to a path of keys (`["a/b", "c"]` is `/a~1b/c`). */
export function pointerOf(path: readonly string[]): string {
  return path.map((step) => "/" + step.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
