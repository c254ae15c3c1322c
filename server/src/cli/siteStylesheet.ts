import * as fs from "node:fs";
import * as path from "node:path";

/** The stylesheets the site's style.css joins, in order: the preview's look, then the site's variables and layout. */
const stylesheetNames = ["preview.css", "site.css"];

/**
 * The site's style.css: media/preview.css (the look the preview panel has in the editor) followed by
 * media/site.css (what the editor would otherwise provide: its colour variables, and the page layout).
 * media/ is found beside the code, from dist/cli.js or from out/server/src/cli/ in development.
 * Returns an error message when a stylesheet is missing, before anything is written.
 */
export function readSiteStylesheet(): { css: string } | { error: string } {
  const media = mediaFolder();
  if (!media) return { error: `cannot find the media/ folder of kb-author above ${__dirname}.` };
  const parts: string[] = [];
  for (const name of stylesheetNames) {
    const file = path.join(media, name);
    if (!fs.existsSync(file)) return { error: `the site's stylesheet needs ${file}, which is missing.` };
    parts.push(`/* ${name} */\n${fs.readFileSync(file, "utf8")}`);
  }
  return { css: parts.join("\n") };
}

function mediaFolder(): string | undefined {
  for (let folder = __dirname; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, "media", "site.css"))) return path.join(folder, "media");
    if (path.dirname(folder) === folder) return undefined;
  }
}
