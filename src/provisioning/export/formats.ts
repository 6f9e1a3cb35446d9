import { writeCdk } from './cdk';
import { writeCloudFormation } from './cloudformation';
import type { SetupModel } from './model';
import { writeTerraform } from './terraform';

export type ExportFormat = 'cloudformation' | 'cdk' | 'terraform';

export interface ExportFormatInfo {
  readonly label: string;
  readonly description: string;
  /** The file it is saved as by default, in the workspace. */
  readonly fileName: string;
  readonly write: (model: SetupModel) => string;
}

/** The formats the setup is exported in: one writer and one default file each. */
export const EXPORT_FORMATS: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  cloudformation: {
    label: 'CloudFormation',
    description: 'a YAML template for aws cloudformation deploy',
    fileName: 'cognito-bot-setup.yaml',
    write: writeCloudFormation,
  },
  cdk: { label: 'AWS CDK (TypeScript)', description: 'a stack using aws-cdk-lib', fileName: 'CognitoBotSetupStack.ts', write: (model) => writeCdk(model) },
  terraform: { label: 'Terraform', description: 'HCL for the hashicorp/aws provider', fileName: 'cognito-bot-setup.tf', write: writeTerraform },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value);
}
