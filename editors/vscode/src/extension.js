// Starts `modeldsl lsp` for .mdsl files. All language logic lives in the server (src/ModelDsl.LanguageServer);
// the extension only finds the executable and connects the client.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The server command from `modeldsl.server.path`: a .dll runs under `dotnet`, anything else is executed directly. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('modeldsl').get('server.path') || 'modeldsl';
  return configured.toLowerCase().endsWith('.dll')
    ? { command: 'dotnet', args: [configured, 'lsp'] }
    : { command: configured, args: ['lsp'] };
}

async function startClient() {
  const { command, args } = serverCommand();
  const executable = { command, args, transport: TransportKind.stdio };
  // The client id 'modeldsl' makes the 'modeldsl.trace.server' setting trace this connection.
  client = new LanguageClient('modeldsl', 'ModelDsl', { run: executable, debug: executable }, {
    documentSelector: [{ language: 'mdsl' }],
  });
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `ModelDsl: could not start '${command} ${args.join(' ')}' (${err && err.message ? err.message : err}). ` +
      'Set "modeldsl.server.path" to the modeldsl executable or its .dll.');
  }
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!e.affectsConfiguration('modeldsl.server.path')) return;
    if (client) await client.stop();
    await startClient();
  }));
  await startClient();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
