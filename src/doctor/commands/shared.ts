import type { ConnectionManager } from '../../connection/connectionManager';
import type { Log } from '../../ui/log';
import type { SetupCheckView } from '../view/setupCheckView';

/** What every doctor command needs. */
export interface DoctorDeps {
  readonly connections: ConnectionManager;
  readonly view: SetupCheckView;
  readonly log: Log;
}
