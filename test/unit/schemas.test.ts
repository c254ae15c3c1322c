import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { corpusDir, itWithShared } from "../support/sharedData";

/** Runs from out/test/unit/, so the repository root is three folders up. */
const repoRoot = path.resolve(__dirname, "../../..");
const schemasDir = path.join(repoRoot, "schemas");
const examplesDir = path.join(repoRoot, "examples");
/** The shared real-world corpus (read only). Tests that need it are skipped when it is absent. */

const schemaNames = ["topic", "papers", "meta", "kb-author"] as const;
type SchemaName = (typeof schemaNames)[number];

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
}

function loadSchema(name: SchemaName): Record<string, unknown> {
  return readJson(path.join(schemasDir, `${name}.schema.json`)) as Record<string, unknown>;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

function compile(name: SchemaName): ValidateFunction {
  return newAjv().compile(loadSchema(name));
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`).join("; ");
}

/** Every `papers.json` below `dir`, in a stable order. */
function findPapersFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "papers.json") found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

/** Every folder name below `dir` (not `dir` itself), with its path. */
function findFolders(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(current, entry.name);
      found.push(full);
      walk(full);
    }
  };
  walk(dir);
  return found;
}

/** Paths (JSON-pointer-like) of every entry of a `properties` object that has no `description`. */
function propertiesWithoutDescription(node: unknown, where = "#"): string[] {
  if (node === null || typeof node !== "object") return [];
  if (Array.isArray(node))
    return node.flatMap((item, i) => propertiesWithoutDescription(item, `${where}/${i}`));
  const missing: string[] = [];
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === "properties" && value !== null && typeof value === "object") {
      for (const [prop, propSchema] of Object.entries(value as Record<string, unknown>)) {
        const described =
          propSchema !== null &&
          typeof propSchema === "object" &&
          typeof (propSchema as Record<string, unknown>)["description"] === "string" &&
          ((propSchema as Record<string, unknown>)["description"] as string).length > 0;
        if (!described) missing.push(`${where}/properties/${prop}`);
      }
    }
    missing.push(...propertiesWithoutDescription(value, `${where}/${key}`));
  }
  return missing;
}

describe("JSON Schemas (schemas/*.json)", () => {
  describe("every schema", () => {
    for (const name of schemaNames) {
      it(`${name}.schema.json compiles in ajv strict mode and is documented`, () => {
        const schema = loadSchema(name);
        assert.equal(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert.equal(schema["$id"], `https://kb-author.dev/schemas/${name}.schema.json`);
        assert.equal(typeof schema["title"], "string");
        assert.equal(typeof schema["description"], "string");
        assert.doesNotThrow(() => newAjv().compile(schema));
        assert.deepEqual(propertiesWithoutDescription(schema), [], "every property needs a description");
      });
    }

    it("all four schemas can be registered together (distinct $ids)", () => {
      const ajv = newAjv();
      for (const name of schemaNames) ajv.addSchema(loadSchema(name));
      for (const name of schemaNames) {
        assert.ok(ajv.getSchema(`https://kb-author.dev/schemas/${name}.schema.json`));
      }
    });
  });

  describe("topic.schema.json", () => {
    const validate = compile("topic");
    const seed = {
      title: "International Coordination",
      description:
        "Global cooperation on AI safety and governance, focusing on mechanisms for coordinated development and deployment of advanced AI systems.",
      importance: 82,
      quality: 4,
      llmSummary:
        "Evaluates international coordination on AI safety, particularly US-China cooperation, finding low tractability due to geopolitical tensions but high importance if alignment is difficult.",
    };

    it("accepts the seed topic's frontmatter", () => {
      assert.ok(validate(seed), describeErrors(validate.errors));
    });

    it("accepts keys it does not know (real wikis add keys) and $schema", () => {
      const extended = {
        ...seed,
        $schema: "../schemas/topic.schema.json",
        lastEdited: "2025-01-03",
        clusters: ["ai-safety"],
      };
      assert.ok(validate(extended), describeErrors(validate.errors));
    });

    it("rejects importance 120", () => {
      assert.equal(validate({ ...seed, importance: 120 }), false);
      assert.ok(validate.errors?.some((e) => e.instancePath === "/importance" && e.keyword === "maximum"));
    });

    it("rejects a missing or empty title, and non-numeric quality", () => {
      const untitled: Record<string, unknown> = { ...seed };
      delete untitled["title"];
      assert.equal(validate(untitled), false);
      assert.ok(validate.errors?.some((e) => e.keyword === "required"));
      assert.equal(validate({ ...seed, title: "" }), false);
      assert.equal(validate({ ...seed, quality: "4" }), false);
    });
  });

  describe("papers.schema.json", () => {
    const validate = compile("papers");
    const paper = {
      url: "https://arxiv.org/abs/2411.15832",
      title: "Creating Scalable AGI: the Open General Intelligence Framework",
      published_date: "2024-11-24",
      summary: "A framework paper.",
      citation_count: 3,
    };

    it("accepts a well-formed list", () => {
      assert.ok(validate([paper, { ...paper, url: "http://example.org/p", author: "A. Author, B. Author" }]));
    });

    it("rejects near-misses", () => {
      const withoutUrl: Record<string, unknown> = { ...paper };
      delete withoutUrl["url"];
      const nearMisses: Array<[string, unknown]> = [
        ["a paper without url", [withoutUrl]],
        ["published_date 2024/01/01", [{ ...paper, published_date: "2024/01/01" }]],
        ["published_date 2024-13-01", [{ ...paper, published_date: "2024-13-01" }]],
        ["an ftp url", [{ ...paper, url: "ftp://example.org/p.pdf" }]],
        ["citation_count 0", [{ ...paper, citation_count: 0 }]],
        ["citation_count 2.5", [{ ...paper, citation_count: 2.5 }]],
        ["author as an array", [{ ...paper, author: ["A. Author"] }]],
        ["a misspelt key (publishedDate)", [{ ...paper, publishedDate: "2024-11-24" }]],
        ["an empty list", []],
        ["26 papers", Array.from({ length: 26 }, () => paper)],
        ["an object instead of a list", paper],
      ];
      for (const [label, data] of nearMisses) assert.equal(validate(data), false, `should reject ${label}`);
    });

    it("accepts the bundled examples' papers.json files", () => {
      const files = findPapersFiles(examplesDir);
      assert.ok(files.length >= 1, "examples/ should hold at least one papers.json");
      for (const file of files)
        assert.ok(validate(readJson(file)), `${file}: ${describeErrors(validate.errors)}`);
    });

    itWithShared("corpus", "accepts every papers.json of the shared corpus (1,135 files)", function () {
      const mapRoot = path.join(corpusDir, "AI_Safety");
      const files = findPapersFiles(mapRoot);
      const invalid: string[] = [];
      let papers = 0;
      for (const file of files) {
        const data = readJson(file);
        if (Array.isArray(data)) papers += data.length;
        if (!validate(data))
          invalid.push(`${path.relative(corpusDir, file)}: ${describeErrors(validate.errors)}`);
      }
      console.log(`      validated ${files.length} papers.json files (${papers} papers)`);
      assert.deepEqual(invalid, []);
      assert.equal(files.length, 1135);
    });
  });

  describe("meta.schema.json", () => {
    const validate = compile("meta");

    itWithShared("corpus", "accepts the corpus meta.json", function () {
      const file = path.join(corpusDir, "meta.json");
      assert.ok(validate(readJson(file)), describeErrors(validate.errors));
    });

    it("accepts the bundled examples/meta.json", () => {
      assert.ok(validate(readJson(path.join(examplesDir, "meta.json"))), describeErrors(validate.errors));
    });

    it("accepts unknown keys but rejects near-misses", () => {
      assert.ok(validate({ rootDir: "AI_Safety", futureSetting: 1 }));
      assert.equal(validate({ title: "AI Safety Map" }), false, "meta.json without rootDir");
      assert.equal(validate({ rootDir: "AI_Safety/Ethics" }), false, "rootDir with a slash");
      assert.equal(validate({ rootDir: ".." }), false, "rootDir ..");
      assert.equal(
        validate({ rootDir: "AI_Safety", disableExpandAll: "yes" }),
        false,
        "string for a boolean",
      );
      assert.equal(
        validate({ rootDir: "AI_Safety", dropdownLinks: [{ title: "Repo" }] }),
        false,
        "link without url",
      );
      assert.equal(
        validate({ rootDir: "AI_Safety", customSettings: { titlesMode: { depthLimit: "3" } } }),
        false,
        "string for a layout number",
      );
    });
  });

  describe("kb-author.schema.json", () => {
    const validate = compile("kb-author");
    const schema = loadSchema("kb-author");
    const fullConfig = {
      $schema: "./schemas/kb-author.schema.json",
      assign: [
        { files: ["wiki/**/*.mdx"], kind: "topic" },
        { files: ["notes/**"], kind: null },
      ],
      kinds: {
        topic: {
          frontmatter: { required: true, schema: "./schemas/topic.schema.json" },
          sections: {
            level: 2,
            allowUnknown: true,
            rules: [
              {
                heading: "Overview",
                level: 2,
                presence: "required",
                repeatable: false,
                description: "what the section is for",
                template: "text inserted by the quick fix",
              },
            ],
          },
        },
        "map-node": {
          frontmatter: { required: false },
          sections: {
            level: 3,
            allowUnknown: false,
            rules: [
              { heading: "Mini Description", level: 3, presence: "required-except-on-root" },
              { heading: "Description", level: 3, presence: "required-on-nodes-with-children" },
              { heading: "Related Nodes", level: 3, presence: "optional" },
              { heading: "Order", level: 3, presence: "required-on-nodes-with-children" },
            ],
          },
        },
      },
      severity: { "section/empty": "off" },
      overrides: [{ files: ["drafts/**"], severity: { "section/missing": "warning" } }],
      maxFileSize: 2097152,
      nodeNamePattern: "^[\\p{L}\\p{N}_\\-]+$",
    };

    it("accepts an empty configuration and a complete one", () => {
      assert.ok(validate({}), describeErrors(validate.errors));
      assert.ok(validate(fullConfig), describeErrors(validate.errors));
    });

    it("rejects an unknown severity code, a bad severity and a bad presence", () => {
      assert.equal(validate({ severity: { "section/missng": "off" } }), false, "unknown severity code");
      assert.equal(validate({ severity: { "section/empty": "fatal" } }), false, "unknown severity name");
      assert.equal(
        validate({ overrides: [{ files: ["drafts/**"], severity: { "no/such-code": "warning" } }] }),
        false,
        "unknown code in an override",
      );
      const rule = { heading: "Overview", level: 2, presence: "sometimes" };
      assert.equal(
        validate({ kinds: { topic: { sections: { rules: [rule] } } } }),
        false,
        "presence sometimes",
      );
    });

    it("rejects typos and out-of-range values at every level", () => {
      const nearMisses: Array<[string, unknown]> = [
        ["an unknown top-level key", { maxFilesize: 10 }],
        ["a kind of one's own with an unknown base", { kinds: { page: { base: "html" } } }],
        ["a kind of one's own with an unknown setting", { kinds: { page: { bas: "topic" } } }],
        ["an unknown kind setting", { kinds: { topic: { frontmater: {} } } }],
        ["an unknown frontmatter setting", { kinds: { topic: { frontmatter: { requird: true } } } }],
        ["section level 7", { kinds: { topic: { sections: { level: 7 } } } }],
        ["a rule without heading", { kinds: { topic: { sections: { rules: [{ level: 2 }] } } } }],
        ["a rule level 0", { kinds: { topic: { sections: { rules: [{ heading: "A", level: 0 }] } } } }],
        ["an assignment with an empty kind", { assign: [{ files: ["**/*.md"], kind: "" }] }],
        ["an assignment without files", { assign: [{ kind: "topic" }] }],
        ["maxFileSize 0", { maxFileSize: 0 }],
        ["maxFileSize 1.5", { maxFileSize: 1.5 }],
      ];
      for (const [label, data] of nearMisses) assert.equal(validate(data), false, `should reject ${label}`);
    });

    it("lists exactly the diagnostic codes of server/src/core/diagnosticCodes.ts", function () {
      const source = path.join(repoRoot, "server/src/core/diagnosticCodes.ts");
      if (!fs.existsSync(source)) this.skip();
      const text = fs.readFileSync(source, "utf8");
      const table = /defaultSeverities\s*=\s*\{([\s\S]*?)\}\s*as const/.exec(text);
      assert.ok(table, "defaultSeverities table not found");
      const codes = [...(table[1] ?? "").matchAll(/"([^"]+)":/g)].map((m) => m[1]);
      assert.ok(codes.length > 40, `only ${codes.length} codes found`);
      const definitions = schema["definitions"] as Record<string, { properties: Record<string, unknown> }>;
      const severityCodes = Object.keys(definitions["severityMap"]?.properties ?? {});
      assert.deepEqual([...severityCodes].sort(), [...codes].sort());
    });

    const defaultNodeNamePattern = () => {
      const properties = schema["properties"] as Record<string, { default?: unknown }>;
      return new RegExp(String(properties["nodeNamePattern"]?.default), "u");
    };

    it("has a default nodeNamePattern that accepts letters beyond ASCII and hyphens, not spaces", function () {
      const pattern = defaultNodeNamePattern();
      assert.ok(pattern.test("Löbian_Obstacle"));
      assert.ok(pattern.test("Meta-Monitoring"));
      assert.equal(pattern.test("Has Space"), false);
    });

    itWithShared(
      "corpus",
      "has a default nodeNamePattern that accepts every folder of the corpus map",
      function () {
        const pattern = defaultNodeNamePattern();
        const mapRoot = path.join(corpusDir, "AI_Safety");
        const folders = findFolders(mapRoot);
        assert.equal(folders.length, 5797);
        assert.deepEqual(
          folders.filter((folder) => !pattern.test(path.basename(folder))),
          [],
        );
      },
    );
  });
});
