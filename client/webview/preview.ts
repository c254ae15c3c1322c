/**
 * The preview panel's script. The extension sets the page (the shell) once and then posts each new
 * rendering of the article; only the article's content is replaced, so the scroll position survives typing.
 * Links are handled here by their `data-kb-*` attributes only (renderTypes.ts): the extension opens files,
 * reveals lines and opens external URLs; every other click on a link does nothing.
 */
import { isPreviewHostMessage, type PreviewState, type PreviewViewMessage } from "./messages";
import { applyMathLayout } from "./mathStyles";
import { lineAtOffset, offsetOfLine } from "./scrollSync";
import { vscodeApi } from "./vscodeApi";

const vscode = vscodeApi<PreviewState>();
const root = document.getElementById("kb-root") as HTMLElement;

function post(message: PreviewViewMessage): void {
  vscode.postMessage(message);
}

/**
 * The scroll offset we set ourselves (following the editor): the scroll events it causes are not the user's
 * and must not be sent back, or the editor and the preview would chase each other.
 */
let ownScrollTarget: number | undefined;

function scrollToLine(line: number): void {
  const target = Math.round(offsetOfLine(root, line));
  if (Math.abs(window.scrollY - target) < 1) return;
  ownScrollTarget = target;
  window.scrollTo(0, target);
}

function render(html: string, line: number | undefined): void {
  // The server's article, sanitized by rehype-sanitize: the only HTML this script ever parses.
  root.innerHTML = html;
  applyMathLayout(root);
  // Links without an href are not focusable by default: the data-kb-* ones must be reachable by keyboard.
  for (const link of root.querySelectorAll<HTMLElement>(
    "[data-kb-open], [data-kb-line], [data-kb-external]",
  )) {
    if (link.tabIndex < 0) link.tabIndex = 0;
    if (link.tagName !== "A" && !link.hasAttribute("role")) link.setAttribute("role", "link");
  }
  if (line !== undefined) scrollToLine(line);
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isPreviewHostMessage(message)) return;
  if (message.type === "render") {
    vscode.setState({ uri: message.uri });
    render(message.html, message.line);
  } else scrollToLine(message.line);
});

let scrollFrame = 0;
window.addEventListener("scroll", () => {
  if (ownScrollTarget !== undefined && Math.abs(window.scrollY - ownScrollTarget) < 2) return;
  ownScrollTarget = undefined;
  if (scrollFrame !== 0) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    post({ type: "scrolled", line: lineAtOffset(root, window.scrollY) });
  });
});

/** The message a link asks for, from its data-kb-* attributes (in their order of precedence). */
function linkMessage(link: HTMLElement): PreviewViewMessage | undefined {
  const open = link.getAttribute("data-kb-open");
  if (open !== null) return { type: "open", uri: open };
  const line = link.getAttribute("data-kb-line");
  if (line !== null && /^\d+$/.test(line)) return { type: "revealLine", line: Number(line) };
  const external = link.getAttribute("data-kb-external");
  if (external !== null) return { type: "openExternal", url: external };
  return undefined;
}

/**
 * Handles a click (or Enter) on a link. VS Code's own click handler (on the frame's window, after this one)
 * would open any `href` itself, so handled and refused links stop here; in-page `#fragment` links go on to
 * it, and it scrolls to their target.
 */
function activate(event: Event): void {
  const target = event.target instanceof Element ? event.target : null;
  const link = target?.closest<HTMLElement>("[data-kb-open], [data-kb-line], [data-kb-external]");
  const message = link ? linkMessage(link) : undefined;
  if (message) post(message);
  const anchor = target?.closest("a");
  if (link || (anchor && !anchor.getAttribute("href")?.startsWith("#"))) {
    event.preventDefault();
    event.stopPropagation();
  }
}

document.addEventListener("click", activate);
// A middle click must not open a link in a browser window either (and a right click opens nothing).
document.addEventListener("auxclick", (event) => {
  if (event.target instanceof Element && event.target.closest("a")) event.preventDefault();
});
document.addEventListener("keydown", (event) => {
  // A link without an href (role=link) is activated with Enter, as a real link is.
  if (event.key !== "Enter") return;
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (target && target.tagName !== "A" && target.getAttribute("role") === "link") activate(event);
});

post({ type: "ready" });
