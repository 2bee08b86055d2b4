import { generateKeyPairSync, verify } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { HeadSigner, headSigningMessage } from './head-signer';

describe('head signer', () => {
  const hash = 'ab'.repeat(32);

  it('signs `ledger-audit-head:v1:<seq>:<hash>`, checkable with the public key it gives', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signed = new HeadSigner(loadConfig({ AUDIT_SIGNING_KEY: pem })).sign(42, hash)!;
    expect(headSigningMessage(42, hash)).toBe(`ledger-audit-head:v1:42:${hash}`);
    expect(signed.algorithm).toBe('Ed25519');
    expect(verify(null, Buffer.from(`ledger-audit-head:v1:42:${hash}`), signed.publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(`ledger-audit-head:v1:43:${hash}`), signed.publicKey, Buffer.from(signed.signature, 'base64'))).toBe(false);
  });

  it('signs nothing without a key', () => {
    expect(new HeadSigner(loadConfig({})).sign(42, hash)).toBeNull();
  });
});
