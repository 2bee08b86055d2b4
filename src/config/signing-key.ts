import { KeyObject, createPrivateKey } from 'node:crypto';

/**
 * An Ed25519 private key in PEM. Env files often hold a PEM on one line with
 * `\n` written out, so those are read as line breaks.
 */
export function parseSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 private key, got ${key.asymmetricKeyType}`);
  return key;
}
