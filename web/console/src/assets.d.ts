declare module '*.css';
/** The elkjs layout worker's path (web/build.js). */
declare const __ELK_WORKER__: string;
