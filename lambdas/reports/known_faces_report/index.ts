export type { FaceEntry, FaceIndexStore, FaceMatch, SearchOptions } from './store';
export { InMemoryFaceIndex } from './in-memory';
export { checkKnownFaces, MAX_MATCHES, type KnownFacesInput } from './check';
