/** Onfido's own Node client (@onfido/api v6), unchanged, against the local stack. */
import { Configuration, DefaultApi, FileTransfer } from '@onfido/api';
import { startTestStack, type TestStack } from '../helpers/stack';
import { makeMediaFixtures, type MediaFixtures } from './media-fixtures';

let stack: TestStack;
let fx: MediaFixtures;
let api: DefaultApi;
beforeAll(async () => {
  [stack, fx] = await Promise.all([startTestStack(), makeMediaFixtures()]);
  api = new DefaultApi(new Configuration({ apiToken: stack.apiToken, basePath: `${stack.url}/v3.6` }));
});
afterAll(() => stack.stop());

it('creates an applicant, uploads a document and a live photo, finds, lists and downloads', async () => {
  const applicant = (await api.createApplicant({
    first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31', email: 'jane@example.com',
    address: { postcode: 'SW4 6EH', country: 'GBR', town: 'London', street: 'Main Street', building_number: '100' },
    location: { ip_address: '127.0.0.1', country_of_residence: 'GBR' },
    consents: [{ name: 'privacy_notices_read', granted: true }],
  })).data;
  expect(applicant).toMatchObject({ first_name: 'Jane', last_name: 'Doe', href: `/v3.6/applicants/${applicant.id}`, sandbox: true });
  expect((await api.findApplicant(applicant.id)).data).toEqual(applicant);
  const listed = await api.listApplicants(1, 20, false);
  expect([listed.headers['x-total-count'], listed.data.applicants.map((a) => a.id)]).toEqual(['1', [applicant.id]]);

  const document = (await api.uploadDocument('driving_licence', applicant.id, new FileTransfer(fx.png, 'licence.png'), undefined, 'front', 'GBR', false,
    { ip_address: '127.0.0.1', country_of_residence: 'GBR' })).data;
  expect(document).toMatchObject({ type: 'driving_licence', side: 'front', issuing_country: 'GBR', applicant_id: applicant.id, file_name: 'licence.png', file_type: 'png', file_size: fx.png.length });
  const photo = (await api.uploadLivePhoto(applicant.id, new FileTransfer(fx.jpg, 'selfie.jpg'), true)).data;
  expect(photo).toMatchObject({ file_name: 'selfie.jpg', file_type: 'image/jpeg' });

  expect((await api.findDocument(document.id)).data).toEqual(document);
  expect((await api.listDocuments(applicant.id)).data.documents).toEqual([document]);
  expect((await api.listLivePhotos(applicant.id)).data.live_photos).toEqual([photo]);
  const download = await api.downloadDocument(document.id, { responseType: 'arraybuffer' });
  expect(download.headers['content-type']).toBe('image/png');
  expect(download.data).toBeInstanceOf(FileTransfer);
  expect(Buffer.from(download.data.buffer).equals(fx.png)).toBe(true);
  expect(download.data.filename).toBe('licence.png');
});

it('types an upload by its bytes: a PNG named scan.jpg (the client sends image/jpeg) is stored and served as a PNG', async () => {
  const applicant = (await api.createApplicant({ first_name: 'Jo', last_name: 'Roe' })).data;
  const document = (await api.uploadDocument('passport', applicant.id, new FileTransfer(fx.png, 'scan.jpg'), 'jpg')).data;
  expect(document).toMatchObject({ file_name: 'scan.jpg', file_type: 'png', file_size: fx.png.length });
  const photo = (await api.uploadLivePhoto(applicant.id, new FileTransfer(fx.png, 'selfie.jpg'))).data;
  expect(photo).toMatchObject({ file_name: 'selfie.jpg', file_type: 'image/png' });
  const download = await api.downloadLivePhoto(photo.id, { responseType: 'arraybuffer' });
  expect(download.headers['content-type']).toBe('image/png');
});

it('surfaces Onfido error bodies through the client', async () => {
  const error = await api.findApplicant('00000000-0000-4000-8000-000000000000').then(() => undefined, (e: { response?: { status: number; data: unknown } }) => e);
  expect([error?.response?.status, error?.response?.data]).toEqual([404, {
    error: { type: 'resource_not_found', message: 'Could not find the following resource: Applicant with id=00000000-0000-4000-8000-000000000000', fields: {} },
  }]);
  const sdk = (await api.generateSdkToken({ applicant_id: (await api.createApplicant({ first_name: 'A', last_name: 'B' })).data.id })).data;
  expect(typeof sdk.token).toBe('string');
});
