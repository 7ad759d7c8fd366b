// The contract between the server and its features: a feature registers its handlers on the session
// and returns what it serves, to be merged into the server capabilities. server.ts imports the
// features; features import this module, never the server.

import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import type { Session } from '../session';

export interface FeatureContext {
  readonly session: Session;
  readonly capabilities: ClientCapabilities;
}

/** A feature registers its handlers and adds what it serves to the server capabilities. */
export type Feature = (ctx: FeatureContext) => Partial<ServerCapabilities>;
