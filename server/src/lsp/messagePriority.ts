import type { MessageStrategy } from "vscode-languageserver/node";

/**
 * Tells the server that a client message is being handled, so that background validation can step
 * aside. vscode-jsonrpc handles one message, and writes one message, per turn of the event loop
 * (setImmediate); a background slice in every turn would delay each answer by a slice per pending
 * write. Installed as the connection's message strategy, which sees every incoming message.
 */
export class MessagePriority {
  private readonly listeners: (() => void)[] = [];

  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      for (const listener of this.listeners) listener();
      next(message);
    },
  };

  onMessage(listener: () => void): void {
    this.listeners.push(listener);
  }
}
