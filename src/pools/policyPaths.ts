import { lexRunBotsOnlyArn, MANAGED_POLICY_ARN, managedPolicyArn } from '../aws/arns';
import { InvalidArgumentsError } from '../aws/errors';
import type { PolicyRef } from '../provisioning/policyRefs';

/** The URI scheme of policy documents in editors; package.json's jsonValidation matches it. */
export const POLICY_SCHEME = 'cognitobot-policy';

// Where each document lives in the policy file system (the VS Code side adds scheme and
// authority):
//   /roles/<roleName>/trust-policy.json
//   /roles/<roleName>/inline/<policyName>.json
//   /managed/<partition>/<account>/<policy path and name>.json   (from its ARN)
const IAM_NAME = /^[\w+=,.@-]+$/;

export function policyPath(ref: PolicyRef): string {
  const name = (value: string, what: string) => {
    if (typeof value !== 'string' || !IAM_NAME.test(value))
      throw new InvalidArgumentsError(`${JSON.stringify(value)} is not an IAM ${what} name: use letters, digits and + = , . @ - _`);
    return value;
  };
  switch (ref.kind) {
    case 'trust':
      return `/roles/${name(ref.roleName, 'role')}/trust-policy.json`;
    case 'inline':
      return `/roles/${name(ref.roleName, 'role')}/inline/${name(ref.policyName, 'policy')}.json`;
    case 'managed': {
      const arn = MANAGED_POLICY_ARN.exec(ref.policyArn);
      if (!arn) throw new InvalidArgumentsError(`${JSON.stringify(ref.policyArn)} is not a managed policy ARN, such as ${lexRunBotsOnlyArn()}.`);
      return `/managed/${arn[1]}/${arn[2]}/${arn[3]}.json`;
    }
  }
}

/** The document at a path of the policy file system; undefined for anything else (a folder). */
export function refFromPath(path: string): PolicyRef | undefined {
  const trust = /^\/roles\/([\w+=,.@-]+)\/trust-policy\.json$/.exec(path);
  if (trust) return { kind: 'trust', roleName: trust[1] };
  const inline = /^\/roles\/([\w+=,.@-]+)\/inline\/([\w+=,.@-]+)\.json$/.exec(path);
  if (inline) return { kind: 'inline', roleName: inline[1], policyName: inline[2] };
  const managed = /^\/managed\/(aws[\w-]*)\/(aws|\d{12})\/(.+)\.json$/.exec(path);
  if (managed) return { kind: 'managed', policyArn: managedPolicyArn(managed[1], managed[2], managed[3]) };
  return undefined;
}

// A connection key ("sandbox:http://127.0.0.1:4599@us-east-1") as a URI authority: URIs
// lower-case authorities and read ":" and "@" in them as port and user, so every byte
// outside [a-z0-9.-] becomes _xx.
export function connectionAuthority(connectionKey: string): string {
  return Array.from(new TextEncoder().encode(connectionKey), (byte) =>
    /[a-z0-9.-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`,
  ).join('');
}

export function connectionKeyFromAuthority(authority: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < authority.length; i++) {
    if (authority[i] === '_' && /^[0-9a-f]{2}$/i.test(authority.slice(i + 1, i + 3))) {
      bytes.push(parseInt(authority.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(authority.charCodeAt(i));
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}
