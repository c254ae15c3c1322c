/**
 * Writes the renderer's hostile inputs (test/support/hostileInputs.ts) into a UI test's copy of examples/,
 * armed so that anything that runs or loads leaves a trace the test can see:
 *
 * - every `alert(n)` / `x()` becomes `trace`: it sets the frame's title and `body.id` to `pwned`, then posts
 *   `pwned` to the parent frame (VS Code removes `parent` from a webview's page, so that part would throw:
 *   it comes last). No spaces, slashes or double quotes: it fits unquoted attributes, Markdown link
 *   destinations and folder names alike;
 * - every remote address points at the sentinel host `kb-author-hostile.invalid` (.invalid never resolves;
 *   the test's request interception sees any attempt).
 *
 * Where the inputs go: the plain Markdown cases become sections of one topic entry whose frontmatter is the
 * frontmatter case; each MDX case is its own .mdx page (wiki/kb-author.jsonc declares math and directives); the map cases make one map node below
 * International_Coordination (its Related Nodes, papers.json, and child folders named with `<script>` and
 * `<img onerror>`).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type HostileCase, hostileCases, hostileConfig } from "../../support/hostileInputs";

export const sentinelHost = "kb-author-hostile.invalid";
/** What a payload does if it ever runs. */
export const trace = "document.title='pwned',document.body.id='pwned',parent.postMessage('pwned','*')";

export function arm(text: string): string {
  return text.replace(/\balert\(\d\)|\bx\(\)/g, trace).replaceAll("evil.example", sentinelHost);
}

/** A case with its payloads armed (files and expected visible text alike). */
function armed(hostile: HostileCase): HostileCase {
  return {
    ...hostile,
    files: Object.fromEntries(Object.entries(hostile.files).map(([file, text]) => [arm(file), arm(text)])),
    path: arm(hostile.path),
    visible: hostile.visible.map(arm),
  };
}

const cases = hostileCases.map(armed);
const byName = (name: string): HostileCase => {
  const found = cases.find((hostile) => hostile.name === name);
  if (!found) throw new Error(`no hostile case named "${name}"`);
  return found;
};
const onlyFile = (hostile: HostileCase): string => hostile.files[hostile.path];

/** A page of the hostile workspace: where it is and the cases (with their visible text) it shows. */
export interface HostilePage {
  /** Relative to the workspace, `/`-separated. */
  file: string;
  cases: HostileCase[];
  /**
   * The page's `h1` where the visible text alone does not tell it from the page shown before (the child's
   * name and Mini Description are also on its parent's card).
   */
  heading?: string;
}

const parentFolder = "AI_Safety/Governance_and_Policy/International_Coordination";
const nodeName = "Hostile_Node";

/** The topic entry: the frontmatter case, then each plain Markdown case as a `##` section. */
export const topicPage: HostilePage = {
  file: "wiki/hostile-topic.md",
  cases: [
    byName("frontmatter title and description containing HTML"),
    ...cases.filter((c) => c.kind === "markdown"),
  ],
};

/** One .mdx page per MDX case (an invalid one would turn the others into text). */
export const mdxPages: HostilePage[] = cases
  .filter((hostile) => hostile.kind === "mdx")
  .map((hostile, index) => ({ file: `wiki/hostile-${index + 1}.mdx`, cases: [hostile] }));

/** The child folders of the map cases (`/kb/Root/<folder>/...`, other than the cases' `Child`). */
const folderCases = [
  byName("node folder name with <script>"),
  byName("node page of a folder named with <img onerror>"),
];
export const childFolders = folderCases.map((hostile) => {
  const folder = Object.keys(hostile.files)
    .map((file) => /^\/kb\/Root\/([^/]+)\//.exec(file)?.[1])
    .find((name) => name !== undefined);
  if (!folder) throw new Error(`${hostile.name} has no child folder`);
  return folder;
});

/** The map node: Related Nodes and papers.json of the node cases, and the folder cases' children in its Order. */
export const nodePage: HostilePage = {
  file: `${parentFolder}/${nodeName}/${nodeName}.md`,
  cases: [
    byName("Related Node link with javascript:"),
    byName("papers.json url javascript:"),
    folderCases[0],
  ],
};

/** The child whose name is `<img src=x onerror=...>`: its own page shows the name in its title and breadcrumb. */
export const imgChildPage: HostilePage = {
  file: `${parentFolder}/${nodeName}/${childFolders[1]}/${childFolders[1]}.md`,
  cases: [folderCases[1]],
  heading: childFolders[1],
};

/** Writes the hostile pages into the workspace copy at `dir` and lists the node in its parent's Order. */
export function writeHostileWorkspace(dir: string): void {
  const write = (relative: string, text: string): void => {
    const file = path.join(dir, ...relative.split("/"));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const [frontmatter, ...markdown] = topicPage.cases;
  write(
    topicPage.file,
    [onlyFile(frontmatter), ...markdown.map((hostile) => `## ${hostile.name}\n\n${onlyFile(hostile)}`)].join(
      "\n",
    ),
  );
  for (const page of mdxPages) write(page.file, onlyFile(page.cases[0]));
  // The wiki's site reads math and directives: the math, directive and component cases use them.
  write("wiki/kb-author.jsonc", hostileConfig);

  const nodeDir = `${parentFolder}/${nodeName}`;
  const order = childFolders.map((folder, index) => `${index + 1}. ${folder}`).join("\n");
  write(`${nodeDir}/${nodeName}.md`, `${onlyFile(nodePage.cases[0])}\n### Order\n\n${order}\n`);
  write(`${nodeDir}/papers.json`, nodePage.cases[1].files["/kb/Root/Child/papers.json"]);
  for (const hostile of folderCases) {
    for (const [file, text] of Object.entries(hostile.files)) {
      const child = /^\/kb\/Root\/([^/]+\/[^/]+)$/.exec(file)?.[1];
      if (child && !child.startsWith("Root/")) write(`${nodeDir}/${child}`, text);
    }
  }
  const parentFile = path.join(dir, ...parentFolder.split("/"), "International_Coordination.md");
  const parentText = readFileSync(parentFile, "utf8");
  const listed = parentText.replace(/^5\. Capacity_Building$/m, `$&\n6. ${nodeName}`);
  if (listed === parentText)
    throw new Error(`${parentFile}: its Order no longer ends with Capacity_Building`);
  writeFileSync(parentFile, listed);
}
