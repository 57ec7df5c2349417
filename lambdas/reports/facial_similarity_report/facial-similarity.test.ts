import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ReportResult } from '../../../compiler';
import { documentPortrait, edited, gradient, original, twoPeople, type Identity } from '../../../fixtures/faces/variants';
import type { Media } from '../types';
import type * as Engine from '../face/engine';
import { ffmpegPath } from '../face/frames';
import { MOTION_TURN_DEGREES } from '../face/head-turn';
import { livenessCase } from '../fixtures/faces/corpus';
import { memoDetect } from '../fixtures/faces/memo-detect';
import { HEADS, moveMap, turnMap } from '../fixtures/faces/motion';
import { decode, encodeRaw, remap } from '../fixtures/faces/raster';

// The tests show the engine the same pictures again (each ID card in several tests, a still
// head's identical frames): the report's own detectFaces is memoised for the file. doMock (not
// its hoisted twin, which would send this file through ts-jest) runs here, after the imports
// above, none of which loads the engine; what does is required below it.
const memo = memoDetect(jest.requireActual<typeof Engine>('../face/engine'));
jest.doMock('../face/engine', () => memo.engine);
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the mock, on purpose */
const { checkFacialSimilarity, FACE_THRESHOLDS } = require('../face') as typeof import('../face');
const { modelRuns } = require('../fixtures/faces/model-runs') as typeof import('../fixtures/faces/model-runs');
/* eslint-enable @typescript-eslint/no-require-imports */

const png = (id: string, bytes: Buffer): Media => ({ id, bytes, contentType: 'image/png' });
const jpeg = (id: string, bytes: Buffer): Media => ({ id, bytes, contentType: 'image/jpeg' });

async function idCard(identity: Identity): Promise<Media> {
  return jpeg(`doc-${identity}`, (await documentPortrait(identity)).bytes);
}

/** A 2-second H.264 MP4 of the photo swaying a few degrees, made by the bundled ffmpeg. */
async function selfieVideo(identity: Identity): Promise<Media> {
  const dir = await mkdtemp(path.join(tmpdir(), 'face-video-test-'));
  try {
    const out = path.join(dir, 'selfie.mp4');
    await promisify(execFile)(ffmpegPath(), ['-v', 'error', '-loop', '1', '-i', path.join(__dirname, '../../../fixtures/faces', `${identity}.png`),
      '-t', '2', '-r', '10', '-vf', 'rotate=0.08*sin(2*PI*t):fillcolor=gray,format=yuv420p', '-c:v', 'libx264', out]);
    return { id: `video-${identity}`, bytes: await readFile(out), contentType: 'video/mp4' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('checkFacialSimilarity', () => {
  it('photo: an ID-card portrait and a live JPEG of the same person are clear; only the live photo runs the mesh and authenticity models', async () => {
    const live = jpeg('live', (await edited('astronaut', 'crop+rotate+jpeg')).bytes);
    let report: ReportResult = { result: 'consider', breakdown: {}, properties: {} };
    const runs = await modelRuns(async () => { report = await checkFacialSimilarity({ documentImage: await idCard('astronaut'), live: [live], config: { variant: 'photo' } }); });
    expect(runs).toEqual({ blazeface: 2, faceres: 2, facemesh: 1, antispoof: 1, liveness: 1 });
    expect(ReportResult.parse(report)).toBeTruthy();
    expect(report.result).toBe('clear');
    const score = report.properties.score as number;
    expect(score).toBeGreaterThanOrEqual(FACE_THRESHOLDS.faceMatch);
    const spoofing = (report.breakdown.visual_authenticity as { breakdown: { spoofing_detection: { properties: { score: number; liveness_score: number } } } }).breakdown.spoofing_detection;
    expect(report.breakdown).toEqual({
      face_comparison: { result: 'clear', breakdown: { face_match: { result: 'clear', properties: { score } } } },
      image_integrity: { result: 'clear', breakdown: { face_detected: { result: 'clear', properties: { document_faces: 1, live_faces: [1] } } } },
      visual_authenticity: { result: 'clear', breakdown: { spoofing_detection: { result: 'clear', properties: spoofing.properties } } },
    });
    expect(spoofing.properties.score).toBeGreaterThanOrEqual(FACE_THRESHOLDS.real);
    expect(spoofing.properties.liveness_score).toBeGreaterThanOrEqual(FACE_THRESHOLDS.live);
  });

  it('photo_fully_auto: the other person is consider on face_match', async () => {
    const report = await checkFacialSimilarity({ documentImage: await idCard('astronaut'), live: [png('live', original('camera'))], config: { variant: 'photo_fully_auto' } });
    expect(report.result).toBe('consider');
    expect(report.breakdown.face_comparison).toMatchObject({ result: 'consider', breakdown: { face_match: { result: 'consider' } } });
    expect(report.properties.score as number).toBeLessThan(FACE_THRESHOLDS.faceMatch);
  });

  it('no face in the live photo: consider with the reason, and no comparison', async () => {
    const report = await checkFacialSimilarity({ documentImage: await idCard('camera'), live: [png('live', (await gradient()).bytes)], config: { variant: 'photo' } });
    expect(report.result).toBe('consider');
    expect(report.breakdown.image_integrity).toEqual({ result: 'consider', breakdown: { face_detected: {
      result: 'consider', properties: { reasons: ['no_face_in_live_media'], document_faces: 1, live_faces: [0] } } } });
    expect(report.breakdown.face_comparison).toBeUndefined();
    expect(report.properties).toEqual({});
    // The presentation cues still look at a live image without a face (a screen's stripes can hide
    // it): this gradient's exact 0.8-level steps per pixel are a periodic pattern no camera makes.
    expect(Object.keys(report.breakdown).sort()).toEqual(['image_integrity', 'visual_authenticity']);
  });

  it('two people in the document and none live: both reasons at once', async () => {
    const report = await checkFacialSimilarity({ documentImage: png('doc', (await twoPeople()).bytes), live: [png('live', (await gradient()).bytes)], config: { variant: 'photo' } });
    expect(report.breakdown.image_integrity).toMatchObject({ breakdown: { face_detected: { properties: { reasons: ['several_faces_in_document', 'no_face_in_live_media'] } } } });
  });

  it('video: frames decoded from an MP4 match the document; each frame is scored', async () => {
    const report = await checkFacialSimilarity({ documentImage: await idCard('camera'), live: [await selfieVideo('camera')], config: { variant: 'video' } });
    expect(report.result).toBe('clear');
    const faceMatch = (report.breakdown.face_comparison as { breakdown: { face_match: { properties: { scores: number[] } } } }).breakdown.face_match;
    expect(faceMatch.properties.scores).toHaveLength(5);
    expect(report.properties.score).toBe(Math.min(...faceMatch.properties.scores));
  }, 120_000);

  it('motion: frames of a head turning both ways are clear; frames of one still moved about are consider, liveness_detected naming why', async () => {
    const photo = await decode(original('astronaut'));
    const frame = (i: number, map: (x: number, y: number) => [number, number]) => encodeRaw(remap(photo, 512, 512, map, [128, 128, 128])).jpeg().toBuffer().then((b) => jpeg(`f${i}`, b));
    const yaws = [0, -30, 0, 30, 0];
    const turning = await Promise.all(yaws.map((deg, i) => frame(i, turnMap(HEADS.astronaut, (deg * Math.PI) / 180))));
    const still = await Promise.all(yaws.map((deg, i) => frame(i, moveMap(512, 512, { dx: deg, dy: 0, zoom: 1, roll: deg / 300, tilt: deg / 100 }))));
    const doc = await idCard('astronaut');
    const genuine = await checkFacialSimilarity({ documentImage: doc, live: turning, config: { variant: 'motion' } });
    expect(genuine.breakdown.visual_authenticity).toMatchObject({ result: 'clear', breakdown: { liveness_detected: { result: 'clear', properties: { head_turn: { frames: 5, frames_with_yaw: 5 } } } } });
    expect(genuine.result).toBe('clear');
    const attack = await checkFacialSimilarity({ documentImage: doc, live: still, config: { variant: 'motion' } });
    expect(attack.result).toBe('consider');
    expect(attack.breakdown.face_comparison).toMatchObject({ result: 'clear' });
    expect(attack.breakdown.visual_authenticity).toMatchObject({ result: 'consider', breakdown: { liveness_detected: { result: 'consider', properties: { reasons: ['no_head_turn'] } } } });
  }, 300_000);

  it('motion: a genuine turn that peaks between two frames a second apart is still seen both ways (liveness corpus seed 1006)', async () => {
    // Its left turn reaches -26° for about a second around 4.3 s: 8 frames over 9 s read it at -5° on both sides.
    const genuine = await livenessCase('genuine_motion', 1006);
    const report = await checkFacialSimilarity({ documentImage: genuine.documentImage, live: genuine.live, config: { variant: 'motion' } });
    expect(report.breakdown.visual_authenticity).toMatchObject({ result: 'clear', breakdown: { liveness_detected: { result: 'clear', properties: { head_turn: { frames: 18, frames_with_yaw: 18 } } } } });
    const turn = (report.breakdown.visual_authenticity as { breakdown: { liveness_detected: { properties: { head_turn: { turn_negative: number; turn_positive: number } } } } }).breakdown.liveness_detected.properties.head_turn;
    expect(Math.min(turn.turn_negative, turn.turn_positive)).toBeGreaterThanOrEqual(MOTION_TURN_DEGREES);
    expect(report.result).toBe('clear');
  }, 600_000);

  it('motion: uploaded frames of another person are consider', async () => {
    const frames = await Promise.all(['rotate+7', 'rotate-10', 'crop-80'].map(async (e) => jpeg(e, (await edited('astronaut', e)).bytes)));
    const report = await checkFacialSimilarity({ documentImage: await idCard('camera'), live: frames, config: { variant: 'motion' } });
    expect(report.result).toBe('consider');
    expect(report.breakdown.image_integrity).toMatchObject({ result: 'clear' });
  }, 120_000);

  it('rejects a video for a photo variant and an unknown variant, saying how to fix it', async () => {
    const doc = await idCard('astronaut');
    const video: Media = { id: 'v1', bytes: Buffer.alloc(10), contentType: 'video/webm' };
    await expect(checkFacialSimilarity({ documentImage: doc, live: [video], config: { variant: 'photo' } }))
      .rejects.toThrow(/use variant "video" or "motion"/);
    await expect(checkFacialSimilarity({ documentImage: doc, live: [video], config: { variant: 'selfie' as 'photo' } }))
      .rejects.toMatchObject({ name: 'FaceInputError' });
  });

  it('(the file as a whole) detected each repeated picture once: 12 of its 49 detections came from the memo', () => {
    expect(memo.counts).toEqual({ calls: 49, detected: 37 });
  });
});
