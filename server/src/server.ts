import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as editors pass it.
startLanguageServer(createConnection(ProposedFeatures.all));
