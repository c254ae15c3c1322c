import * as posix from "node:path/posix";

/** POSIX path helpers: the core's paths always use `/`, whatever the host platform. */
export const joinPath = posix.join;
export const dirname = posix.dirname;
export const basename = posix.basename;
export const extname = posix.extname;
export const relativePath = posix.relative;
export const isAbsolutePath = posix.isAbsolute;
/** True when `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith("/") ? parent : parent + "/";
  return child.startsWith(prefix);
}

/** Every folder from `folder` up to the root `/`, nearest first. */
export function ancestorsOf(folder: string): string[] {
  const result: string[] = [];
  let current = folder;
  for (;;) {
    result.push(current);
    const parent = dirname(current);
    if (parent === current) return result;
    current = parent;
  }
}

/** Anything but printable ASCII, tab and line ends (control characters are rare enough to go to ICU). */
const beyondPlainAscii = /[^ -~\t\n\r]/;

/** Names are compared after Unicode NFC normalisation: macOS file systems hand out NFD. */
export function nfc(name: string): string {
  // ASCII is its own NFC form, and testing for it takes half the time of asking ICU (names are compared
  // several times per checked file).
  return beyondPlainAscii.test(name) ? name.normalize("NFC") : name;
}

export function isHiddenName(name: string): boolean {
  return name.startsWith(".");
}

export function isMarkdownPath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === ".md" || ext === ".mdx";
}
