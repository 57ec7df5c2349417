/**
 * Two independent checks of generated ASL: the `asl-validator` package and AWS's own
 * `amazon-states-language-service` (the validator behind the VS Code toolkit).
 * asl-validator's JSON-schema check is compiled once and kept (local/sfn/service/asl-schema.ts,
 * the same schemas and error selection; asl-schema.test.ts compares both): asl-validator alone
 * compiles its 15 schemas on every call, ~0.15-0.3 s of CPU per definition (over half of
 * test/compiler/valid.test.ts's CPU).
 */
import aslValidator from 'asl-validator';
import { getLanguageService, TextDocument } from 'amazon-states-language-service';
import { useCachedSchemaCheck } from '../../local/sfn/service/asl-schema';

useCachedSchemaCheck();

const service = getLanguageService({});

export async function aslProblems(asl: unknown): Promise<string[]> {
  const text = JSON.stringify(asl, null, 2);
  const a = aslValidator(JSON.parse(text));
  const out = a.isValid ? [] : a.errors.map((e) => `asl-validator: ${JSON.stringify(e)}`);
  const doc = TextDocument.create('file:///workflow.asl.json', 'json', 0, text);
  const diagnostics = await service.doValidation(doc, service.parseJSONDocument(doc), { comments: 'error', trailingCommas: 'error' });
  return [...out, ...diagnostics.map((d) => `asl-language-service: ${d.message} (line ${d.range.start.line + 1})`)];
}
