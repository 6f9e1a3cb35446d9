// The config files the extension writes and checks, by name. No dependencies: the editor asks
// "is this a config file?" on every file opened, before it loads the engine.

export type ConfigFormat = 'aws-exports' | 'amplify-outputs' | 'dotenv' | 'lex-web-ui';

/** Where each format usually lives, relative to the workspace folder. */
export const CONFIG_FILE_NAMES: Record<ConfigFormat, string> = {
  'aws-exports': 'src/aws-exports.js',
  'amplify-outputs': 'amplify_outputs.json',
  dotenv: '.env',
  // aws-lex-web-ui keeps it in src/config/ and serves it from the site's root.
  'lex-web-ui': 'lex-web-ui-loader-config.json',
};

/**
 * The files read for ids: Amplify's aws-exports.js (v5) and amplify_outputs.json (Gen 2), .env
 * files, aws-lex-web-ui's loader config, and a web page's config.js, where the tutorials have
 * people paste their ids (the webchat's `userpoolId` / `ClientId`, a notes app's src/config.js).
 */
export type ConfigFileKind = 'aws-exports' | 'amplify-outputs' | 'dotenv' | 'lex-web-ui' | 'web-config';

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

const FILE_NAMES: ReadonlyArray<{ kind: ConfigFileKind; name: RegExp }> = [
  { kind: 'aws-exports', name: /^aws-exports\.(?:js|ts|mjs|cjs)$/ },
  { kind: 'amplify-outputs', name: new RegExp(`^${literal(base(CONFIG_FILE_NAMES['amplify-outputs']))}$`) },
  { kind: 'dotenv', name: /^\.env(?:\..+)?$/ },
  { kind: 'lex-web-ui', name: new RegExp(`^${literal(base(CONFIG_FILE_NAMES['lex-web-ui']))}$`) },
  { kind: 'web-config', name: /^config\.(?:js|ts|mjs|cjs|json)$/ },
];

/** Which config file a path names (by its file name), or undefined for any other file. */
export function configFileKind(filePath: string): ConfigFileKind | undefined {
  const name = base(filePath.replace(/\\/g, '/'));
  return FILE_NAMES.find((f) => f.name.test(name))?.kind;
}
