import * as assert from "node:assert/strict";
import type { CodeAction, Diagnostic } from "vscode-languageserver-types";
import { LineIndex } from "../../../server/src/core/document/lineIndex";
import { editsBetween } from "../../../server/src/core/features/codeActions/textDiff";
import { TextLines } from "../../../server/src/core/features/codeActions/textLines";
import { pathToUri } from "../../../server/src/core/model/uris";
import type { LanguageService } from "../../../server/src/core/languageService";
import { applyEdits, serviceWithCursor } from "../../support/cursor";

/**
 * Quick fixes (issue 4, scope 4): for each fixable code, the actions offered on the diagnostic at the
 * cursor and the text each gives. The cursor marker `<|>` stands on the line of the diagnostic.
 */

const meta = JSON.stringify({ rootDir: "Root", coverRootDescription: "The root." });
const leaf = (name: string) => `### Mini Description\n\n${name}.\n`;

/** A map: Root with the children Alpha and Beta (Beta with the child Gamma). */
const map: Record<string, string> = {
  "/kb/meta.json": meta,
  "/kb/Root/Alpha/Alpha.md": leaf("Alpha"),
  "/kb/Root/Beta/Beta.md": "### Mini Description\n\nBeta.\n\n### Order\n\n1. Gamma\n",
  "/kb/Root/Beta/Gamma/Gamma.md": leaf("Gamma"),
};

/**
 * The map with a configuration: an Order required on every node with children (by default only when most
 * of the map's such nodes have one, which two nodes cannot show), or sections checked in the rules' order
 * (the builder reads them in any order, so section/order is only checked when asked for).
 */
const withConfig = (config: object): Record<string, string> => ({
  ...map,
  "/kb/kb-author.jsonc": JSON.stringify(config),
});
const orderRequired = withConfig({ maps: { order: "required" } });
const sectionsOrdered = withConfig({ kinds: { "map-node": { sections: { ordered: true } } } });

interface Fixes {
  service: LanguageService;
  text: string;
  diagnostics: Diagnostic[];
  actions: CodeAction[];
  /** The text the action with this title gives (the test fails when there is no such action). */
  result(title: string | RegExp): string;
  titles: string[];
}

/** The code actions on the diagnostics of a code on the cursor's line of a document. */
function fixesAt(
  files: Record<string, string>,
  path: string,
  textWithMarker: string,
  code: string,
  only?: string[],
): Fixes {
  const { service, text, position } = serviceWithCursor(files, path, textWithMarker);
  const diagnostics = (service.validate(path)?.diagnostics ?? []).filter(
    (diagnostic) => diagnostic.code === code && diagnostic.range.start.line === position.line,
  );
  assert.ok(diagnostics.length > 0, `no ${code} on line ${position.line}`);
  const actions = service.getCodeActions(path, { start: position, end: position }, diagnostics, only);
  const titles = actions.filter((action) => !action.title.startsWith("Disable ")).map(titleOf);
  return {
    service,
    text,
    diagnostics,
    actions,
    titles,
    result: (title) => {
      const action = actions.find((candidate) =>
        typeof title === "string" ? candidate.title === title : title.test(candidate.title),
      );
      assert.ok(action, `no action ${String(title)} among ${actions.map((a) => a.title).join(" | ")}`);
      return applyEdits(text, action.edit!.changes![pathToUri(path)]);
    },
  };
}

/** A title with `*` for the preferred fix. */
const titleOf = (action: CodeAction) => action.title + (action.isPreferred ? " *" : "");

describe("quick fixes", () => {
  describe("section/missing", () => {
    it("adds the Mini Description with its template before the Description", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Alpha/Alpha.md",
        "<|>### Description\n\nAbout Alpha.\n",
        "section/missing",
      );
      assert.deepEqual(fixes.titles, ["Add the missing `### Mini Description` section *"]);
      assert.equal(
        fixes.result(/^Add the missing/),
        "### Mini Description\n\nOne paragraph that says what this node covers.\n\n### Description\n\nAbout Alpha.\n",
      );
    });

    it("adds the Order last, listing the child folders", () => {
      const files = { ...orderRequired, "/kb/Root/Beta/Delta/Delta.md": leaf("Delta") };
      const fixes = fixesAt(
        files,
        "/kb/Root/Beta/Beta.md",
        "<|>### Mini Description\n\nBeta.\n",
        "section/missing",
      );
      assert.equal(
        fixes.result(/^Add the missing/),
        "### Mini Description\n\nBeta.\n\n### Order\n\n1. Delta\n2. Gamma\n",
      );
    });

    it("puts the section after the one it follows, before an unknown one, with a blank line around it", () => {
      // (The builder reads sections in any order: section/missing stands on the file's first heading.)
      const fixes = fixesAt(
        orderRequired,
        "/kb/Root/Beta/Beta.md",
        "<|>### Mini Description\nBeta.\n### Description\nMore.\n",
        "section/missing",
      );
      assert.equal(
        fixes.result(/^Add the missing/),
        "### Mini Description\nBeta.\n### Description\nMore.\n\n### Order\n\n1. Gamma\n",
      );
    });

    it("keeps CRLF line endings and a missing final newline", () => {
      const fixes = fixesAt(
        orderRequired,
        "/kb/Root/Beta/Beta.md",
        "<|>### Mini Description\r\n\r\nBeta.",
        "section/missing",
      );
      assert.equal(
        fixes.result(/^Add the missing/),
        "### Mini Description\r\n\r\nBeta.\r\n\r\n### Order\r\n\r\n1. Gamma",
      );
    });

    it("adds a topic's configured section before the configured one that follows it", () => {
      const files = {
        "/kb/kb-author.jsonc": JSON.stringify({
          kinds: {
            topic: {
              sections: {
                rules: [
                  { heading: "Summary", level: 2, presence: "required", template: "In two sentences." },
                  { heading: "Sources", level: 2, presence: "optional" },
                ],
              },
            },
          },
        }),
      };
      const fixes = fixesAt(
        files,
        "/kb/wiki/page.md",
        "---\ntitle: Page\n---\n\n## Details\n\nText.\n\n<|>## Sources\n\n- A source.\n",
        "section/missing",
      );
      assert.equal(
        fixes.result(/^Add the missing/),
        "---\ntitle: Page\n---\n\n## Details\n\nText.\n\n## Summary\n\nIn two sentences.\n\n## Sources\n\n- A source.\n",
      );
    });
  });

  describe("section/order", () => {
    it("moves a section, with its content, to its place", () => {
      const fixes = fixesAt(
        sectionsOrdered,
        "/kb/Root/Alpha/Alpha.md",
        "<|>### Description\n\nLong text.\n\nMore.\n\n### Mini Description\n\nAlpha.\n",
        "section/order",
      );
      assert.deepEqual(fixes.titles, ["Move `Description` after `Mini Description` *"]);
      assert.equal(
        fixes.result(/^Move/),
        "### Mini Description\n\nAlpha.\n\n### Description\n\nLong text.\n\nMore.\n",
      );
    });

    it("moves a section from the end of the file before the one it precedes", () => {
      const fixes = fixesAt(
        sectionsOrdered,
        "/kb/Root/Beta/Beta.md",
        "### Description\n\nAbout.\n\n### Order\n\n1. Gamma\n\n<|>### Mini Description\n\nBeta.\n",
        "section/order",
      );
      assert.equal(
        fixes.result(/^Move/),
        "### Mini Description\n\nBeta.\n\n### Description\n\nAbout.\n\n### Order\n\n1. Gamma\n",
      );
    });

    it("takes the suppression comments above the heading along", () => {
      const fixes = fixesAt(
        sectionsOrdered,
        "/kb/Root/Alpha/Alpha.md",
        "<!-- kb-author-disable-next-line section/empty -->\n<|>### Description\n\n### Mini Description\n\nAlpha.\n",
        "section/order",
      );
      assert.equal(
        fixes.result(/^Move/),
        "### Mini Description\n\nAlpha.\n\n<!-- kb-author-disable-next-line section/empty -->\n### Description\n",
      );
    });
  });

  describe("section/level", () => {
    it("sets the number of `#`", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Description\n\nRoot.\n\n<|>## Order\n\n1. Alpha\n2. Beta\n",
        "section/level",
      );
      assert.deepEqual(fixes.titles, ["Change the heading to `### Order` *"]);
      assert.equal(
        fixes.result(/^Change the heading/),
        "### Description\n\nRoot.\n\n### Order\n\n1. Alpha\n2. Beta\n",
      );
    });
  });

  describe("section/unknown", () => {
    it("renames a near-miss heading", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Alpha/Alpha.md",
        "<|>### Mini Desciption\n\nAlpha.\n",
        "section/unknown",
      );
      assert.deepEqual(fixes.titles, ["Rename to `Mini Description` *"]);
      assert.equal(fixes.result(/^Rename/), "### Mini Description\n\nAlpha.\n");
    });

    it("renames, and moves it when the new name is out of order", () => {
      // (Only `###` headings are sections to the map builder: a `## Mini Desciption` is text of the Order.)
      const fixes = fixesAt(
        map,
        "/kb/Root/Beta/Beta.md",
        "### Order\n\n1. Gamma\n\n<|>### Mini Desciption\n\nBeta.\n",
        "section/unknown",
      );
      assert.deepEqual(fixes.titles, ["Rename to `Mini Description` and move it before `Order` *"]);
      assert.equal(fixes.result(/^Rename/), "### Mini Description\n\nBeta.\n\n### Order\n\n1. Gamma\n");
    });

    it("offers no rename when the section it names is already there", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Alpha/Alpha.md",
        "### Mini Description\n\nAlpha.\n\n<|>### Mini Desciption\n\nAgain.\n",
        "section/unknown",
      );
      assert.deepEqual(fixes.titles, []);
    });
  });

  describe("section/duplicate", () => {
    it("merges the second section's content into the first (not preferred)", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Description\n\nThe root.\n\n### Order\n\n1. Alpha\n2. Beta\n\n<|>### Description\n\nSaid again.\n",
        "section/duplicate",
      );
      assert.deepEqual(fixes.titles, ["Merge into the first `Description` section"]);
      assert.equal(
        fixes.result(/^Merge/),
        "### Description\n\nThe root.\n\nSaid again.\n\n### Order\n\n1. Alpha\n2. Beta\n",
      );
    });

    it("offers no merge of a map's second Order (the builder applies it on top of the first)", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Order\n\n1. Alpha\n\n<|>### Order\n\n1. Alpha\n2. Beta\n",
        "section/duplicate",
      );
      assert.deepEqual(
        fixes.titles.filter((title) => title.startsWith("Merge")),
        [],
      );
    });
  });

  describe("order/unlisted-child", () => {
    const files = { ...map, "/kb/Root/Delta/Delta.md": leaf("Delta") };

    it("adds one child, or all of them (preferred), with the next numbers", () => {
      const fixes = fixesAt(files, "/kb/Root/Root.md", "<|>### Order\n\n1. Alpha\n", "order/unlisted-child");
      assert.deepEqual(fixes.titles, [
        "Add `Beta` to the Order",
        "Add all 2 unlisted children to the Order *",
        "Add `Delta` to the Order",
        "Add all 2 unlisted children to the Order *",
        "Fix all kb-author problems in this file",
      ]);
      assert.equal(fixes.result("Add `Delta` to the Order"), "### Order\n\n1. Alpha\n2. Delta\n");
      assert.equal(fixes.result(/^Add all/), "### Order\n\n1. Alpha\n2. Beta\n3. Delta\n");
    });

    it("adds the children after the Order's last entry, before the next section", () => {
      // (An Order with no entry at all stops the map build: that is list/empty, not order/unlisted-child.)
      const fixes = fixesAt(
        files,
        "/kb/Root/Root.md",
        "<|>### Order\n\n1. Alpha\n\n### Description\n\nRoot.\n",
        "order/unlisted-child",
      );
      assert.equal(
        fixes.result(/^Add all/),
        "### Order\n\n1. Alpha\n2. Beta\n3. Delta\n\n### Description\n\nRoot.\n",
      );
    });

    it("prefers the one child when only one is unlisted", () => {
      const fixes = fixesAt(map, "/kb/Root/Root.md", "<|>### Order\n\n1. Alpha", "order/unlisted-child");
      assert.deepEqual(fixes.titles, ["Add `Beta` to the Order *"]);
      assert.equal(fixes.result(/^Add/), "### Order\n\n1. Alpha\n2. Beta");
    });
  });

  describe("order/unknown-entry", () => {
    it("replaces a near miss with the folder's name", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Order\n\n1. Alpha\n<|>2. Betta\n",
        "order/unknown-entry",
      );
      assert.deepEqual(fixes.titles, ["Change to `Beta` *"]);
      assert.equal(fixes.result(/^Change/), "### Order\n\n1. Alpha\n2. Beta\n");
    });

    it("removes an entry that names nothing (not preferred), renumbering the entries after it", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Order\n\n<|>1. Quantum_Gravity\n2. Alpha\n3. Beta\n",
        "order/unknown-entry",
      );
      assert.deepEqual(fixes.titles, ["Remove the entry `Quantum_Gravity`"]);
      assert.equal(fixes.result(/^Remove/), "### Order\n\n1. Alpha\n2. Beta\n");
    });

    it("removes a near miss of a child that is already listed", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Order\n\n1. Alpha\n2. Beta\n<|>3. Alphaa\n",
        "order/unknown-entry",
      );
      assert.deepEqual(fixes.titles, ["Remove the entry `Alphaa` (`Alpha` is already listed) *"]);
      assert.equal(fixes.result(/^Remove/), "### Order\n\n1. Alpha\n2. Beta\n");
    });
  });

  describe("order/duplicate-entry", () => {
    it("removes the second listing and renumbers what follows", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Root.md",
        "### Order\n\n1. Alpha\n<|>2. Alpha\n3. Beta\n",
        "order/duplicate-entry",
      );
      assert.deepEqual(fixes.titles, ["Remove the duplicate entry `Alpha` *"]);
      assert.equal(fixes.result(/^Remove/), "### Order\n\n1. Alpha\n2. Beta\n");
    });
  });

  describe("order/numbering", () => {
    it("renumbers every entry 1 to n", () => {
      // Numbers are positions: `3. Beta` then `2. Delta` publishes Alpha, Delta, Beta, not the lines' order.
      const files = { ...map, "/kb/Root/Delta/Delta.md": leaf("Delta") };
      const fixes = fixesAt(
        files,
        "/kb/Root/Root.md",
        "### Order\n\n1. Alpha\n<|>3. Beta\n2. Delta\n",
        "order/numbering",
      );
      assert.deepEqual(fixes.titles, ["Renumber the Order entries 1 to 3 *"]);
      assert.equal(fixes.result(/^Renumber/), "### Order\n\n1. Alpha\n2. Beta\n3. Delta\n");
    });
  });

  describe("order/format", () => {
    // order/format is the Order's first line, when it is not `N. Name` (one digit) while numbered entries
    // follow: the builder then reads the Order as a bulleted list and drops every numbered entry.
    const files = {
      ...map,
      "/kb/Root/Delta_Epsilon/Delta_Epsilon.md": leaf("Delta"),
      "/kb/Root/Zeta/Zeta.md": leaf("Zeta"),
    };
    const rest = "2. Beta\n3. Delta_Epsilon\n4. Zeta\n";
    const cases = ["1.Alpha", "- Alpha", "1) Alpha", "1) Delta Epsilon"];
    for (const first of cases) {
      it(`reports \`${first}\` as the first line and offers no rewrite (it would wake up the entries below it)`, () => {
        const fixes = fixesAt(files, "/kb/Root/Root.md", `### Order\n\n<|>${first}\n${rest}`, "order/format");
        assert.deepEqual(
          fixes.titles.filter((title) => title.startsWith("Rewrite")),
          [],
        );
      });
    }

    it("leaves an indented first entry alone: the builder strips the indentation", () => {
      const { service } = serviceWithCursor(files, "/kb/Root/Root.md", `<|>### Order\n\n  1. Alpha\n${rest}`);
      const codes = (service.validate("/kb/Root/Root.md")?.diagnostics ?? []).map((d) => d.code);
      assert.deepEqual(codes, []);
    });
  });

  describe("frontmatter/unknown-property and frontmatter/misspelt-property", () => {
    it("renames a near-miss key of an open schema (frontmatter/misspelt-property)", () => {
      const fixes = fixesAt(
        {},
        "/kb/wiki/page.md",
        "---\ntitle: Page\n<|>llmSumary: A summary.\n---\n\nText.\n",
        "frontmatter/misspelt-property",
      );
      assert.deepEqual(fixes.titles, ["Rename to `llmSummary` *"]);
      assert.equal(fixes.result(/^Rename/), "---\ntitle: Page\nllmSummary: A summary.\n---\n\nText.\n");
    });

    it("renames a key a closed schema does not allow to the nearest one it does", () => {
      const files = {
        "/kb/schemas/strict.schema.json": JSON.stringify({
          type: "object",
          additionalProperties: false,
          properties: { title: { type: "string" }, importance: { type: "number" } },
        }),
      };
      const fixes = fixesAt(
        files,
        "/kb/page.md",
        "---\n$schema: ./schemas/strict.schema.json\ntitle: Page\n<|>'importanse': 3\n---\n",
        "frontmatter/unknown-property",
      );
      assert.equal(
        fixes.result(/^Rename/),
        "---\n$schema: ./schemas/strict.schema.json\ntitle: Page\n'importance': 3\n---\n",
      );
    });

    it("offers no rename when the value does not suit the property", () => {
      const fixes = fixesAt(
        {},
        "/kb/wiki/page.md",
        "---\ntitle: Page\n<|>importanse: high\n---\n",
        "frontmatter/misspelt-property",
      );
      assert.deepEqual(fixes.titles, []);
    });
  });

  describe("frontmatter/required", () => {
    it("adds the title, taken from the page's first heading, at the end of the frontmatter", () => {
      const fixes = fixesAt(
        {},
        "/kb/wiki/page.md",
        "<|>---\ndescription: About it.\n---\n\n# International Coordination\n",
        "frontmatter/required",
      );
      assert.deepEqual(fixes.titles, ["Add the required property `title` *"]);
      assert.equal(
        fixes.result(/^Add/),
        "---\ndescription: About it.\ntitle: International Coordination\n---\n\n# International Coordination\n",
      );
    });

    it("types the placeholder by the schema, and fills a nested object's required key", () => {
      const files = {
        "/kb/schemas/page.schema.json": JSON.stringify({
          type: "object",
          required: ["title", "level", "status", "sidebar"],
          properties: {
            title: { type: "string" },
            level: { type: "integer", minimum: 1, maximum: 5 },
            status: { enum: ["draft", "published"] },
            sidebar: {
              type: "object",
              required: ["order", "label"],
              properties: { order: { type: "number" }, label: { type: "string", minLength: 1 } },
            },
          },
        }),
      };
      const text = "---\n$schema: ./schemas/page.schema.json\ntitle: Page\nsidebar:\n  order: 2\n---\n";
      const at = (line: number) => {
        const lines = text.split("\n");
        lines[line] = "<|>" + lines[line];
        return lines.join("\n");
      };
      const top = fixesAt(files, "/kb/page.md", at(0), "frontmatter/required");
      // One missing key is reported at a time on the `---` line (the check reports one problem per place).
      assert.deepEqual(top.titles, [
        "Add the required property `level` *",
        "Fix all kb-author problems in this file",
      ]);
      assert.equal(top.result(/`level`/), text.replace("  order: 2\n", "  order: 2\nlevel: 1\n"));
      assert.equal(
        top.result(/^Fix all/),
        text.replace("  order: 2\n", "  order: 2\n  label: TODO\nlevel: 1\nstatus: draft\n"),
      );
      const nested = fixesAt(files, "/kb/page.md", at(3), "frontmatter/required");
      assert.equal(nested.result(/`label`/), text.replace("  order: 2\n", "  order: 2\n  label: TODO\n"));
    });
  });

  describe("link/unresolved", () => {
    it("points the link at the near-miss node, keeping its anchor", () => {
      const fixes = fixesAt(
        map,
        "/kb/Root/Alpha/Alpha.md",
        "### Mini Description\n\nAlpha.\n\n### Related Nodes\n\n<|>- [Beta](/Root/Betta/Betta.md#scope)\n",
        "link/unresolved",
      );
      assert.deepEqual(fixes.titles, ["Change the link to `/Root/Beta/Beta.md#scope` *"]);
      assert.equal(
        fixes.result(/^Change/),
        "### Mini Description\n\nAlpha.\n\n### Related Nodes\n\n- [Beta](/Root/Beta/Beta.md#scope)\n",
      );
    });
  });

  describe("fix all", () => {
    const text = "<|>### Order\n\n1. Gama\n\n### Mini Desciption\n\nBeta.\n";

    it("is a source.fixAll action applying every preferred fix, without overlapping edits", () => {
      const files = { ...map, "/kb/Root/Beta/Delta/Delta.md": leaf("Delta") };
      const { service, text: plain } = serviceWithCursor(files, "/kb/Root/Beta/Beta.md", text);
      const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const actions = service.getCodeActions("/kb/Root/Beta/Beta.md", origin, [], ["source.fixAll"]);
      assert.deepEqual(
        actions.map((action) => [action.title, action.kind]),
        [["Fix all kb-author problems", "source.fixAll"]],
      );
      assert.equal(
        applyEdits(plain, actions[0].edit!.changes![pathToUri("/kb/Root/Beta/Beta.md")]),
        "### Mini Description\n\nBeta.\n\n### Order\n\n1. Gamma\n2. Delta\n",
      );
      const result = service.fixAll("/kb/Root/Beta/Beta.md")!;
      assert.deepEqual(result.fixed.map((diagnostic) => diagnostic.code).sort(), [
        "order/unknown-entry",
        "order/unlisted-child",
        "section/unknown",
      ]);
      assert.deepEqual(result.remaining, []);
    });

    it("is left out unless the client asks for source actions, and quick fixes are left out when it asks only for those", () => {
      const { service } = serviceWithCursor(map, "/kb/Root/Beta/Beta.md", text);
      const diagnostics = service.validate("/kb/Root/Beta/Beta.md")!.diagnostics;
      const range = diagnostics[0].range;
      const kinds = (only?: string[]) =>
        new Set(service.getCodeActions("/kb/Root/Beta/Beta.md", range, diagnostics, only).map((a) => a.kind));
      assert.deepEqual(kinds(), new Set(["quickfix"]));
      assert.deepEqual(kinds(["quickfix"]), new Set(["quickfix"]));
      assert.deepEqual(kinds(["source"]), new Set(["source.fixAll"]));
    });
  });

  it("offers nothing for a diagnostic the text no longer has (the client's copy is stale)", () => {
    const { service } = serviceWithCursor(map, "/kb/Root/Root.md", "<|>### Order\n\n1. Alpha\n2. Beta\n");
    const stale: Diagnostic = {
      range: { start: { line: 2, character: 3 }, end: { line: 2, character: 8 } },
      code: "order/unknown-entry",
      source: "kb-author",
      message: "No child folder `Alpah` here: did you mean `Alpha`?",
      data: { suggestion: "Alpha" },
    };
    assert.deepEqual(service.getCodeActions("/kb/Root/Root.md", stale.range, [stale]), []);
  });

  it("attaches the diagnostic to each action and edits only the document", () => {
    const fixes = fixesAt(
      map,
      "/kb/Root/Root.md",
      "### Order\n\n1. Alpha\n<|>2. Betta\n",
      "order/unknown-entry",
    );
    for (const action of fixes.actions) {
      assert.equal(action.kind, "quickfix");
      assert.deepEqual(action.diagnostics, fixes.diagnostics);
      assert.deepEqual(Object.keys(action.edit!.changes!), [pathToUri("/kb/Root/Root.md")]);
    }
  });
});

describe("the edits of a fix (text diff)", () => {
  /** A small deterministic pseudo-random generator (mulberry32). */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // (A lone CR is not a line break to the core's LineIndex, unlike to editors: it is left out here.)
  const pieces = ["### Order", "", "1. Alpha", "2. Beta", "Text 😀 here", "### Mini Description", "x", "  "];

  it("gives back exactly the new text, with edits that neither overlap nor split a CRLF or a surrogate pair", () => {
    const next = random(42);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const textOf = () => {
      const eol = next() < 0.3 ? "\r\n" : "\n";
      const lines = Array.from({ length: Math.floor(next() * 12) }, () => pick(pieces));
      return lines.join(eol) + (next() < 0.5 ? eol : "");
    };
    for (let i = 0; i < 2000; i++) {
      const before = textOf();
      const after = next() < 0.5 ? textOf() : before.replace(/Alpha|Beta|😀/, (word) => word + "s");
      const edits = editsBetween(before, after);
      assert.equal(applyEdits(before, edits), after, JSON.stringify({ before, after, edits }));
      const lines = new LineIndex(before);
      const spans = edits.map((edit) => [lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)]);
      for (let k = 1; k < spans.length; k++) assert.ok(spans[k - 1][1] < spans[k][0], JSON.stringify(edits));
      for (const [start, end] of spans) {
        for (const offset of [start, end]) {
          const pair = before.slice(offset - 1, offset + 1);
          assert.ok(pair !== "\r\n" && !/^[\ud800-\udbff][\udc00-\udfff]$/.test(pair), JSON.stringify(edits));
        }
      }
    }
  });

  it("diffs only the lines a fix wrote: its edits lie there and give back exactly the new text", () => {
    const next = random(7);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const some = () => Array.from({ length: Math.floor(next() * 3) }, () => pick(pieces));
    for (let i = 0; i < 3000; i++) {
      const eol = next() < 0.3 ? "\r\n" : "\n";
      const before =
        Array.from({ length: Math.floor(next() * 12) }, () => pick(pieces)).join(eol) +
        (next() < 0.5 ? eol : "");
      const lines = new TextLines(new LineIndex(before));
      const steps: string[] = [];
      for (let step = Math.floor(next() * 4); step > 0; step--) {
        const at = Math.floor(next() * (lines.count + 1));
        const kind = pick(["replace", "insert", "remove", "block"]);
        steps.push(`${kind} ${at}`);
        if (kind === "replace" && at < lines.count) lines.replace(at, pick(pieces));
        else if (kind === "insert") lines.insert(at, some());
        else if (kind === "remove") lines.remove(at, at + Math.floor(next() * 3));
        else if (kind === "block") lines.insertBlock(at, some());
      }
      const after = lines.toString();
      const edits = lines.edits();
      const why = JSON.stringify({ before, steps, after, edits });
      assert.equal(applyEdits(before, edits), after, why);
      assert.equal(edits.length === 0, before === after, why);
      // No edit covers a character or a line break of a line the fix kept.
      const kept = new Set(lines.origins.filter((origin) => origin !== -1));
      for (const { range } of edits) {
        for (let line = range.start.line; line <= range.end.line; line++) {
          const from = line === range.start.line ? range.start.character : 0;
          const covered = line < range.end.line || range.end.character > from;
          assert.ok(!covered || !kept.has(line), `${why}: line ${line} was kept`);
        }
      }
    }
  });
});
