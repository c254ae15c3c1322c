/**
 * Issue 7: the preview and the map run no script from documents and load nothing from the network. The
 * renderer's hostile inputs (test/support/hostileInputs.ts), armed to leave traces (hostileWorkspace.ts), are
 * written into the workspace copy: a topic entry, MDX pages, and a map node with Related Nodes, papers.json
 * and child folders named `<script>...` and `<img src=x onerror=...>`. Each is opened in the real preview
 * and map, its harmless text is awaited (proof it was rendered), its links and handler-carrying elements
 * are hovered and clicked, and then every frame of the page is searched for traces (hostileProbe.ts) and
 * every request, dialog, window and CSP report of the browser context (hostileRecorder.ts) is checked: all
 * requests must have gone to code-server, and there must be no dialog, window or CSP violation. The webviews' CSP
 * is read and tried: inline code without the page's nonce must not run.
 */
import * as assert from "node:assert/strict";
import { withWorkbench } from "./environment";
import {
  assertNoTraces,
  checkCsp,
  previewShows,
  renderTimeoutMs,
  report,
  uiTimeoutMs,
} from "./hostileChecks";
import { contentFrame, tracesOfAPayloadRun, waitForContentText } from "./hostileProbe";
import { TraceRecorder } from "./hostileRecorder";
import {
  arm,
  childFolders,
  imgChildPage,
  mdxPages,
  nodePage,
  sentinelHost,
  topicPage,
  writeHostileWorkspace,
} from "./hostileWorkspace";

describe("Hostile documents in the preview and the map", function () {
  it("the preview shows hostile documents as text: nothing runs, nothing is loaded, the CSP holds", () => {
    const recorder = new TraceRecorder();
    return withWorkbench(
      "hostile-preview",
      async (workbench) => {
        const page = workbench.page;
        let clicked = 0;
        await workbench.step("open the hostile topic entry beside its preview", async () => {
          await workbench.openFile(topicPage.file);
          await workbench.runCommand("kb-author: Open Preview to the Side");
          clicked += await previewShows(workbench, topicPage);
          await assertNoTraces(workbench, recorder);
        });

        await workbench.step("remote images are placeholders with their alt text", async () => {
          const frame = await contentFrame(page, "kb-preview", uiTimeoutMs);
          for (const alt of ["tracker", "also"]) {
            const placeholder = frame.locator("#kb-root span.kb-blocked-image", { hasText: alt });
            await placeholder.waitFor({ timeout: uiTimeoutMs });
            assert.match(
              (await placeholder.getAttribute("title")) ?? "",
              new RegExp(`^Remote image not loaded: https?://${sentinelHost.replaceAll(".", "\\.")}/`),
            );
          }
        });

        for (const mdx of mdxPages) {
          await workbench.step(`the preview follows to ${mdx.file} (${mdx.cases[0].name})`, async () => {
            await workbench.focusEditor();
            await workbench.openFile(mdx.file);
            clicked += await previewShows(workbench, mdx);
            await assertNoTraces(workbench, recorder);
          });
        }

        await workbench.step("the hostile map node: Related Nodes, papers and cards", async () => {
          await workbench.focusEditor();
          await workbench.openFile(nodePage.file);
          clicked += await previewShows(workbench, nodePage);
          await assertNoTraces(workbench, recorder);
        });

        await workbench.step("click the card of the child named <img onerror>: its page shows", async () => {
          const frame = await contentFrame(page, "kb-preview", uiTimeoutMs);
          await frame.locator("li.kb-card a.kb-card-link", { hasText: childFolders[1] }).click();
          await workbench.activeTab(`${childFolders[1]}.md`).waitFor({ timeout: uiTimeoutMs });
          clicked += await previewShows(workbench, imgChildPage);
          await assertNoTraces(workbench, recorder);
        });
        // Last but the control: its inline code makes the browser report CSP violations (see assertNoTraces).
        await workbench.step("the preview's CSP allows only its own nonce'd script", async () => {
          await checkCsp(await contentFrame(page, "kb-preview", uiTimeoutMs), recorder);
        });
        report(workbench, recorder, clicked);

        await workbench.step("control: a payload run in the preview is seen by every probe", async () => {
          const frame = await contentFrame(page, "kb-preview", uiTimeoutMs);
          const traces = await tracesOfAPayloadRun(frame, sentinelHost);
          for (const expected of [/: title "pwned"$/, /: 1 element\(s\) #pwned$/]) {
            assert.ok(
              traces.some((found) => expected.test(found)),
              `${expected} in ${JSON.stringify(traces)}`,
            );
          }
        });
      },
      { prepare: writeHostileWorkspace, beforeOpen: recorder.install },
    );
  });

  it("the map shows hostile node and folder names as text: nothing runs, nothing is loaded, the CSP holds", () => {
    const recorder = new TraceRecorder();
    return withWorkbench(
      "hostile-map",
      async (workbench) => {
        const page = workbench.page;
        let clicked = 0;
        await workbench.step("Show Map from the hostile node: its children's names are text", async () => {
          await workbench.openFile(nodePage.file);
          await workbench.runCommand("kb-author: Show Map");
          const frame = await contentFrame(page, "kb-map", uiTimeoutMs);
          await waitForContentText(frame, ["Hostile Node", ...childFolders], renderTimeoutMs);
          const titles = await frame.locator('[role="treeitem"] .kb-map-title').allTextContents();
          for (const folder of childFolders)
            assert.ok(titles.includes(folder), `${folder} in ${titles.join(", ")}`);
          // The Mini Description on hover, as text: `<img src=x onerror=...> mini`.
          const row = frame.locator(".kb-map-row", {
            has: frame.locator(".kb-map-title", { hasText: childFolders[0] }),
          });
          assert.equal(await row.getAttribute("title"), arm("<img src=x onerror=alert(2)> mini"));
        });

        await workbench.step("hover and click the hostile rows", async () => {
          const frame = await contentFrame(page, "kb-map", uiTimeoutMs);
          for (const folder of childFolders) {
            const row = frame.locator(".kb-map-row", {
              has: frame.locator(".kb-map-title", { hasText: folder }),
            });
            await row.hover({ timeout: uiTimeoutMs });
            await row.locator(".kb-map-title").click({ timeout: uiTimeoutMs });
            await workbench.activeTab(`${folder}.md`).waitFor({ timeout: uiTimeoutMs });
            clicked++;
          }
          await assertNoTraces(workbench, recorder);
        });

        await workbench.step("the map's CSP allows only its own nonce'd script", async () => {
          await checkCsp(await contentFrame(page, "kb-map", uiTimeoutMs), recorder);
        });
        report(workbench, recorder, clicked);
      },
      { prepare: writeHostileWorkspace, beforeOpen: recorder.install },
    );
  });
});
