// The injection commands and the engine they use (ripgrep, globs, JSON editing) are a chunk of
// their own (dist/inject.js), loaded on first use: activation stays light.
export { injectIds } from './injectIds';
export { writeConfig } from './writeConfig';
export { lookUpId } from '../editor/lookUpId';
