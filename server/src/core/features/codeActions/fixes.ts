import type { Diagnostic } from "vscode-languageserver-types";
import type { DiagnosticCode } from "../../diagnosticCodes";
import { type CoreServices } from "../../model/services";
import { type MarkdownContext } from "../../model/markdownContext";
import { findSections } from "../../document/sections";
import type { Fix, FixContext, FixProvider } from "./fixTypes";
import { addRequiredKey, renameUnknownKey } from "./frontmatterFixes";
import { replaceLinkTarget, repointLink } from "./linkFixes";
import { replaceReferenceId } from "./referenceFixes";
import {
  addUnlistedChildren,
  fixUnknownEntry,
  removeDuplicateEntry,
  renumberEntries,
  retitlePaperEntry,
} from "./orderFixes";
import {
  addMissingSection,
  fixSectionLevel,
  mergeDuplicateSection,
  moveSectionIntoPlace,
  renameUnknownSection,
} from "./sectionFixes";

/** The quick fixes of each fixable code (suppression comments, offered on every code, apart). */
const providers: Partial<Record<DiagnosticCode, FixProvider>> = {
  "section/missing": addMissingSection,
  "section/order": moveSectionIntoPlace,
  "section/level": fixSectionLevel,
  "section/unknown": renameUnknownSection,
  "section/duplicate": mergeDuplicateSection,
  "order/unlisted-child": addUnlistedChildren,
  "order/unknown-entry": fixUnknownEntry,
  "order/duplicate-entry": removeDuplicateEntry,
  "order/numbering": renumberEntries,
  "breakdown/unknown-paper": retitlePaperEntry,
  "frontmatter/unknown-property": renameUnknownKey,
  "frontmatter/misspelt-property": renameUnknownKey,
  "frontmatter/required": addRequiredKey,
  "link/unresolved": repointLink,
  "link/other-node": repointLink,
  "link/missing-scheme": replaceLinkTarget,
  "link/anchor": replaceLinkTarget,
  "reference/unresolved": replaceReferenceId,
};

export function fixContextOf(
  context: MarkdownContext,
  services: CoreServices,
  diagnostics: Diagnostic[],
): FixContext {
  const sections = context.settings ? findSections(context.parsed, context.settings.sections) : [];
  return { context, services, sections, diagnostics };
}

/** The fixes of one diagnostic of the document (a fresh one: its range and data match the text). */
export function fixesFor(diagnostic: Diagnostic, fix: FixContext): Fix[] {
  const provider =
    typeof diagnostic.code === "string" ? providers[diagnostic.code as DiagnosticCode] : undefined;
  if (!provider || !fix.context.kind) return [];
  return provider(diagnostic, fix);
}
