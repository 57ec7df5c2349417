/**
 * known_faces_report through the report function on the local stack, as two Lambda containers
 * run it: each with its own handler and its own DynamoDB-backed index (separately constructed,
 * sharing only the table). A warm container sees the face the other one stored after it loaded.
 */
import { edited, original } from '../../fixtures/faces/variants';
import { useFaceIndexes } from '../../lambdas/reports/dispatch';
import { createReportHandler } from '../../lambdas/reports/handler';
import { createApplicant } from '../../lambdas/store/applicants';
import { DynamoFaceIndex } from '../../lambdas/reports/known_faces_report/dynamo';
import { saveMedia } from '../../lambdas/store/media';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack.stop());

/** One container: its handler and the index it holds (the dispatcher is pointed at it for each call). */
function container() {
  const index = new DynamoFaceIndex('live');
  const handler = createReportHandler();
  return {
    index,
    async knownFaces(applicantId: string, mediaId: string) {
      useFaceIndexes(() => index);
      return handler({
        kind: 'report', report: 'known_faces_report', task_id: `known_${mediaId}`, task_version: 1, config: {},
        run: { workflow_run_id: `run-${mediaId}`, applicant_id: applicantId, sandbox: false, applicant: {}, custom: {} },
        tasks: { face_capture_photo: { task_id: 'selfie', output: [{ id: mediaId }] } },
      });
    },
  };
}

async function selfie(lastName: string, bytes: Buffer) {
  const applicant = await createApplicant('live', { first_name: 'Jane', last_name: lastName });
  const media = await saveMedia({ kind: 'live_photos', environment: 'live', applicantId: applicant.id, fileName: 's.png', fileType: 'image/png', contentType: 'image/png', bytes });
  return { applicantId: applicant.id, mediaId: media.id };
}

it("finds an earlier applicant's face stored by another container, warm or cold", async () => {
  const [a, b] = [container(), container()];
  const camera = await selfie('Camera', original('camera'));
  expect(await b.knownFaces(camera.applicantId, camera.mediaId)).toMatchObject({ result: 'clear', properties: { matches: [] } });

  const first = await selfie('First', original('astronaut'));
  expect(await a.knownFaces(first.applicantId, first.mediaId)).toMatchObject({ result: 'clear', properties: { matches: [] } });

  // b loaded the index before a stored the astronaut: it reads the faces stored since
  const again = await selfie('Again', (await edited('astronaut', 'jpeg-q35')).bytes);
  const found = await b.knownFaces(again.applicantId, again.mediaId);
  expect(found).toMatchObject({
    result: 'consider', breakdown: { previously_seen_faces: { result: 'consider' } },
    properties: { matches: [{ applicant_id: first.applicantId, media_id: first.mediaId, score: expect.any(Number) }] },
  });

  const cold = container();
  const third = await selfie('Third', (await edited('camera', 'darker-0.6')).bytes);
  expect(await cold.knownFaces(third.applicantId, third.mediaId)).toMatchObject({
    result: 'consider', properties: { matches: [{ applicant_id: camera.applicantId, media_id: camera.mediaId }] },
  });
  expect([await a.index.size(), await b.index.size(), await cold.index.size()]).toEqual([4, 4, 4]);
});

it('a retried report stores the face once', async () => {
  const c = container();
  const before = await c.index.size();
  const retry = await selfie('Retry', (await edited('camera', 'brighter-1.4')).bytes);
  const firstTry = await c.knownFaces(retry.applicantId, retry.mediaId);
  useFaceIndexes(() => new DynamoFaceIndex('live'));
  expect(await createReportHandler()({
    kind: 'report', report: 'known_faces_report', task_id: 'other_task', task_version: 1, config: {},
    run: { workflow_run_id: 'run-retry-2', applicant_id: retry.applicantId, sandbox: false, applicant: {}, custom: {} },
    tasks: { face_capture_photo: { task_id: 'selfie', output: [{ id: retry.mediaId }] } },
  })).toEqual(firstTry);
  expect(await c.index.size()).toBe(before + 1);
});
