/**
 * The core's public entry: the only module the language server, the CLI and other hosts import. The
 * language service (events, work, queries), the static site built over it, the file-system interface a
 * host implements, and the conversion between core paths and URIs.
 */
export { createLanguageService, defaultSessionSettings } from "./languageService";
export type * from "./languageService";
export type { Awaitable, BoundedRead, DirectoryEntry, FileStat, FileSystem } from "./fileSystem";
export type { EditOutcome } from "./features/workspaceEdits";
export { buildSite, type SiteOutput, type SiteSummary } from "./site/buildSite";
export { hasProblems, problemTotals } from "./site/indexPage";
export { siteFiles } from "./site/siteFiles";
export { pathOfSiteUrl } from "./site/siteUrls";
export { countOf } from "./site/siteText";
export { pathToUri, uriToPath } from "./model/uris";
export { renderMarkdownJob } from "./render/markdownJobs";
