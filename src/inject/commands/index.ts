// The injection commands and the engine they use (ripgrep, globs, JSON editing) are a chunk of
// their own (dist/inject.js), loaded on first use: activation stays light.
export { injectIds } from './injectIds';
export { writeConfig } from './writeConfig';
export { replaceConfigId } from './replaceConfigId';
export { idExists, lookUpId } from '../editor/lookUpId';
export { diagnoseArgs, findConfigIds, gatherIds, LOOKED_UP_KINDS, unknownIdMessage, withArticle } from '../configIds';
