/**
 * The key and certificate that sign evidence PDFs, read on first use: in AWS the deployment holds
 * them in Secrets Manager (`EVIDENCE_SIGNING_SECRET_ARN`; the stack creates the secret empty and
 * the first use fills it); locally a file in the data folder (`EVIDENCE_SIGNING_KEY_FILE`), made
 * on first use. A key takes a second or two to make, so nothing makes one before it is needed.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import forge from 'node-forge';
import { z } from 'zod';
import { config } from '../shared/config';

export const SigningKey = z.object({ key_pem: z.string().includes('PRIVATE KEY'), cert_pem: z.string().includes('CERTIFICATE') });
export type SigningKey = z.infer<typeof SigningKey>;

/** A self-signed RSA-2048 certificate for `commonName`, valid ten years from `now`. Trust in it
 *  is not required: a signature proves the file is unchanged since this deployment signed it. */
export function generateSigningKey(commonName: string, now: Date = new Date()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key_pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`; // positive, 16 bytes
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const name = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'Open Studio' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(key_pem), forge.md.sha256.create());
  return { key_pem, cert_pem: forge.pki.certificateToPem(cert) };
}

const parsed = (raw: string | undefined): SigningKey | undefined => {
  if (!raw) return undefined;
  try { const k = SigningKey.safeParse(JSON.parse(raw)); return k.success ? k.data : undefined; } catch { return undefined; }
};

/** Locally: the file, made on first use (mode 600; a concurrent first use reads the winner's). */
function fromFile(file: string, commonName: string): SigningKey {
  if (!existsSync(file)) {
    try { writeFileSync(file, JSON.stringify(generateSigningKey(commonName)), { mode: 0o600, flag: 'wx' }); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = parsed(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} holds no evidence signing key; remove it to make a new one`);
  return key;
}

/** In AWS: the secret; while it holds no key (as the stack creates it), one is made and stored. The
 *  write is keyed on the version read, so of two first uses one wins and the other reads its key. */
async function fromSecret(arn: string, commonName: string, client = new SecretsManagerClient({ region: config().AWS_REGION })): Promise<SigningKey> {
  const read = () => client.send(new GetSecretValueCommand({ SecretId: arn }));
  const first = await read();
  const held = parsed(first.SecretString);
  if (held) return held;
  const key = generateSigningKey(commonName);
  try {
    await client.send(new PutSecretValueCommand({
      SecretId: arn, SecretString: JSON.stringify(key),
      ClientRequestToken: createHash('sha256').update(`evidence-signing-key:${first.VersionId ?? ''}`).digest('hex').slice(0, 64),
    }));
    return key;
  } catch (e) {
    const again = parsed((await read()).SecretString);
    if (again) return again;
    throw e;
  }
}

let cached: Promise<SigningKey> | undefined;
/** The deployment's evidence signing key (once per process). */
export function evidenceSigningKey(commonName = 'Open Studio evidence'): Promise<SigningKey> {
  cached ??= (async () => {
    const c = config();
    if (c.EVIDENCE_SIGNING_SECRET_ARN) return fromSecret(c.EVIDENCE_SIGNING_SECRET_ARN, commonName);
    if (c.EVIDENCE_SIGNING_KEY_FILE) return fromFile(c.EVIDENCE_SIGNING_KEY_FILE, commonName);
    return generateSigningKey(commonName);
  })().catch((e: unknown) => { cached = undefined; throw e; });
  return cached;
}
export const forgetSigningKey = () => { cached = undefined; };
