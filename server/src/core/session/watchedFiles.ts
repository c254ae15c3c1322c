/** The kinds of file events (the LSP's WatchKind bits). */
const create = 1;
const change = 2;
const remove = 4;

/** Files and folders to watch, in the LSP's FileSystemWatcher shape (`kind`: WatchKind bits). */
export type WatchedFiles = { globPattern: string; kind: number }[];

/**
 * What the session needs to hear about: every entry created or deleted (a folder is a child node in its
 * parent's Order, any file may be a link target), and the contents of the files it reads (Markdown, the
 * JSON data and schema files, configurations, the YAML and JSON data files that define ids). A change to any other file's contents changes nothing.
 */
export function watchedFiles(): WatchedFiles {
  return [
    { globPattern: "**/*", kind: create | remove },
    { globPattern: "**/*.{md,mdx,json,jsonc,yaml,yml}", kind: change },
    { globPattern: "**/.kb-author.jsonc", kind: change },
  ];
}
