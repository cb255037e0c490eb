/** Types for scripts/extension-id.mjs (plain Node ESM, no build step). */
/** Chrome/Edge extension id of a manifest `key` (base64 DER SubjectPublicKeyInfo). */
export function extensionIdFromKey(base64Key: string): string;
/** The manifest `key` for a PEM private or public key. */
export function manifestKeyFromPem(pem: string): string;
