/** One HTTP delivery: POST the signed body, 2xx within the timeout counts as delivered. */
import { SIGNATURE_HEADER, signBody } from './signature';

export type SendResult = { ok: true; status: number } | { ok: false; error: string };
export type Send = (url: string, body: string, token: string, timeoutMs: number) => Promise<SendResult>;

export const sendWebhook: Send = async (url, body, token, timeoutMs) => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'OpenStudio-Webhooks/1', [SIGNATURE_HEADER]: signBody(body, token) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, error: `HTTP ${res.status}` };
  } catch (e) {
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return { ok: false, error: `no answer within ${timeoutMs} ms` };
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return { ok: false, error: `${e instanceof Error ? e.message : String(e)}${cause}` };
  }
};
