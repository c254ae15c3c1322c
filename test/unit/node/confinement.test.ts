import * as assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLanguageService } from "../../../server/src/core";
import { NodeFileSystem, toCorePath } from "../../../server/src/node/nodeFileSystem";

/**
 * Issue 16, point 1: every read stays in the workspace, judged on real paths. The workspace is `kb/` in a
 * temporary folder; `outside/` beside it holds a secret that no answer may reveal, not even whether it
 * exists.
 */
describe("NodeFileSystem confinement (reads stay in the workspace, after symbolic links)", () => {
  let base: string;
  let kb: string;
  const fileSystem = new NodeFileSystem();
  const core = (...names: string[]) => toCorePath(path.join(kb, ...names));
  const secret = "root:x:0:0:secret\n";

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-confine-"));
    kb = path.join(base, "kb");
    fs.mkdirSync(path.join(kb, "Inside"), { recursive: true });
    fs.mkdirSync(path.join(base, "outside"));
    fs.writeFileSync(path.join(base, "outside", "passwd"), secret);
    fs.writeFileSync(path.join(kb, "Inside", "real.md"), "# Real\n");
    fileSystem.confineTo([toCorePath(kb)]);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it("refuses a file linked to a file outside, and one linked to a missing file outside, alike", () => {
    fs.symlinkSync(path.join(base, "outside", "passwd"), path.join(kb, "notes.md"));
    fs.symlinkSync(path.join(base, "outside", "missing"), path.join(kb, "gone.md"));
    assert.deepEqual(fileSystem.readFileUpTo(core("notes.md"), 1000), { outsideWorkspace: true });
    assert.deepEqual(fileSystem.readFileUpTo(core("gone.md"), 1000), { outsideWorkspace: true });
    assert.equal(fileSystem.readFile(core("notes.md")), undefined);
    const outsideLink = { type: "file", size: 0, outsideWorkspace: true };
    assert.deepEqual(fileSystem.stat(core("notes.md")), outsideLink);
    assert.deepEqual(fileSystem.stat(core("gone.md")), outsideLink);
  });

  it("refuses a path that leads out through a linked folder (`up -> ..`), though its string stays inside", () => {
    fs.symlinkSync("..", path.join(kb, "up"));
    const through = core("up", "outside", "passwd");
    assert.deepEqual(fileSystem.readFileUpTo(through, 1000), { outsideWorkspace: true });
    assert.equal(fileSystem.readFile(through), undefined);
    assert.equal(fileSystem.stat(through), undefined);
    assert.equal(fileSystem.readDirectory(core("up", "outside")), undefined);
  });

  it("lists a link leading outside as a file (its read is refused), whatever it names, and leaves out links to folders inside", () => {
    fs.symlinkSync(path.join(base, "outside", "passwd"), path.join(kb, "notes.md"));
    fs.symlinkSync(path.join(base, "outside", "missing"), path.join(kb, "gone.md"));
    fs.symlinkSync(path.join(base, "outside"), path.join(kb, "Out"));
    fs.symlinkSync("Inside/real.md", path.join(kb, "alias.md"));
    fs.symlinkSync("Inside/nothing.md", path.join(kb, "dangling.md"));
    fs.symlinkSync("Inside", path.join(kb, "Loop"));
    const listed = fileSystem.readDirectory(core())?.map((entry) => `${entry.name}:${entry.type}`);
    assert.deepEqual(listed?.sort(), [
      "Inside:directory",
      "Out:file",
      "alias.md:file",
      "gone.md:file",
      "notes.md:file",
    ]);
  });

  it("reads a link to a file inside the workspace, and a workspace folder that is itself a link", () => {
    fs.symlinkSync("Inside/real.md", path.join(kb, "alias.md"));
    assert.equal(
      Buffer.from(fileSystem.readFileUpTo(core("alias.md"), 1000) as Uint8Array).toString(),
      "# Real\n",
    );
    const linkedRoot = path.join(base, "linked-kb");
    fs.symlinkSync(kb, linkedRoot);
    fileSystem.confineTo([toCorePath(linkedRoot)]);
    const viaLink = toCorePath(path.join(linkedRoot, "Inside", "real.md"));
    assert.equal(Buffer.from(fileSystem.readFileUpTo(viaLink, 1000) as Uint8Array).toString(), "# Real\n");
    assert.deepEqual(fileSystem.stat(toCorePath(linkedRoot)), {
      type: "directory",
      size: fs.statSync(kb).size,
    });
  });

  it("judges a folder again once the tree changed there: a folder replaced by a link to outside", () => {
    assert.ok(fileSystem.readDirectory(core()));
    assert.ok(fileSystem.readFileUpTo(core("Inside", "real.md"), 1000) instanceof Uint8Array);
    fs.rmSync(path.join(kb, "Inside"), { recursive: true });
    fs.symlinkSync(path.join(base, "outside"), path.join(kb, "Inside"));
    fileSystem.forget([core("Inside")]);
    assert.deepEqual(fileSystem.readFileUpTo(core("Inside", "passwd"), 1000), { outsideWorkspace: true });
  });

  it("reads nothing outside when no folder is open", () => {
    fileSystem.confineTo([]);
    assert.deepEqual(fileSystem.readFileUpTo(core("Inside", "real.md"), 1000), { outsideWorkspace: true });
    assert.equal(fileSystem.readDirectory(core()), undefined);
  });

  it("answers a named pipe inside the workspace at once, as no regular file, with or without a writer", async () => {
    const fifo = path.join(kb, "pipe.md");
    execFileSync("mkfifo", [fifo]);
    assert.deepEqual(fileSystem.readFileUpTo(core("pipe.md"), 1000), {
      unreadable: "it is not a regular file",
    });
    assert.equal(fileSystem.stat(core("pipe.md")), undefined);
    assert.deepEqual(
      fileSystem.readDirectory(core())?.map((entry) => entry.name),
      ["Inside"],
      "a pipe is not listed",
    );
    // A writer that holds the pipe open without writing (`<>` opens it without waiting for a reader): a
    // blocking read would wait for ever. It says "ready" once the pipe is open.
    const writer = spawn("sh", ["-c", `exec 3<>"${fifo}"; echo ready; read -r _`], {
      stdio: ["pipe", "pipe", "ignore"],
    });
    try {
      await new Promise((resolve) => writer.stdout.once("data", resolve));
      assert.deepEqual(fileSystem.readFileUpTo(core("pipe.md"), 1000), {
        unreadable: "it is not a regular file",
      });
    } finally {
      writer.stdin.end();
      writer.kill();
    }
  });

  it("refuses a device linked from inside (`/dev/zero`), without reading it", () => {
    fs.symlinkSync("/dev/zero", path.join(kb, "schema.json"));
    assert.deepEqual(fileSystem.readFileUpTo(core("schema.json"), 1000), { outsideWorkspace: true });
    assert.equal(fileSystem.readFile(core("schema.json")), undefined);
  });
});

/** The same attacks through the language service, as the CLI and the server run it. */
describe("the language service on a disk with links that lead out of the workspace", () => {
  let base: string;
  let kb: string;
  const core = (...names: string[]) => toCorePath(path.join(kb, ...names));
  const secret = "root:x:0:0:secret";

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "kb-author-confine-"));
    kb = path.join(base, "kb");
    fs.mkdirSync(kb);
    fs.mkdirSync(path.join(base, "outside"));
    fs.writeFileSync(path.join(base, "outside", "passwd"), `${secret}\n`);
    fs.writeFileSync(
      path.join(base, "outside", "enum.schema.json"),
      JSON.stringify({ properties: { status: { enum: ["secret-enum-value"] } } }),
    );
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const serviceOf = () =>
    createLanguageService({ fileSystem: new NodeFileSystem(), workspaceRoots: [toCorePath(kb)] });
  const topic = (name: string, frontmatter: string) =>
    fs.writeFileSync(path.join(kb, name), `---\ntitle: A page\n${frontmatter}---\n\nBody.\n`);

  it("reports a page linked to /etc/passwd-like content by its link, never quoting what is there", () => {
    fs.symlinkSync(path.join(base, "outside", "passwd"), path.join(kb, "notes.md"));
    const report = serviceOf().validate(core("notes.md"));
    assert.deepEqual(
      report?.diagnostics.map((diagnostic) => diagnostic.code),
      ["file/outside-workspace"],
    );
    assert.ok(!JSON.stringify(report).includes("root:x"));
  });

  it("applies no schema read through a link, a linked folder or a `$ref` that leads out; says why without its content", () => {
    fs.symlinkSync(path.join(base, "outside", "enum.schema.json"), path.join(kb, "schema.json"));
    fs.symlinkSync("..", path.join(kb, "up"));
    fs.writeFileSync(path.join(kb, "ref.schema.json"), JSON.stringify({ $ref: "./schema.json" }));
    topic("linked.md", "$schema: ./schema.json\nstatus: draft\n");
    topic("through-folder.md", "$schema: ./up/outside/enum.schema.json\nstatus: draft\n");
    topic("through-ref.md", "$schema: ./ref.schema.json\nstatus: draft\n");
    const service = serviceOf();
    for (const page of ["linked.md", "through-folder.md", "through-ref.md"]) {
      const report = service.validate(core(page));
      assert.deepEqual(
        report?.diagnostics.map((diagnostic) => diagnostic.code),
        ["frontmatter/schema"],
        page,
      );
      assert.ok(!JSON.stringify(report).includes("secret-enum-value"), page);
    }
  });

  it("refuses a schema linked to /dev/zero or to a named pipe at once, without reading it", () => {
    fs.symlinkSync("/dev/zero", path.join(kb, "zero.schema.json"));
    execFileSync("mkfifo", [path.join(kb, "pipe.schema.json")]);
    topic("zero.md", "$schema: ./zero.schema.json\n");
    topic("pipe.md", "$schema: ./pipe.schema.json\n");
    const service = serviceOf();
    for (const page of ["zero.md", "pipe.md"])
      assert.deepEqual(
        service.validate(core(page))?.diagnostics.map((diagnostic) => diagnostic.code),
        ["frontmatter/schema"],
        page,
      );
  });

  it("previews no file outside the workspace, named directly or through a link", () => {
    fs.writeFileSync(path.join(base, "outside", "page.md"), `# ${secret}\n`);
    fs.symlinkSync(path.join(base, "outside", "page.md"), path.join(kb, "linked.md"));
    const service = serviceOf();
    const target = { kind: "editor" as const, resourceRoots: [{ folder: core(), webviewBase: "https://w" }] };
    for (const file of [toCorePath(path.join(base, "outside", "page.md")), core("linked.md")]) {
      const page = service.renderPage(file, target);
      assert.ok(page, file);
      assert.ok(!page.html.includes(secret), file);
      assert.match(page.html, /outside the workspace/, file);
    }
  });

  it("shows no image in the preview that is a link leading outside", () => {
    fs.writeFileSync(path.join(base, "outside", "secret.png"), "PNG secret");
    fs.symlinkSync(path.join(base, "outside", "secret.png"), path.join(kb, "shown.png"));
    fs.writeFileSync(path.join(kb, "inside.png"), "PNG");
    topic("page.md", "");
    fs.appendFileSync(path.join(kb, "page.md"), "![a](shown.png) ![b](inside.png)\n");
    const page = serviceOf().renderPage(core("page.md"), {
      kind: "editor",
      resourceRoots: [{ folder: core(), webviewBase: "https://w" }],
    });
    assert.ok(page);
    assert.match(page.html, /Image is a link that leads outside the workspace: shown\.png/);
    assert.match(page.html, /src="https:\/\/w\/inside\.png"/);
    assert.ok(!page.html.includes("https://w/shown.png"));
  });

  it("takes no map setting from a meta.json linked from outside", () => {
    fs.writeFileSync(
      path.join(base, "outside", "meta.json"),
      JSON.stringify({ rootDir: "Root", coverRootDescription: secret }),
    );
    fs.symlinkSync(path.join(base, "outside", "meta.json"), path.join(kb, "meta.json"));
    fs.mkdirSync(path.join(kb, "Root"));
    fs.writeFileSync(path.join(kb, "Root", "Root.md"), "### Mini Description\n\nThe root.\n");
    const service = serviceOf();
    assert.deepEqual(
      service.validate(core("meta.json"))?.diagnostics.map((diagnostic) => diagnostic.code),
      ["file/outside-workspace"],
    );
    const page = service.renderPage(core("Root", "Root.md"), {
      kind: "editor",
      resourceRoots: [{ folder: core(), webviewBase: "https://w" }],
    });
    assert.ok(page && !page.html.includes(secret));
  });
});
