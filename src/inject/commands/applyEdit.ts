import * as vscode from 'vscode';

/**
 * Applies an edit through the documents (open files take it in the editor), then saves the
 * files it changed, as Replace All in Search does; a file that had unsaved changes before keeps
 * them unsaved (they are the user's to save). Not a refactoring: VS Code's refactoring
 * auto-save would save those too. `beforeSave` reads the documents as the edit left them (saving
 * may change them again: trimmed whitespace, format on save).
 */
export async function applyAndSave(edit: vscode.WorkspaceEdit, beforeSave?: () => Promise<void>): Promise<{ applied: boolean; unsaved: vscode.Uri[] }> {
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, unsaved: [] };
  await beforeSave?.();
  const unsaved: vscode.Uri[] = [];
  for (const [uri] of edit.entries()) {
    if (dirtyBefore.has(uri.toString())) continue;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document?.isDirty && !(await document.save())) unsaved.push(uri);
  }
  return { applied: true, unsaved };
}
