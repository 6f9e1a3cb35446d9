import { ActionableError } from '../../aws/errors';
import type { DiagnoseResult } from '../findings';
import { runCheck } from './diagnose';
import type { DoctorDeps } from './shared';

/** `cognitoBot.recheckSetup`, the Setup Check view's refresh: the last check again, on the same ids. */
export async function recheckSetup(deps: DoctorDeps): Promise<DiagnoseResult> {
  const last = deps.view.last;
  if (!last) throw new ActionableError('No setup has been checked yet.', [{ kind: 'command', title: 'Check Setup', command: 'cognitoBot.diagnose' }]);
  return runCheck(deps, last.input);
}
