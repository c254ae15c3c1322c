import * as assert from "node:assert/strict";
import { createLanguageService } from "../../../server/src/core";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { repositoryFiles } from "../faults/examplesTree";

/** docs/examples/entity-wiki, read into memory under /kb (so that mistakes can be injected). */
const entityWiki = () => repositoryFiles("docs/examples/entity-wiki");

function problemsOf(files: Record<string, string>): string[] {
  const service = createLanguageService({ fileSystem: new MemoryFileSystem(files), workspaceRoots: ["/kb"] });
  return service
    .listCheckedFiles()
    .flatMap((file) =>
      (service.validate(file)?.diagnostics ?? []).map(
        (d) => `${file.slice(4)}:${d.range.start.line + 1} ${String(d.code)}`,
      ),
    );
}

describe("the worked example of a wiki that links by id (docs/examples/entity-wiki)", () => {
  it("is clean: ids from YAML items, a JSON list and pages' numericId; math, a directive, components, footnotes", () => {
    const files = entityWiki();
    assert.ok(Object.keys(files).some((file) => file.endsWith(".yaml")));
    assert.deepEqual(problemsOf(files), []);
  });

  it("finds injected unknown ids, a numericId collision and a refused data item on their lines", () => {
    const files = entityWiki();
    const race = "/kb/content/risks/race-dynamics.mdx";
    const coordination = "/kb/content/responses/international-coordination.mdx";
    files[race] = files[race].replace('id="anthropic"', 'id="antrhopic"').replace('id="E14"', 'id="E41"');
    files[coordination] = files[coordination].replace("numericId: E14", "numericId: E12");
    files["/kb/data/entities/people.yaml"] += "- id: ilya\n  name: Ilya\n  type: human\n";
    assert.deepEqual(problemsOf(files).sort(), [
      "content/responses/international-coordination.mdx:4 reference/duplicate-id",
      "content/risks/race-dynamics.mdx:11 reference/unresolved",
      "content/risks/race-dynamics.mdx:14 reference/unresolved",
      "content/risks/race-dynamics.mdx:4 reference/duplicate-id",
      "data/entities/people.yaml:7 data/schema",
    ]);
  });

  it("renders a page's reference components as links to their entries, math typeset, components as boxes", () => {
    const service = createLanguageService({
      fileSystem: new MemoryFileSystem(entityWiki()),
      workspaceRoots: ["/kb"],
    });
    const page = service.renderPage("/kb/content/risks/race-dynamics.mdx", {
      kind: "editor",
      resourceRoots: [],
    });
    const html = page?.html ?? "";
    // `<EntityLink id="uk-aisi">UK AI Security Institute</EntityLink>`: a link with its own text.
    assert.match(html, /<a [^>]*>UK AI Security Institute<\/a>/);
    // `<R id="bletchley-2023" />` has no children: the entry's title is the link's text.
    assert.match(html, /<a [^>]*>The Bletchley Declaration<\/a>/);
    assert.match(html, /class="katex/, "the formula is typeset");
    assert.match(html, /Crux/, "the Crux component is a labelled box");
    assert.doesNotMatch(html, /&lt;EntityLink/, "no component is shown as source");
  });
});
