/** Configured custom inputs are mandatory when a run is created unless they say `required: false`. */
import { checkInputs } from './inputs';

const input = { custom: {
  tier: { type: 'string' as const },
  age: { type: 'number' as const, required: true },
  note: { type: 'string' as const, required: false },
} };

it('refuses a run without a configured custom input that does not opt out, naming each one', () => {
  expect(checkInputs(input, {}, {}).fields).toEqual({
    'custom_data.tier': ['is required by the workflow (string)'], 'custom_data.age': ['is required by the workflow (number)'],
  });
});

it('accepts a run without the inputs marked required: false, and still checks their type when given', () => {
  expect(checkInputs(input, {}, { tier: 'gold', age: 40 }).fields).toEqual({});
  expect(checkInputs(input, {}, { tier: 'gold', age: 40, note: 7 }).fields).toEqual({ 'custom_data.note': ['must be a string, got 7'] });
});
