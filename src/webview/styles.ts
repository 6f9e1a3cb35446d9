// The page's styles, adopted as a constructable stylesheet (the CSP allows no inline styles).
// Only VS Code theme variables, so light, dark and high contrast themes all work.
const css = String.raw`
/* VS Code marks the body with the theme's kind; native controls and scrollbars follow it. */
body.vscode-light {
  color-scheme: light;
}
body.vscode-dark, body.vscode-high-contrast {
  color-scheme: dark;
}
html, body {
  height: 100%;
}
body {
  margin: 0;
  padding: 0;
  color: var(--vscode-foreground);
  background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size);
  font-weight: var(--vscode-font-weight);
}
[hidden] {
  display: none !important;
}
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
:focus-visible {
  outline: 1px solid var(--vscode-focusBorder);
  outline-offset: 1px;
}
a {
  color: var(--vscode-textLink-foreground);
}
a:hover, a:active {
  color: var(--vscode-textLink-activeForeground);
}
code, pre {
  font-family: var(--vscode-editor-font-family);
  font-size: var(--vscode-editor-font-size);
}
pre {
  margin: 0;
  padding: 6px 8px;
  overflow: auto;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  background: var(--vscode-textCodeBlock-background);
  border-radius: 2px;
}
input[type='text'], select {
  box-sizing: border-box;
  min-width: 0;
  padding: 3px 6px;
  color: var(--vscode-input-foreground);
  background: var(--vscode-input-background);
  border: 1px solid var(--vscode-input-border, var(--vscode-settings-textInputBorder, transparent));
  border-radius: 2px;
  font: inherit;
}
select {
  color: var(--vscode-dropdown-foreground);
  background: var(--vscode-dropdown-background);
  border-color: var(--vscode-dropdown-border, transparent);
}
input[type='text']::placeholder {
  color: var(--vscode-input-placeholderForeground);
}
input[type='text']:focus, select:focus {
  outline: 1px solid var(--vscode-focusBorder);
  outline-offset: -1px;
}
input[aria-invalid='true'] {
  border-color: var(--vscode-inputValidation-errorBorder);
}
table {
  border-collapse: collapse;
  width: 100%;
}
th, td {
  padding: 2px 6px;
  text-align: left;
  vertical-align: top;
  overflow-wrap: anywhere;
  border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, transparent));
}
th {
  font-weight: 600;
  color: var(--vscode-descriptionForeground);
}
h1, h2, h3 {
  margin: 0;
  font-size: inherit;
}

/* Layout: header, then conversation and inspector side by side (stacked when narrow). */
.app {
  display: grid;
  grid-template-rows: auto minmax(0, 1fr);
  height: 100vh;
}
.header {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px 16px;
  padding: 6px 12px;
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, transparent));
}
.who {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 2px 12px;
  min-width: 0;
  flex: 1 1 320px;
}
.bot-label {
  font-size: 1.15em;
  font-weight: 600;
}
.muted, .bot-detail, .identity-id, .expiry {
  color: var(--vscode-descriptionForeground);
}
.identity-id {
  font-family: var(--vscode-editor-font-family);
  overflow-wrap: anywhere;
}
.expiry.soon {
  color: var(--vscode-editorWarning-foreground, var(--vscode-descriptionForeground));
}
.actions {
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
}
.main {
  display: grid;
  grid-template-columns: minmax(0, 1fr) minmax(280px, 38%);
  min-height: 0;
}
.main.inspector-closed {
  grid-template-columns: minmax(0, 1fr);
}
.chat {
  display: grid;
  grid-template-rows: minmax(0, 1fr) auto auto;
  min-height: 0;
}
#inspector {
  min-height: 0;
  overflow: auto;
  padding: 8px 12px 16px;
  border-left: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, transparent));
}
@media (max-width: 720px) {
  .app {
    height: auto;
    min-height: 100vh;
  }
  .main, .main.inspector-closed {
    grid-template-columns: minmax(0, 1fr);
  }
  .chat {
    height: 70vh;
  }
  #inspector {
    border-left: 0;
    border-top: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, transparent));
  }
}

/* Conversation */
.log {
  overflow-y: auto;
  padding: 12px;
  display: flex;
  flex-direction: column;
  gap: 10px;
}
.empty-log {
  margin: auto;
  color: var(--vscode-descriptionForeground);
  text-align: center;
}
.turn {
  display: flex;
  flex-direction: column;
  gap: 4px;
  padding: 2px 4px;
  border-left: 2px solid transparent;
  cursor: default;
}
.turn.selected {
  border-left-color: var(--vscode-focusBorder);
}
.message {
  max-width: min(80%, 720px);
  padding: 6px 10px;
  border-radius: 6px;
  overflow-wrap: anywhere;
  line-height: 1.4;
}
.message.user {
  align-self: flex-end;
  color: var(--vscode-button-foreground);
  background: var(--vscode-button-background);
  border: 1px solid var(--vscode-contrastBorder, transparent);
  white-space: pre-wrap;
}
.message.user.pending {
  opacity: 0.7;
}
.message.bot {
  align-self: flex-start;
  background: var(--vscode-editorWidget-background, var(--vscode-sideBar-background));
  border: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, transparent));
}
.message.bot > :first-child {
  margin-top: 0;
}
.message.bot > :last-child {
  margin-bottom: 0;
}
.message.bot.text {
  white-space: pre-wrap;
}
.message.bot.payload {
  padding: 4px;
  min-width: 40%;
}
.message.bot vscode-badge {
  margin-right: 6px;
  vertical-align: middle;
}
.card {
  display: flex;
  flex-direction: column;
  gap: 4px;
  min-width: 200px;
}
.card img {
  max-width: 100%;
  max-height: 200px;
  object-fit: contain;
  align-self: flex-start;
  border-radius: 4px;
}
.card-title {
  font-weight: 600;
}
.card-subtitle {
  color: var(--vscode-descriptionForeground);
}
.card-buttons {
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin-top: 4px;
}
.no-reply, .notice {
  align-self: flex-start;
  color: var(--vscode-descriptionForeground);
  font-style: italic;
}
.notice {
  align-self: center;
}
.expected {
  align-self: flex-start;
  max-width: min(80%, 720px);
  padding: 2px 8px;
  color: var(--vscode-descriptionForeground);
  border-left: 2px solid var(--vscode-editorWarning-foreground, var(--vscode-descriptionForeground));
  white-space: pre-wrap;
}
.expected-label {
  font-weight: 600;
}
.message.error {
  align-self: stretch;
  max-width: none;
  color: var(--vscode-foreground);
  background: var(--vscode-inputValidation-errorBackground, transparent);
  border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground));
}
.error-name {
  margin-right: 6px;
}
.advice {
  margin: 4px 0 0;
  white-space: pre-wrap;
}
.message.error .fix {
  margin-top: 6px;
}
.typing {
  display: flex;
  align-items: center;
  gap: 6px;
  padding: 0 16px 6px;
  color: var(--vscode-descriptionForeground);
}
.dots {
  display: inline-flex;
  gap: 3px;
}
.dots span {
  width: 5px;
  height: 5px;
  border-radius: 50%;
  background: currentColor;
  animation: blink 1.2s infinite ease-in-out;
}
.dots span:nth-child(2) {
  animation-delay: 0.2s;
}
.dots span:nth-child(3) {
  animation-delay: 0.4s;
}
@keyframes blink {
  0%, 80%, 100% { opacity: 0.25; }
  40% { opacity: 1; }
}
@media (prefers-reduced-motion: reduce) {
  .dots span {
    animation: none;
  }
}
.composer {
  display: flex;
  align-items: center;
  gap: 6px;
  padding: 8px 12px 10px;
  border-top: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, transparent));
}
.composer input {
  flex: 1;
  padding: 5px 8px;
}
.counter {
  color: var(--vscode-descriptionForeground);
  font-variant-numeric: tabular-nums;
}

/* Inspector */
.inspector-head {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 6px;
  margin-bottom: 8px;
}
.inspector-head h2 {
  font-size: 1.05em;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: var(--vscode-descriptionForeground);
}
.inspector-head label {
  display: flex;
  align-items: center;
  gap: 6px;
}
.inspector-head select {
  max-width: 240px;
}
vscode-collapsible {
  margin-bottom: 4px;
}
.section {
  padding: 4px 4px 8px;
}
.intent {
  display: grid;
  grid-template-columns: max-content minmax(0, 1fr);
  gap: 2px 10px;
  margin: 0 0 8px;
}
.intent dt {
  color: var(--vscode-descriptionForeground);
}
.intent dd {
  margin: 0;
  overflow-wrap: anywhere;
}
.intent-name {
  font-weight: 600;
}
.confidence {
  display: flex;
  align-items: center;
  gap: 6px;
}
.confidence meter {
  width: 80px;
}
.none {
  color: var(--vscode-descriptionForeground);
  font-style: italic;
}
.attribute-row {
  display: grid;
  grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
  gap: 4px;
  align-items: center;
  margin-bottom: 4px;
}
.attribute-problem {
  grid-column: 1 / -1;
  color: var(--vscode-errorForeground);
}
.attribute-actions {
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin-top: 6px;
}
.attribute-status {
  margin: 6px 0 0;
  color: var(--vscode-descriptionForeground);
}
.hint {
  margin: 0 0 6px;
  color: var(--vscode-descriptionForeground);
}
`;

/** Adds the page's styles to the document (constructable stylesheets pass the webview's CSP). */
export function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
