import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ActionableError } from '../../src/aws/errors';
import type { Log } from '../../src/ui/log';
import { wrapCommand } from '../../src/ui/registerCommand';

/** A Log that keeps its lines, and a showError that records what the user would see. */
function recorder(pick?: string) {
  const logged: string[] = [];
  const shown: Array<{ message: string; buttons: string[] }> = [];
  let showedLog = false;
  const log: Log = {
    trace: (m) => logged.push(m),
    debug: (m) => logged.push(m),
    info: (m) => logged.push(m),
    warn: (m) => logged.push(m),
    error: (m) => logged.push(m instanceof Error ? `${m.name}: ${m.message}` : m),
    show: () => (showedLog = true),
  };
  const showError = (message: string, ...buttons: string[]) => {
    shown.push({ message, buttons });
    return Promise.resolve(pick);
  };
  return { log, showError, logged, shown, showedLog: () => showedLog };
}

describe('the command wrapper', () => {
  it('ends a cancelled command silently', async () => {
    const r = recorder();
    const handler = wrapCommand('test.cancel', () => Promise.reject(new vscode.CancellationError()), { log: r.log }, r.showError);
    assert.equal(await handler(), undefined);
    assert.deepEqual(r.shown, []);
  });

  it('shows an error with its actions and "Show Log", and logs it without secrets', async () => {
    const r = recorder('Show Log');
    const failure = new ActionableError(
      'The SSO session expired. Run "aws sso login".',
      [{ kind: 'terminal', title: 'Run aws sso login', commandLine: 'aws sso login' }],
      {
        cause: new Error('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz rejected'),
      },
    );
    const handler = wrapCommand('test.fail', () => Promise.reject(failure), { log: r.log }, r.showError);
    assert.equal(await handler(), undefined, 'invoked from the UI, the error is shown, not rethrown');
    assert.deepEqual(r.shown, [{ message: 'The SSO session expired. Run "aws sso login".', buttons: ['Run aws sso login', 'Show Log'] }]);
    const log = r.logged.join('\n');
    assert.match(log, /test\.fail failed/);
    assert.ok(!log.includes('eyJhbGciOiJIUzI1NiJ9'), log);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(r.showedLog(), true, '"Show Log" opens the log');
  });

  it('rejects to a caller that passed an args object, so scripts learn what failed', async () => {
    const r = recorder();
    const handler = wrapCommand('test.scripted', () => Promise.reject(new Error('boom')), { log: r.log }, r.showError);
    await assert.rejects(Promise.resolve(handler({ name: 'x' })), /boom/);
    assert.equal(r.shown.length, 1);
  });

  it('passes results through', async () => {
    const r = recorder();
    assert.deepEqual(await wrapCommand('test.ok', (args) => ({ echoed: args }), { log: r.log }, r.showError)({ a: 1 }), { echoed: { a: 1 } });
  });

  it('explains an AWS error the same way for every command, naming the connection, with its fix', async () => {
    const r = recorder();
    // What the SDK throws when an SSO profile's credentials have expired.
    const sdkError = Object.assign(new Error('The security token included in the request is expired'), {
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 403 },
    });
    const connections = { current: { connection: { kind: 'profile' as const, profile: 'dev', region: 'eu-west-1' } } };
    const handler = wrapCommand('test.aws', () => Promise.reject(sdkError), { log: r.log, connections }, r.showError);
    await assert.rejects(Promise.resolve(handler({ scripted: true })), (error: Error) => error instanceof ActionableError && error.cause === sdkError);
    assert.equal(r.shown.length, 1);
    assert.match(r.shown[0].message, /credentials of profile "dev" have expired/);
    assert.deepEqual(r.shown[0].buttons, ['Run aws sso login', 'Show Log']);
    assert.ok(!r.shown[0].message.startsWith('Cognito Bot: ExpiredTokenException'), 'not the raw SDK message');
  });
});
