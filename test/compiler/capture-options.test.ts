/**
 * Capture options the web page cannot honour are refused, not silently passed: `nfc: "required"` (a web page
 * cannot read a document's NFC chip) is an invalid field with a message saying so; "off" and "optional" are valid.
 */
import { validate } from '../../compiler';

const withNfc = (nfc: string) => validate({
  name: 'NFC', start: 'document', tasks: [
    { id: 'document', type: 'document_capture', nfc, next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve' },
  ],
}).problems;

it.each(['off', 'optional'])('nfc %s is valid', (nfc) => {
  expect(withNfc(nfc)).toEqual([]);
});

it('nfc "required" is refused with a problem saying that the web page cannot read the chip', () => {
  const problems = withNfc('required');
  expect(problems.map((p) => [p.code, p.task])).toEqual([['invalid_field', 'document']]);
  expect(problems[0]!.message).toMatch(/"required" is not supported: the web capture page cannot read a document's NFC chip/);
});
