/** AWS JSON 1.0 bodies: timestamps are epoch seconds (with a fraction); everything else is plain JSON. */

export function toWireJson(value: unknown): string {
  return JSON.stringify(value, function wireReplacer(this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key]; // the value before Date.prototype.toJSON turned it into a string
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

export const JSON_1_0 = 'application/x-amz-json-1.0';
export const TARGET_PREFIX = 'AWSStepFunctions.';
