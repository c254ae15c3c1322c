/**
 * The preview's worker thread (server/src/lsp/markdownWorker.ts, renderWorker.ts), run from out/: what
 * it answers is what the core renders on the server's thread, and a worker that fails leaves the
 * rendering to the server's thread instead of leaving the preview unanswered.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { type MarkdownJob, renderMarkdownJob } from "../../../server/src/core";
import { MarkdownWorker } from "../../../server/src/lsp/markdownWorker";
import { formerSlowPages } from "../fuzz/formerHangs";

// out/test/unit/lsp -> out/server/src/lsp, where tsc puts the worker's module.
const workerFile = path.resolve(__dirname, "../../../server/src/lsp/renderWorker.js");
const heavy = formerSlowPages[Object.keys(formerSlowPages)[2]];

const job = (text: string, extra: Partial<MarkdownJob> = {}): MarkdownJob => ({
  text,
  firstLine: 4,
  mdx: false,
  math: true,
  directives: true,
  ...extra,
});

describe("the preview's worker thread", function () {
  this.timeout(60_000);
  const workers: MarkdownWorker[] = [];
  afterEach(() => {
    for (const worker of workers.splice(0)) worker.dispose();
  });

  it("answers each job with the nodes the core renders here, a heavy page's in several parts", async () => {
    const logged: string[] = [];
    const worker = new MarkdownWorker((message) => logged.push(message), workerFile);
    workers.push(worker);
    const jobs = [
      job(heavy),
      job("# Title\n\n$x^2$ and :::note\n\n:::note\nA note.\n:::\n"),
      job('<Box a="1">{2}</Box>\n', { mdx: true }),
    ];
    const results = await worker.render(jobs);
    assert.deepEqual(logged, []);
    assert.equal(results.length, 3);
    jobs.forEach((sent, index) => assert.deepEqual(results[index], renderMarkdownJob(sent), `job ${index}`));
    // The heavy page's rendered paragraphs hold some 40,000 nodes: they came in several parts.
    assert.ok(results[0]!.nodes.length > 40);
    // The same worker serves the next preview.
    assert.deepEqual(await worker.render([job("*again*")]), [renderMarkdownJob(job("*again*"))]);
  });

  it("leaves every job to the server's thread (undefined) when the worker cannot start, and says so once", async () => {
    const logged: string[] = [];
    const worker = new MarkdownWorker(
      (message) => logged.push(message),
      path.join(__dirname, "no-such-worker.js"),
    );
    workers.push(worker);
    const first = await worker.render([job("a"), job("b")]);
    assert.deepEqual(first, [undefined, undefined]);
    assert.deepEqual(await worker.render([job("c")]), [undefined]);
    assert.equal(logged.length, 1, logged.join("\n"));
    assert.match(logged[0], /previews are rendered on the server's thread/);
    // No jobs: nothing to start.
    assert.deepEqual(await new MarkdownWorker(() => assert.fail("no log"), workerFile).render([]), []);
  });
});
