// The chat page's browser bundle. The chat panel issue fills it; until then it only proves
// the bundle builds and runs under the webview's CSP.
const root = document.getElementById('root');
if (root) {
  root.textContent = 'Cognito Bot chat is not available yet.';
}
