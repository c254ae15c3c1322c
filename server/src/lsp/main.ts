import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

// The transport (stdio, IPC, socket) is chosen by the command line, as vscode-languageclient expects.
startServer(createConnection(ProposedFeatures.all));
