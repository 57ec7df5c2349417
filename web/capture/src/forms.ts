/** One form per interactive task type: its controls, and how to turn them into the task's completion data. */
import type { Api } from './api';
import { field, h } from './dom';

export interface FormBody {
  nodes: HTMLElement[];
  /** Uploads what is needed and answers the `data` of Complete Task; throws a user-facing Error. */
  collect(api: Api, applicantId: string): Promise<unknown>;
  /** Buttons that complete the task with fixed data (e.g. Motion on a device that cannot record). */
  extraButtons?: Array<{ label: string; data: unknown }>;
}
export interface FormSpec { title: string; submit: string; render(config: Record<string, unknown>): FormBody }

const DOCUMENT_LABELS: Record<string, string> = {
  passport: 'Passport', driving_licence: 'Driving licence', national_identity_card: 'National identity card', residence_permit: 'Residence permit',
  utility_bill: 'Utility bill', bank_building_society_statement: 'Bank statement', council_tax: 'Council tax letter',
  benefit_letters: 'Benefits letter', government_letter: 'Government letter',
};
const labelOf = (type: string) => DOCUMENT_LABELS[type] ?? type.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const ONE_SIDED = new Set(['passport']);

function select(options: Array<[string, string]>, name: string): HTMLSelectElement {
  const s = h('select', { name, required: '' }) as HTMLSelectElement;
  for (const [value, text] of options) s.append(h('option', { value }, text));
  return s;
}
function fileInput(name: string, accept: string, captureMode?: 'user' | 'environment', required = true): HTMLInputElement {
  return h('input', { type: 'file', name, accept, ...(captureMode ? { capture: captureMode } : {}), ...(required ? { required: '' } : {}) }) as HTMLInputElement;
}
function chosen(input: HTMLInputElement, what: string): File {
  const file = input.files?.[0];
  if (!file) throw new Error(`Please choose ${what}.`);
  return file;
}

const document_capture: FormSpec = {
  title: 'Your identity document', submit: 'Send document',
  render(config) {
    const configured = Array.isArray(config.documents) ? config.documents as Array<{ type: string; countries?: string[] }> : [];
    const types = configured.length ? configured.map((d) => d.type) : ['passport', 'driving_licence', 'national_identity_card', 'residence_permit'];
    const type = select(types.map((t) => [t, labelOf(t)]), 'document_type');
    const countries = [...new Set(configured.flatMap((d) => d.countries ?? []))];
    const country = countries.length ? select(countries.map((c) => [c, c]), 'issuing_country') : undefined;
    const front = fileInput('front', 'image/*', 'environment');
    const back = fileInput('back', 'image/*', 'environment', false);
    const backField = field('Back of the document', back, 'Optional for cards with information on the back.');
    const sync = () => { backField.hidden = ONE_SIDED.has(type.value); };
    type.addEventListener('change', sync);
    sync();
    return {
      nodes: [field('Document type', type), ...(country ? [field('Issuing country', country)] : []),
        field('Front of the document', front, 'Take a photo of the page with your photo, all corners visible.'), backField],
      async collect(api, applicantId) {
        const frontFile = chosen(front, 'a photo of the front of your document');
        const backFile = !backField.hidden ? back.files?.[0] : undefined;
        const fields = { type: type.value, ...(country ? { issuing_country: country.value } : {}) };
        const ids = [await api.upload('documents', applicantId, frontFile, { ...fields, side: 'front' })];
        if (backFile) ids.push(await api.upload('documents', applicantId, backFile, { ...fields, side: 'back' }));
        return ids.map(({ id }) => ({ id }));
      },
    };
  },
};

const face_capture_photo: FormSpec = {
  title: 'A photo of your face', submit: 'Send photo',
  render() {
    const photo = fileInput('selfie', 'image/*', 'user');
    return {
      nodes: [h('p', {}, 'Take a clear photo of your face, looking at the camera, with no hat or sunglasses.'), field('Selfie photo', photo)],
      async collect(api, applicantId) {
        return [{ id: (await api.upload('live_photos', applicantId, chosen(photo, 'a photo of your face'))).id }];
      },
    };
  },
};

const video = (kind: 'live_videos' | 'motion_captures', title: string, motion: boolean): FormSpec => ({
  title, submit: 'Send video',
  render() {
    const clip = fileInput('video', 'video/*', 'user');
    return {
      nodes: [h('p', {}, 'Record a short video of your face, turning your head slowly from side to side.'), field('Face video', clip)],
      async collect(api, applicantId) {
        return [{ id: (await api.upload(kind, applicantId, chosen(clip, 'a video of your face'))).id }];
      },
      ...(motion ? { extraButtons: [{ label: 'I cannot record a video on this device', data: [] }] } : {}),
    };
  },
});

const PROFILE: Record<string, { label: string; type: string; autocomplete: string; optional?: boolean; hint?: string }> = {
  first_name: { label: 'First name', type: 'text', autocomplete: 'given-name' },
  last_name: { label: 'Last name', type: 'text', autocomplete: 'family-name' },
  dob: { label: 'Date of birth', type: 'date', autocomplete: 'bday' },
  email: { label: 'Email', type: 'email', autocomplete: 'email' },
  phone_number: { label: 'Phone number', type: 'tel', autocomplete: 'tel', hint: 'With the country code, e.g. +44 20 7946 0000.' },
  country_of_residence: { label: 'Country of residence', type: 'text', autocomplete: 'country', hint: 'Three-letter code, e.g. GBR.' },
  ssn: { label: 'Social Security number', type: 'text', autocomplete: 'off', optional: true, hint: 'US residents only.' },
  pan: { label: 'PAN', type: 'text', autocomplete: 'off', optional: true, hint: 'Indian residents only.' },
};
const ADDRESS: Array<[string, string, string, boolean]> = [
  ['building_number', 'Building number', 'address-line1', false], ['street', 'Street', 'address-line1', true],
  ['town', 'Town or city', 'address-level2', true], ['state', 'State or region', 'address-level1', false],
  ['postcode', 'Postcode', 'postal-code', false], ['country', 'Country (three-letter code, e.g. GBR)', 'country', true],
];

const profile_data_capture: FormSpec = {
  title: 'Your details', submit: 'Continue',
  render(config) {
    const names = Array.isArray(config.fields) ? (config.fields as unknown[]).filter((f): f is string => typeof f === 'string') : [];
    const inputs = new Map<string, HTMLInputElement>();
    const address = new Map<string, HTMLInputElement>();
    const nodes: HTMLElement[] = [];
    for (const name of names) {
      if (name === 'address') {
        const set = h('fieldset', {}, h('legend', {}, 'Address'));
        for (const [key, label, autocomplete, required] of ADDRESS) {
          const input = h('input', { type: 'text', name: `address.${key}`, autocomplete, ...(required ? { required: '' } : {}) }) as HTMLInputElement;
          address.set(key, input);
          set.append(field(required ? label : `${label} (optional)`, input));
        }
        nodes.push(set);
        continue;
      }
      const spec = PROFILE[name] ?? { label: name, type: 'text', autocomplete: 'off' };
      const input = h('input', { type: spec.type, name, autocomplete: spec.autocomplete, ...(spec.optional ? {} : { required: '' }) }) as HTMLInputElement;
      inputs.set(name, input);
      nodes.push(field(spec.optional ? `${spec.label} (optional)` : spec.label, input, spec.hint));
    }
    return {
      nodes,
      async collect() {
        const data: Record<string, unknown> = {};
        const missing: string[] = [];
        for (const [name, input] of inputs) {
          const value = input.value.trim();
          if (value) data[name] = name === 'country_of_residence' ? value.toUpperCase() : value;
          else if (!PROFILE[name]?.optional) missing.push(PROFILE[name]?.label ?? name);
        }
        if (address.size) {
          const a: Record<string, string> = {};
          for (const [key, input] of address) if (input.value.trim()) a[key] = key === 'country' ? input.value.trim().toUpperCase() : input.value.trim();
          for (const [key, label, , required] of ADDRESS) if (required && !a[key]) missing.push(`Address: ${label}`);
          data.address = a;
        }
        if (missing.length) throw new Error(`Please fill in: ${missing.join(', ')}.`);
        return data;
      },
    };
  },
};

const proof_of_address_capture: FormSpec = {
  title: 'Proof of address', submit: 'Send document',
  render(config) {
    const configured = Array.isArray(config.document_types) ? (config.document_types as unknown[]).filter((t): t is string => typeof t === 'string') : [];
    const types = configured.length ? configured : ['utility_bill', 'bank_building_society_statement', 'council_tax', 'benefit_letters', 'government_letter'];
    const type = select(types.map((t) => [t, labelOf(t)]), 'document_type');
    const file = fileInput('proof', 'image/*,application/pdf', 'environment');
    return {
      nodes: [field('Document type', type), field('Document', file, 'A photo or a PDF, dated within the last 3 months, showing your name and address.')],
      async collect(api, applicantId) {
        return [{ id: (await api.upload('documents', applicantId, chosen(file, 'your proof of address'), { type: type.value })).id }];
      },
    };
  },
};

export const FORMS: Record<string, FormSpec> = {
  document_capture, face_capture_photo, proof_of_address_capture, profile_data_capture,
  face_capture_video: video('live_videos', 'A video of your face', false),
  face_capture_motion: video('motion_captures', 'A video of your face', true),
};
