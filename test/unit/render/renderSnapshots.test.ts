import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Root } from "hast";
import { editorTarget, renderIn, select, selectOne, textOf } from "./renderSupport";
import { itWithShared, seedsDir } from "../../support/sharedData";

/**
 * HTML snapshots of whole pages (test/render-snapshots/<name>.html; regenerate with
 * KB_AUTHOR_UPDATE_SNAPSHOTS=1), plus assertions on their structure read with an HTML parser.
 * The seeds are read in place from ../shared/seeds and placed in an in-memory map.
 */

const repoRoot = path.resolve(__dirname, "../../../..");
const snapshotFolder = path.join(repoRoot, "test/render-snapshots");
const seedFolder = seedsDir;
const updateSnapshots = process.env.KB_AUTHOR_UPDATE_SNAPSHOTS === "1";

const governance = "/kb/AI_Safety/Governance_and_Policy";
const coordination = `${governance}/International_Coordination`;
const children = [
  "Treaty_Frameworks",
  "Standards_Harmonization",
  "Information_Sharing_Systems",
  "Crisis_Response_Protocols",
  "Capacity_Building",
];
const meta = JSON.stringify({ rootDir: "AI_Safety", coverRootDescription: "The whole field." });

function seed(name: string): string {
  return fs.readFileSync(path.join(seedFolder, name), "utf8");
}

/** The map-node seed at its home path, with its ancestors and its five children. */
function seedMap(): Record<string, string> {
  return {
    "/kb/meta.json": meta,
    "/kb/AI_Safety/AI_Safety.md": "### Description\n\nAll of it.\n\n### Order\n\n1. Governance_and_Policy\n",
    [`${governance}/Governance_and_Policy.md`]:
      "### Mini Description\n\nPolicy.\n\n### Description\n\nLaws.\n\n### Order\n\n1. International_Coordination\n",
    [`${coordination}/International_Coordination.md`]: seed("map-node-International_Coordination.md"),
    ...Object.fromEntries(
      children.map((child, index) => [
        `${coordination}/${child}/${child}.md`,
        `### Mini Description\n\n${child.replace(/_/g, " ")} research, part ${index + 1}.\n`,
      ]),
    ),
  };
}

/** A node with Related Nodes (with reasons, one broken) and papers.json. */
function relatedMap(): Record<string, string> {
  return {
    "/kb/meta.json": meta,
    "/kb/AI_Safety/AI_Safety.md": "### Description\n\nAll.\n\n### Order\n\n1. Ethics\n2. Governance\n",
    "/kb/AI_Safety/Governance/Governance.md": "### Mini Description\n\nLaws and treaties.\n",
    "/kb/AI_Safety/Ethics/Ethics.md": [
      "### Mini Description",
      "",
      "Values and *norms* of AI.",
      "",
      "### Description",
      "",
      "Ethics asks what AI **should** do. See [Governance](../Governance/Governance.md).",
      "",
      "### Related Nodes",
      "",
      "- [Governance](/AI_Safety/Governance/Governance.md)",
      "\t- Reason: Rules enforce values.",
      "- [Gone](/AI_Safety/Gone/Gone.md)",
      "\t- Reason: It moved.",
      "",
      "### Notes",
      "",
      "Free text section.",
      "",
    ].join("\n"),
    "/kb/AI_Safety/Ethics/papers.json": JSON.stringify([
      {
        url: "https://arxiv.org/abs/1",
        title: "Machine Ethics",
        published_date: "2021-05-01",
        citation_count: 12,
      },
      { url: "https://arxiv.org/abs/2", title: "Value Learning", published_date: "2023-02-03" },
    ]),
  };
}

function matchSnapshot(name: string, html: string): void {
  const actual = pretty(html);
  const file = path.join(snapshotFolder, `${name}.html`);
  if (updateSnapshots) {
    fs.mkdirSync(snapshotFolder, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(
    fs.existsSync(file),
    `no snapshot ${file}: run the tests with KB_AUTHOR_UPDATE_SNAPSHOTS=1 to write it`,
  );
  assert.equal(actual, fs.readFileSync(file, "utf8"), `${name}.html differs from its snapshot`);
}

/** One block per line, so that snapshot diffs are readable (whitespace between blocks is not significant). */
function pretty(html: string): string {
  return (
    html
      .replace(/\n/g, "")
      .replace(/(?=<(?:article|div|nav|h1|h2|section|ol|ul|li|p|header|pre|table)[ >])/g, "\n")
      .trim() + "\n"
  );
}

function cardSummaries(tree: Root): string[] {
  return select(tree, "p.kb-card-summary").map(textOf);
}

describe("rendered pages (snapshots)", () => {
  itWithShared(
    "seeds",
    "the map-node seed: breadcrumb, title, lead, description and five child cards in Order",
    function () {
      const { page, tree } = renderIn(
        seedMap(),
        `${coordination}/International_Coordination.md`,
        editorTarget,
      );
      matchSnapshot("map-node-seed", page.html);
      assert.equal(page.title, "International Coordination");
      assert.equal(page.kind, "map-node");
      assert.equal(selectOne(tree, "article.kb-page").properties.dataKind, "map-node");
      assert.equal(textOf(selectOne(tree, "h1.kb-title")), "International Coordination");
      assert.deepEqual(
        select(tree, "nav.kb-breadcrumb").flatMap((nav) => select(nav, "a.kb-node-link").map(textOf)),
        ["AI Safety", "Governance and Policy"],
      );
      assert.match(textOf(selectOne(tree, "div.kb-lead")), /^Research on mechanisms for global cooperation/);
      const sections = select(tree, "section.kb-section");
      assert.deepEqual(
        sections.map((s) => s.properties.dataSection),
        ["description", "order"],
      );
      assert.equal(select(sections[0], "p").length, 3);
      const cards = select(tree, "li.kb-card");
      assert.equal(cards.length, 5);
      assert.deepEqual(
        cards.map((card) => textOf(selectOne(card, "span.kb-card-title"))),
        children.map((c) => c.replace(/_/g, " ")),
      );
      assert.deepEqual(
        cardSummaries(tree),
        children.map((c, i) => `${c.replace(/_/g, " ")} research, part ${i + 1}.`),
      );
      assert.deepEqual(
        cards.map((card) => card.properties.dataLine),
        ["14", "15", "16", "17", "18"],
      );
      assert.equal(select(tree, "div.kb-problems").length, 0);
      assert.deepEqual(page.problems, { errors: 0, warnings: 0 });
    },
  );

  itWithShared(
    "seeds",
    "the topic seed: header card with title, description, badges and summary, then the body",
    function () {
      const text = seed("topic-entry-international-coordination.md");
      const { page, tree } = renderIn(
        { "/kb/wiki/international-coordination.md": text },
        "/kb/wiki/international-coordination.md",
      );
      matchSnapshot("topic-seed", page.html);
      assert.equal(page.kind, "topic");
      assert.equal(page.title, "International Coordination");
      const header = selectOne(tree, "header.kb-topic-header");
      assert.equal(textOf(selectOne(header, "h1.kb-title")), "International Coordination");
      assert.match(textOf(selectOne(header, "p.kb-description")), /^Global cooperation on AI safety/);
      assert.equal(textOf(selectOne(header, "span.kb-badge.kb-badge-importance")), "Importance: 82");
      assert.equal(textOf(selectOne(header, "span.kb-badge.kb-badge-quality")), "Quality: 4");
      assert.match(
        textOf(selectOne(header, "div.kb-summary")),
        /^Evaluates international coordination .* very unlikely\.$/,
      );
      const headings = select(selectOne(tree, "div.kb-body"), "h2").map(textOf);
      assert.equal(headings[0], "Critical Cooperation Areas and Feasibility");
      const lines = text.split("\n");
      for (const heading of select(tree, "h2")) {
        const line = Number(heading.properties.dataLine);
        assert.equal(lines[line], `## ${textOf(heading)}`, `data-line of ${textOf(heading)}`);
      }
    },
  );

  it("a node with Related Nodes (reasons, a broken link), another section and papers.json", () => {
    const { page, tree } = renderIn(relatedMap(), "/kb/AI_Safety/Ethics/Ethics.md", editorTarget);
    matchSnapshot("node-related-papers", page.html);
    assert.equal(textOf(selectOne(tree, "div.kb-lead")), "Values and norms of AI.");
    const related = select(tree, "section.kb-section").find((s) => s.properties.dataSection === "related");
    assert.ok(related);
    const cards = select(related, "li.kb-card");
    assert.equal(cards.length, 2);
    assert.equal(textOf(selectOne(cards[0], "p.kb-card-reason")), "Rules enforce values.");
    assert.equal(
      selectOne(cards[0], "a.kb-card-link").properties.dataKbOpen,
      "file:///kb/AI_Safety/Governance/Governance.md",
    );
    assert.ok(
      select(cards[1], "a.kb-broken-link").length === 1 &&
        cards[1].properties.className?.toString().includes("kb-broken"),
    );
    assert.match(textOf(selectOne(cards[1], "p.kb-broken-reason")), /does not exist/);
    assert.equal(textOf(selectOne(cards[1], "p.kb-card-reason")), "It moved.");
    const sections = select(tree, "section.kb-section").map((s) => s.properties.dataSection);
    assert.deepEqual(sections, ["description", "related", "notes", "papers"]);
    const papers = select(tree, "li.kb-paper");
    assert.equal(papers.length, 2);
    assert.equal(selectOne(papers[0], "a.kb-external").properties.href, "https://arxiv.org/abs/1");
    assert.equal(textOf(selectOne(papers[0], "span.kb-paper-date")), "2021-05-01");
    assert.equal(textOf(selectOne(papers[0], "span.kb-paper-citations")), "12 citations");
    assert.equal(select(papers[1], "span.kb-paper-citations").length, 0);
    assert.ok(page.problems.errors >= 1, "the broken Related Nodes link is an error");
    const banner = selectOne(tree, "div.kb-problems");
    assert.equal(banner.properties.role, "alert");
    const problem = select(banner, "li.kb-problem.kb-error").find((li) =>
      textOf(li).includes("link/unresolved"),
    );
    assert.ok(problem);
    assert.equal(selectOne(problem, "a.kb-line-link").properties.dataKbLine, "12");
  });
});
