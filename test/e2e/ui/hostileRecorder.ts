/**
 * What the hostile-document UI test (hostile.ui.ts) records of a whole browser context, besides the runner's
 * network guard, from before its first page: every request (workbench, webview frames, service workers),
 * dialogs (an `alert` that ran), new pages (a link that opened a window), and the console's reports of
 * Content-Security-Policy violations.
 */
import type { BrowserContext } from "playwright-core";

export class TraceRecorder {
  readonly requests: { url: string; serviceWorker: boolean }[] = [];
  readonly dialogs: string[] = [];
  readonly pagesOpened: string[] = [];
  /** The console's reports of CSP violations: inline code the policy stopped. */
  readonly cspMessages: string[] = [];
  private readonly cspWaiters = new Set<() => void>();

  /** Waits until `count` CSP violations have been reported (the console delivers them asynchronously). */
  waitForCspMessages(count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.cspMessages.length < count) return;
        clearTimeout(timer);
        this.cspWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.cspWaiters.delete(check);
        reject(
          new Error(`${this.cspMessages.length} CSP violations reported, not ${count}, in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.cspWaiters.add(check);
      check();
    });
  }

  readonly install = async (context: BrowserContext): Promise<void> => {
    context.on("request", (request) => {
      this.requests.push({ url: request.url(), serviceWorker: request.serviceWorker() !== null });
    });
    context.on("dialog", (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    context.on("page", (page) => this.pagesOpened.push(page.url() || "(blank)"));
    // Not filtered by frame: a violation by inserted inline code reports no source location. The workbench
    // itself was not seen to report any.
    context.on("console", (message) => {
      if (!/Content Security Policy/i.test(message.text())) return;
      this.cspMessages.push(message.text());
      for (const waiter of this.cspWaiters) waiter();
    });
  };

  /**
   * Requests that went anywhere but code-server. A webview's own files (its stylesheet and script, the
   * workspace's images) are requested at `https://vscode-remote+<code-server authority>.vscode-resource.
   * vscode-cdn.net/<path>`: VS Code's webview service worker answers those from code-server, so they never
   * reach the network (the runner's route-based guard does not even see them); any other host is foreign.
   */
  foreignRequests(origin: string): string[] {
    const resourceHost = webviewResourceHost(new URL(origin).host);
    return this.requests
      .map((request) => request.url)
      .filter((url) => {
        if (/^(about|data|blob):/.test(url)) return false;
        const parsed = new URL(url);
        return parsed.origin !== origin && !(parsed.protocol === "https:" && parsed.host === resourceHost);
      });
  }

  /** Requests for webview resources (answered by VS Code's service worker from code-server). */
  webviewResourceRequests(origin: string): number {
    const resourceHost = webviewResourceHost(new URL(origin).host);
    return this.requests.filter((request) => request.url.startsWith(`https://${resourceHost}/`)).length;
  }
}

/**
 * VS Code's host name for the webview resources of a remote authority: `vscode-remote+` and the authority
 * with each character other than a letter or digit written as `-` and four hex digits
 * (`127.0.0.1:8080` -> `vscode-remote+127-002e0-002e0-002e1-003a8080.vscode-resource.vscode-cdn.net`).
 */
export function webviewResourceHost(authority: string): string {
  const encoded = authority.replace(
    /[^a-z0-9]/gi,
    (character) => `-${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `vscode-remote+${encoded}.vscode-resource.vscode-cdn.net`;
}
