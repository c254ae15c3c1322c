import type { NameCheck } from "../../../shared/nodeNames";
import type { CoreServices } from "../../model/services";
import { checkChildName, notANode, parentNode } from "./newChildNode";
import { checkTopic, topicFolder } from "./newTopicEntry";

export { newChildNode } from "./newChildNode";
export { newTopicEntry } from "./newTopicEntry";

/** What a commands' name input accepts, checked as it is typed: a new child of a node, or a topic entry's title. */
export function checkNewName(
  kind: "node" | "topic",
  target: string,
  input: string,
  services: CoreServices,
): NameCheck {
  if (kind === "node") {
    const node = parentNode(target, services);
    return node ? checkChildName(node, input, services) : { name: input, error: notANode(target) };
  }
  const folder = topicFolder(target, services);
  return folder
    ? checkTopic(folder, input, services)
    : { name: input, error: `${target} is not a folder of the workspace.` };
}
