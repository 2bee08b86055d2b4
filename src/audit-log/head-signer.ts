import { KeyObject, createPublicKey, sign } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { parseSigningKey } from '../config/signing-key';

export const HEAD_SIGNATURE_ALGORITHM = 'Ed25519';

/** The exact text signed for a chain head; an outsider rebuilds it from `seq` and `hash` alone. */
export function headSigningMessage(seq: number, hash: string): string {
  return `ledger-audit-head:v1:${seq}:${hash}`;
}

export interface HeadSignature {
  signature: string;
  publicKey: string;
  algorithm: typeof HEAD_SIGNATURE_ALGORITHM;
}

/**
 * Signs chain heads with the service's key (AUDIT_SIGNING_KEY), so that a head
 * handed out can later be shown to be the service's; without a key, none is signed.
 */
@Injectable()
export class HeadSigner {
  private readonly key: { privateKey: KeyObject; publicKey: string } | null;

  constructor(config: AppConfig) {
    if (!config.AUDIT_SIGNING_KEY) {
      this.key = null;
      return;
    }
    const privateKey = parseSigningKey(config.AUDIT_SIGNING_KEY);
    this.key = { privateKey, publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
  }

  sign(seq: number, hash: string): HeadSignature | null {
    if (!this.key) return null;
    const signature = sign(null, Buffer.from(headSigningMessage(seq, hash), 'utf8'), this.key.privateKey).toString('base64');
    return { signature, publicKey: this.key.publicKey, algorithm: HEAD_SIGNATURE_ALGORITHM };
  }
}
