/**
 * Two independent checks of generated ASL: the `asl-validator` package and AWS's own
 * `amazon-states-language-service` (the validator behind the VS Code toolkit).
 */
import aslValidator from 'asl-validator';
import { getLanguageService, TextDocument } from 'amazon-states-language-service';

const service = getLanguageService({});

export async function aslProblems(asl: unknown): Promise<string[]> {
  const text = JSON.stringify(asl, null, 2);
  const a = aslValidator(JSON.parse(text));
  const out = a.isValid ? [] : a.errors.map((e) => `asl-validator: ${JSON.stringify(e)}`);
  const doc = TextDocument.create('file:///workflow.asl.json', 'json', 0, text);
  const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'error', trailingCommas: 'error' });
  return [...out, ...diagnostics.map((d) => `asl-language-service: ${d.message} (line ${d.range.start.line + 1})`)];
}
