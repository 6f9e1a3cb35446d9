// Log lines and error texts pass through here, so that keys and tokens never reach a log.

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // JWTs (Cognito ID, access and refresh tokens are JWT/JWE shaped)
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){0,2}/g, '<token>'],
  // Secret keys and session tokens named in JSON, XML, ini or headers
  // (not after "/" or a letter: a closing XML tag or a longer name is no key)
  [
    /((?<![/A-Za-z0-9])(?:secret_?access_?key|secretkey|session_?token|x-amz-security-token|password|refresh_?token|id_?token|access_?token)["']?[ \t]*[:=>][ \t]*["']?)[^"'\s<,&}]+/gi,
    '$1<redacted>',
  ],
  [/(<(SecretAccessKey|SessionToken)>)[^<]*(<\/\2>)/g, '$1<redacted>$3'],
  // SigV4 signatures
  [/(Signature=)[0-9a-f]{64}/g, '$1<redacted>'],
  // Access key ids: keep the prefix and the last four characters, as the AWS console does
  [/\b((?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{0,4})[A-Z0-9]{8,12}([A-Z0-9]{4})\b/g, '$1…$2'],
];

export function redactSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}
