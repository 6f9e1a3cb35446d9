// The doctor's commands, loaded on first use (dist/doctor.js).
export { applySetupFix } from './applySetupFix';
export { diagnose } from './diagnose';
export { recheckSetup } from './recheckSetup';
export { repairSetup } from './repairSetup';
