/**
 * A detached CMS SignedData (RFC 5652) over a PDF's signed byte ranges, in the PAdES baseline
 * form (ETSI EN 319 142-1, B-B level): SHA-256, signed attributes content-type, signing-time,
 * message-digest and ESS signing-certificate-v2 (the signer's certificate hash), the
 * certificate embedded. node-forge's PKCS#7 signer cannot add signing-certificate-v2, so the
 * structure is built here with its ASN.1 primitives and signed with Node's crypto.
 */
import { createHash, createSign } from 'node:crypto';
import forge from 'node-forge';
import type { SigningKey } from './signing-key';

const { asn1 } = forge;
const C = asn1.Class; const T = asn1.Type;
const OID = {
  data: '1.2.840.113549.1.7.1', signedData: '1.2.840.113549.1.7.2', sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11', contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5', signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};
type Node = forge.asn1.Asn1;
const seq = (v: Node[]) => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, v);
const set = (v: Node[]) => asn1.create(C.UNIVERSAL, T.SET, true, v);
const oid = (o: string) => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, b.toString('binary'));
const int = (n: number) => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (o: string) => seq([oid(o), asn1.create(C.UNIVERSAL, T.NULL, false, '')]);
const attribute = (type: string, value: Node) => seq([oid(type), set([value])]);
const der = (n: Node) => Buffer.from(asn1.toDer(n).getBytes(), 'binary');

export function signDetached(content: Buffer, key: SigningKey, signingTime: Date): Buffer {
  const cert = forge.pki.certificateFromPem(key.cert_pem);
  const certAsn1 = forge.pki.certificateToAsn1(cert);
  const certDer = der(certAsn1);
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
  const time = signingTime.getUTCFullYear() < 2050
    ? asn1.create(C.UNIVERSAL, T.UTCTIME, false, asn1.dateToUtcTime(signingTime))
    : asn1.create(C.UNIVERSAL, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(signingTime));
  const signed = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.signingTime, time),
    attribute(OID.messageDigest, octets(sha256(content))),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { certHash } } (SHA-256 is the default hash)
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(sha256(certDer))])])])),
  ];
  // The signature covers the DER of the attributes as a SET; in SignerInfo they are [0] IMPLICIT.
  const signature = createSign('sha256').update(der(set(signed))).sign(key.key_pem);
  const issuerAndSerial = seq([
    forge.pki.distinguishedNameToAsn1(cert.issuer),
    asn1.create(C.UNIVERSAL, T.INTEGER, false, forge.util.hexToBytes(cert.serialNumber)),
  ]);
  const signerInfo = seq([
    int(1), issuerAndSerial, algorithm(OID.sha256),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, signed),
    algorithm(OID.sha256WithRsa), octets(signature),
  ]);
  const signedData = seq([
    int(1), set([algorithm(OID.sha256)]), seq([oid(OID.data)]),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, [certAsn1]),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}
