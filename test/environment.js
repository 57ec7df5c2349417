/**
 * Jest's node environment, plus one thing for the worker process it is loaded in: when the
 * worker's work is done and its event loop runs empty, it exits through `process.exit()`, which
 * runs the 'exit' listeners and then ends the process, instead of Node's full teardown of the
 * environment first. Measured at the end of the stack suites: a worker of ~1.2 GB took ~960 ms
 * from its 'exit' event to being gone that way, ~310 ms with process.exit() called from its 'exit'
 * listener (the same exit); jest allows a worker 500 ms
 * and then kills it with "A worker process has failed to exit gracefully" (no handle was left
 * open: the time is the teardown of a large heap).
 */
const { TestEnvironment } = require('jest-environment-node');

// Jest workers only (forked, with an IPC channel), not a `--runInBand` run. Jest requires this
// module with Node's own require, whose cache makes this run once per process.
if (process.env.JEST_WORKER_ID && typeof process.send === 'function') process.on('beforeExit', () => process.exit());

module.exports = TestEnvironment;
