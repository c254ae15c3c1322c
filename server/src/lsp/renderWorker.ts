import { parentPort } from "node:worker_threads";
import { type MarkdownJob, renderMarkdownJob } from "../core";
import type { WorkerAnswer, WorkerRequest } from "./markdownWorker";

/**
 * The preview's worker thread (markdownWorker.ts starts it): renders the Markdown of previewed pages,
 * the costly part of a preview (micromark's parse, mdast to hast, sanitizing, KaTeX), so that the
 * server's thread keeps answering hover, diagnostics and typing meanwhile. It holds no workspace: each
 * job carries all it needs. A job's nodes go back in parts of at most `partNodes` nodes, each part a
 * message: the server's thread copies in one part per turn of its event loop, never the whole page.
 */
const partNodes = 5_000;

const port = parentPort;
if (port) {
  port.on("message", ({ id, jobs }: WorkerRequest) => {
    jobs.forEach((job: MarkdownJob, index) => {
      let answer: Omit<WorkerAnswer, "id" | "index" | "last">[];
      try {
        const { nodes, mdxFailure } = renderMarkdownJob(job);
        answer = parts(nodes).map((part) => ({ nodes: part, mdxFailure }));
      } catch (error) {
        answer = [{ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }];
      }
      answer.forEach((part, at) => port.postMessage({ id, index, last: at === answer.length - 1, ...part }));
    });
  });
}

/** The nodes cut into runs of about `partNodes` nodes in all (a node bigger than that is a run of its own). */
function parts<T extends object>(nodes: T[]): T[][] {
  const runs: T[][] = [[]];
  let size = 0;
  for (const node of nodes) {
    const count = nodeCount(node);
    if (size > 0 && size + count > partNodes) {
      runs.push([]);
      size = 0;
    }
    runs[runs.length - 1].push(node);
    size += count;
  }
  return runs;
}

function nodeCount(node: object): number {
  let count = 1;
  const children = (node as { children?: object[] }).children;
  if (children) for (const child of children) count += nodeCount(child);
  return count;
}
