import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { FramingGuard } from "./framingGuard";
import { MessagePriority } from "./messagePriority";
import { startServer } from "./server";

const priority = new MessagePriority();
const options = { messageStrategy: priority.strategy };

/** Over stdio, a message that cannot be framed ends the server with a line saying why (framingGuard.ts). */
function guardedStdin(): NodeJS.ReadableStream {
  const guard = new FramingGuard((reason) => {
    process.stderr.write(
      `kb-author language server: the client sent ${reason}; the stream cannot be read on, exiting.\n`,
    );
    process.exit(1);
  });
  return process.stdin.pipe(guard);
}

// The transport (stdio, IPC, socket) is chosen by the command line, as vscode-languageclient expects.
startServer(
  process.argv.includes("--stdio")
    ? createConnection(ProposedFeatures.all, guardedStdin(), process.stdout, options)
    : createConnection(ProposedFeatures.all, options),
  priority,
);
