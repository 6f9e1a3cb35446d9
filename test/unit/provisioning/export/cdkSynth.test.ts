import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { writeCdk } from '../../../../src/provisioning/export/cdk';
import { writeCloudFormation } from '../../../../src/provisioning/export/cloudformation';
import type { SetupModel } from '../../../../src/provisioning/export/model';
import { tutorialModel } from './fixtures';

/** A parsed template, read by path (any shape: the assertions say what it must be). */
interface Loose {
  readonly [key: string | number]: Loose;
}

interface Template {
  Resources: Record<string, { Type: string; Properties: Loose }>;
  Outputs?: Record<string, unknown>;
}

/** A package's folder, as this repository's node_modules resolve it (aws-cdk-lib and constructs are devDependencies). */
function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/**
 * Compiles the CDK export with tsc against aws-cdk-lib, runs it with node and synthesises the
 * stack with `app.synth()`, what `cdk synth` does (the CLI runs the app and reads the cloud
 * assembly it writes); returns the synthesised template.
 */
function synthesise(model: SetupModel): Template {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbw-cdk-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    for (const name of ['aws-cdk-lib', 'constructs']) fs.symlinkSync(packageDir(name), path.join(dir, 'node_modules', name), 'dir');
    fs.writeFileSync(path.join(dir, 'CognitoBotSetupStack.ts'), writeCdk(model));
    // The app, as a CDK app's bin/ file would create the stack (plain JS: only the export needs compiling).
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      [
        `const { App } = require('aws-cdk-lib');`,
        `const { CognitoBotSetupStack } = require('./out/CognitoBotSetupStack');`,
        `const app = new App({ outdir: ${JSON.stringify(path.join(dir, 'cdk.out'))}, analyticsReporting: false });`,
        `new CognitoBotSetupStack(app, 'CognitoBotSetupStack');`,
        `process.stdout.write(JSON.stringify(app.synth().getStackByName('CognitoBotSetupStack').template));`,
      ].join('\n'),
    );
    // What `cdk init app --language typescript` sets, strict included.
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          lib: ['es2022'],
          strict: true,
          noImplicitReturns: true,
          skipLibCheck: true,
          types: [],
          outDir: 'out',
        },
        files: ['CognitoBotSetupStack.ts'],
      }),
    );
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      const { stdout } = error as { stdout?: string };
      assert.fail(`The CDK export does not compile:\n${stdout}\n${writeCdk(model)}`);
    }
    return JSON.parse(execFileSync(process.execPath, [path.join(dir, 'app.js')], { cwd: dir, encoding: 'utf8' })) as Template;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const types = (template: Template) =>
  Object.values(template.Resources)
    .map((r) => r.Type)
    .sort();

/** Each role's trust statements, by the parameter that names it (the logical ids differ: CDK adds hashes). */
function trustByRoleName(template: Template): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .map((r) => [String(r.Properties.RoleName.Ref), r.Properties.AssumeRolePolicyDocument.Statement]),
  );
}

describe('export: the CDK stack compiles and synthesises like the CloudFormation export', function () {
  this.timeout(240_000);

  for (const [title, model] of [
    ['with the user pool', tutorialModel()],
    ['without the user pool', tutorialModel({ userPool: false })],
  ] as const) {
    it(`compiles with tsc against aws-cdk-lib and synthesises the same resource types, trust conditions and outputs (${title})`, () => {
      const synthesised = synthesise(model);
      const exported = parse(writeCloudFormation(model)) as Template;
      assert.deepEqual(types(synthesised), types(exported));
      assert.deepEqual(trustByRoleName(synthesised), trustByRoleName(exported));
      assert.deepEqual(Object.keys(synthesised.Outputs ?? {}).sort(), Object.keys(exported.Outputs ?? {}).sort());
      // The pool is referred to, not pasted, in both.
      assert.doesNotMatch(JSON.stringify(synthesised), new RegExp(model.identityPool.id));
    });
  }
});
