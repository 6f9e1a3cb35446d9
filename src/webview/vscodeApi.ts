// The webview's handle on VS Code: typed postMessage and page state.
import type { PageMessage } from '../chat/protocol';
import type { PageState } from './model';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page load. */
export const vscode: VsCodeApi = acquireVsCodeApi();
