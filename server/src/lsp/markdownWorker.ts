import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { MarkdownJob, RenderedMarkdown } from "../core";

/** A request to the worker (renderWorker.ts): the jobs of one preview. */
export interface WorkerRequest {
  id: number;
  jobs: MarkdownJob[];
}

/** One message from the worker: a part of job `index`'s nodes (`last` on its final part), or its error. */
export interface WorkerAnswer {
  id: number;
  index: number;
  last: boolean;
  nodes?: RenderedMarkdown["nodes"];
  mdxFailure?: string;
  error?: string;
}

interface Pending {
  results: RenderedMarkdown[];
  left: number;
  resolve: (results: (RenderedMarkdown | undefined)[]) => void;
}

/**
 * Renders the Markdown of previews in a worker thread (renderWorker.ts, built beside this file:
 * dist/renderWorker.js, or out/server/src/lsp/renderWorker.js), started on the first preview. A job the
 * worker could not render, or every job once the worker has failed, comes back undefined: the core then
 * renders it on this thread, as it did before the worker (slower for the other requests, never wrong).
 */
export class MarkdownWorker {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly file = path.join(__dirname, "renderWorker.js"),
  ) {}

  /** The jobs' nodes, in order; undefined for a job to render on this thread. */
  render(jobs: MarkdownJob[]): Promise<(RenderedMarkdown | undefined)[]> {
    const worker = jobs.length === 0 ? undefined : this.started();
    if (!worker) return Promise.resolve(jobs.map(() => undefined));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, {
        results: jobs.map(() => ({ nodes: [], mdxFailure: undefined })),
        left: jobs.length,
        resolve,
      });
      try {
        worker.postMessage({ id, jobs } satisfies WorkerRequest);
      } catch (error) {
        // A job that cannot be copied (it should not happen: jobs are plain data) is rendered here.
        this.pending.delete(id);
        this.log(`kb-author: the preview's worker was not given a page: ${String(error)}`);
        resolve(jobs.map(() => undefined));
      }
    });
  }

  /** Ends the worker (the server is shutting down); later previews render on this thread. */
  dispose(): void {
    this.failed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.settleAll();
  }

  private started(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(this.file);
      // The worker never keeps the server alive: it ends with it.
      worker.unref();
      worker.on("message", (answer: WorkerAnswer) => this.receive(answer));
      worker.on("error", (error) => this.fail(`failed: ${error.stack ?? error.message}`));
      worker.on("exit", (code) => this.fail(`exited (code ${code})`));
      this.worker = worker;
    } catch (error) {
      this.fail(`could not start: ${String(error)}`);
    }
    return this.worker;
  }

  private receive({ id, index, last, nodes, mdxFailure, error }: WorkerAnswer): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    const result = pending.results[index] as RenderedMarkdown | undefined;
    if (error !== undefined || result === undefined) {
      // Rendered again on the server's thread, where the failure becomes the page's error block.
      (pending.results as (RenderedMarkdown | undefined)[])[index] = undefined;
    } else {
      if (nodes) for (const node of nodes) result.nodes.push(node);
      result.mdxFailure = mdxFailure;
    }
    if (last && --pending.left === 0) {
      this.pending.delete(id);
      pending.resolve(pending.results);
    }
  }

  private fail(why: string): void {
    if (this.failed) return;
    this.failed = true;
    this.worker = undefined;
    this.log(`kb-author: the preview's worker thread ${why}; previews are rendered on the server's thread.`);
    this.settleAll();
  }

  /** Every preview still waiting renders on this thread. */
  private settleAll(): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.resolve(pending.results.map(() => undefined));
    }
  }
}
