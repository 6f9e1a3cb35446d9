// The pools commands (wizards, pickers, policy templates) are a chunk of their own
// (dist/pools.js), loaded on first use: activation only needs the tree.
export { addBotById } from './addBotById';
export { addIdentityPoolById } from './addIdentityPoolById';
export { addUserPoolById } from './addUserPoolById';
export { attachRolePolicy } from './attachRolePolicy';
export { createIdentityPool } from './createIdentityPool';
export { createUserPool } from './createUserPool';
export { deleteIdentityPool } from './deleteIdentityPool';
export { deleteUserPool } from './deleteUserPool';
export { detachRolePolicy } from './detachRolePolicy';
export { linkUserPool } from './linkUserPool';
export { removePin } from './removePin';
export { setGuestAccess } from './setGuestAccess';
export { setUpBotWebAccess } from './setUpBotWebAccess';
// The policy editors read and save through this chunk, so its checks load on first use.
export { readPolicy, writePolicy } from '../../provisioning/policyDocuments';
