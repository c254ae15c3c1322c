import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { MessagePriority } from "./messagePriority";
import { startServer } from "./server";

// The transport (stdio, IPC, socket) is chosen by the command line, as vscode-languageclient expects.
const priority = new MessagePriority();
startServer(createConnection(ProposedFeatures.all, { messageStrategy: priority.strategy }), priority);
