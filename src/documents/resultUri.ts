import * as vscode from 'vscode';
import { RESULT_SCHEME } from '../ids';
import { replaceControlCharacters } from '../text';

// The one place a result document's URI is built and parsed. The path ends in `.json`, so VS Code
// picks the JSON language and the tab reads "<label>.json"; the connector rides in the query so a
// label with any characters cannot break parsing.

export function resultUri(connector: string, label: string | undefined): vscode.Uri {
  const name = replaceControlCharacters(label ?? connector, '_')
    .replace(/[\\/:*?"<>|]+/g, '_')
    .slice(0, 80);
  return vscode.Uri.from({
    scheme: RESULT_SCHEME,
    path: `/${name || connector}.json`,
    query: new URLSearchParams({ connector }).toString(),
  });
}

export function connectorOfResultUri(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== RESULT_SCHEME) return undefined;
  return new URLSearchParams(uri.query).get('connector') ?? undefined;
}
