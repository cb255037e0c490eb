// Chrome/Edge extension id from a manifest `key`, a PEM key or a built manifest:
//   node scripts/extension-id.mjs                       # the key of the built .output/chrome-mv3-e2e (or .output/chrome-mv3)
//   node scripts/extension-id.mjs path/to/manifest.json
//   node scripts/extension-id.mjs path/to/private-or-public.pem
// The id is the first 128 bits of the SHA-256 of the DER public key (SubjectPublicKeyInfo), each hex digit 0-f written a-p.
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** @param {string} base64Key the manifest's `key`: base64 of the DER SubjectPublicKeyInfo */
export function extensionIdFromKey(base64Key) {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** @param {string} pem a PEM private or public key; returns the manifest `key` for it */
export function manifestKeyFromPem(pem) {
  return createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2] ?? ['.output/chrome-mv3-e2e/manifest.json', '.output/chrome-mv3/manifest.json'].find((f) => existsSync(f));
  if (!arg) {
    console.error('Build first (npm run build), or name a manifest.json or a .pem file.');
    process.exit(1);
  }
  const text = readFileSync(arg, 'utf8');
  const key = text.includes('-----BEGIN') ? manifestKeyFromPem(text) : JSON.parse(text).key;
  if (!key) {
    console.error(`${arg} has no "key" (store packages have none: the store assigns the id).`);
    process.exit(1);
  }
  if (text.includes('-----BEGIN')) console.log(`manifest key: ${key}`);
  console.log(extensionIdFromKey(key));
}
