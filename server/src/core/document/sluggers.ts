import GithubSlugger from "github-slugger";

/** How a site turns headings into ids: GitHub's (github-slugger, as rehype-slug, Docusaurus, Starlight), MkDocs', VitePress'. */
export type SluggerName = "github" | "mkdocs" | "vitepress";

/** Gives each heading of one page its id, in order (repeats made unique the way the site does). */
export type Slugger = (heading: string) => string;

export function createSlugger(name: SluggerName): Slugger {
  if (name === "mkdocs") return unique(mkdocsSlug, "_");
  if (name === "vitepress") return unique(vitepressSlug, "-");
  const github = new GithubSlugger();
  return (heading) => github.slug(heading);
}

/** A slug function made per page, with the site's suffix for repeats (`id_1` in MkDocs, `id-1` in VitePress). */
function unique(slug: (heading: string) => string, separator: string): Slugger {
  const seen = new Set<string>();
  return (heading) => {
    const base = slug(heading);
    let id = base;
    for (let count = 1; seen.has(id); count++) id = `${base}${separator}${count}`;
    seen.add(id);
    return id;
  };
}

/** Python-Markdown's `toc.slugify` (MkDocs' default): ASCII only, `[^\w\s-]` removed, lower case, runs of `-` and space as `-`. */
function mkdocsSlug(heading: string): string {
  const ascii = keepCodeUnits(heading.normalize("NFKD"), (unit) => unit < 0x80);
  return ascii
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, "-");
}

/** VitePress' `slugify` (@mdit-vue/shared): accents and control characters removed, punctuation runs as `-`, a leading digit prefixed with `_`. */
function vitepressSlug(heading: string): string {
  return keepCodeUnits(heading.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""), (unit) => unit >= 0x20)
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^(\d)/, "_$1")
    .toLowerCase();
}

/** The text with only the UTF-16 code units a test keeps (control and non-ASCII ranges, without regex escapes). */
function keepCodeUnits(text: string, keep: (unit: number) => boolean): string {
  let kept = "";
  for (let index = 0; index < text.length; index++) if (keep(text.charCodeAt(index))) kept += text[index];
  return kept;
}
