import * as assert from "node:assert/strict";
import { serviceWithCursor } from "../../support/cursor";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { SessionDriver } from "../../support/sessionDriver";

const files: Record<string, string> = {
  "/kb/kb-author.jsonc": JSON.stringify({
    links: {
      routes: [
        { prefix: "/", folder: "site/pages" },
        { prefix: "/", folder: "site/public" },
      ],
    },
  }),
  "/kb/site/pages/guides/setup.md": "---\ntitle: Setup\n---\n\n## Install\n\nSteps.\n",
  "/kb/site/pages/guides/index.mdx": "---\ntitle: Guides\n---\n\n## All\n\nList.\n",
  "/kb/site/public/logo.png": "PNG",
};
const page = "/kb/site/pages/home.md";

describe("site routes in the editor (the `links` block)", () => {
  it("goes to the page a route serves, through its trailing slash and anchor, and to a folder's index", () => {
    const definition = (textWithCursor: string) => {
      const { service, position } = serviceWithCursor(files, page, textWithCursor);
      return service.getDefinition(page, position).map((location) => location.uri);
    };
    assert.deepEqual(definition("---\ntitle: Home\n---\n\nSee [setup](/guides/se<|>tup/#install).\n"), [
      "file:///kb/site/pages/guides/setup.md",
    ]);
    assert.deepEqual(definition("---\ntitle: Home\n---\n\nSee [guides](/gui<|>des/).\n"), [
      "file:///kb/site/pages/guides/index.mdx",
    ]);
    assert.deepEqual(definition("---\ntitle: Home\n---\n\nSee [the logo](/lo<|>go.png).\n"), [
      "file:///kb/site/public/logo.png",
    ]);
  });

  it("offers the nearest anchor as a quick fix for a broken one", () => {
    const text = "---\ntitle: Home\n---\n\nSee [setup](/guides/setup/#instal<|>).\n";
    const { service } = serviceWithCursor(files, page, text);
    const diagnostics = service.validate(page)?.diagnostics ?? [];
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ["link/anchor"],
    );
    const titles = service
      .getCodeActions(page, diagnostics[0].range, diagnostics)
      .map((action) => action.title);
    assert.ok(titles.includes("Change the link to `/guides/setup/#install`"), titles.join(", "));
  });
});

describe("site routes in a session", () => {
  it("revalidates a page when the page its route serves is saved with the heading its anchor names", async () => {
    const home = "---\ntitle: Home\n---\n\nSee [setup](/guides/setup/#configure).\n";
    const fileSystem = new MemoryFileSystem({ ...files, [page]: home });
    const driver = new SessionDriver(fileSystem, ["/kb"]);
    await driver.scan();
    const anchorsOf = () => (driver.published.get(page) ?? []).map((diagnostic) => diagnostic.code);
    assert.deepEqual(anchorsOf(), ["link/anchor"]);
    // Saved on disk (the watcher's "changed"), as an editor's save or another tool's write arrives.
    const setup = "/kb/site/pages/guides/setup.md";
    fileSystem.writeFile(setup, `${files[setup]}\n## Configure\n\nMore.\n`);
    driver.sendEvent(setup, "changed");
    await driver.settle();
    assert.deepEqual(anchorsOf(), [], "the page was validated again when its target changed");
  });

  it("revalidates a page when the open page its link's anchor names gains or loses that heading, unsaved", async () => {
    const home = "---\ntitle: Home\n---\n\nSee [setup](/guides/setup/#configure).\n";
    const driver = new SessionDriver(new MemoryFileSystem({ ...files, [page]: home }), ["/kb"]);
    await driver.scan();
    const anchorsOf = () => (driver.published.get(page) ?? []).map((diagnostic) => diagnostic.code);
    const setup = "/kb/site/pages/guides/setup.md";
    driver.open(setup, files[setup], 1);
    await driver.settle();
    assert.deepEqual(anchorsOf(), ["link/anchor"]);
    const withHeading = `${files[setup]}\n## Configure\n\nMore.\n`;
    driver.service.changeDocument(setup, 2, [{ text: withHeading }]);
    await driver.settle();
    assert.deepEqual(anchorsOf(), [], "the heading typed in the editor is found");
    // Near miss: an edit that leaves the headings as they are validates the linking page no more.
    const validations = driver.service.validationCount();
    driver.service.changeDocument(setup, 3, [{ text: withHeading + "\nAnother paragraph.\n" }]);
    await driver.settle();
    assert.equal(driver.service.validationCount() - validations, 1, "only the edited page");
    // Closed without saving: the file on disk has no such heading.
    driver.close(setup);
    await driver.settle();
    assert.deepEqual(anchorsOf(), ["link/anchor"]);
  });
});
