import type * as SdkModule from './sdk';

export type Sdk = typeof SdkModule;

let pending: Promise<Sdk> | undefined;

/** Loads the AWS SDK chunk once, on first use. */
export function loadSdk(): Promise<Sdk> {
  pending ??= import('./sdk');
  return pending;
}
