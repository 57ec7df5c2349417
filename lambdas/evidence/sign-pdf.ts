/** Signs a PDF (PAdES, `ETSI.CAdES.detached`): a signature placeholder, then the CMS of cms.ts over its byte ranges. */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { signDetached } from './cms';
import type { SigningKey } from './signing-key';

class PadesSigner extends Signer {
  constructor(private readonly key: SigningKey, private readonly at: Date) { super(); }
  override async sign(content: Buffer): Promise<Buffer> { return signDetached(content, this.key, this.at); }
}

export async function signPdf(pdf: Buffer, key: SigningKey, p: { reason: string; at: Date; name: string }): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf, reason: p.reason, contactInfo: '', name: p.name, location: '', signingTime: p.at,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED, signatureLength: 8192,
  });
  return signpdf.sign(withPlaceholder, new PadesSigner(key, p.at), p.at);
}
