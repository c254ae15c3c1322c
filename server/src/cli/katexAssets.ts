import * as fs from "node:fs";
import * as path from "node:path";

/** KaTeX's stylesheet, and the folder of its fonts beside it (katex.min.css loads `fonts/*.woff2`). */
const stylesheet = "katex.min.css";
const fontsFolder = "fonts";

/**
 * The files a page with math needs, by their path under the site's `katex/` folder: KaTeX's stylesheet
 * and its fonts in WOFF2 (every browser that runs the site reads it, so the WOFF and TTF copies the
 * stylesheet also names are never asked for). They come from dist/katex/, where the bundle step copies
 * them, or in development from the katex package itself; undefined when neither is there.
 */
export function katexAssetFiles(): Map<string, string> | undefined {
  const folder = katexFolder();
  if (!folder) return undefined;
  const files = new Map([[stylesheet, path.join(folder, stylesheet)]]);
  for (const name of fs.readdirSync(path.join(folder, fontsFolder)))
    if (name.endsWith(".woff2")) files.set(`${fontsFolder}/${name}`, path.join(folder, fontsFolder, name));
  return files;
}

function katexFolder(): string | undefined {
  for (let folder = __dirname; ; folder = path.dirname(folder)) {
    const bundled = path.join(folder, "dist", "katex");
    if (fs.existsSync(path.join(bundled, stylesheet))) return bundled;
    if (path.basename(folder) === "dist" && fs.existsSync(path.join(folder, "katex", stylesheet)))
      return path.join(folder, "katex");
    if (path.dirname(folder) === folder) break;
  }
  try {
    const installed = path.join(path.dirname(require.resolve("katex/package.json")), "dist");
    return fs.existsSync(path.join(installed, stylesheet)) ? installed : undefined;
  } catch {
    return undefined;
  }
}
