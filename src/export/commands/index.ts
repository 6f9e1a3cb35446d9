// The export's command, loaded on first use (dist/export.js).
export { exportSetup } from './exportSetup';
export { deployToSandbox } from './deployToSandbox';
