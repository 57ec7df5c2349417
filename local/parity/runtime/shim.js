// The Lambda runtime of one parity-mode function instance, run by the Lambda runtime's Node (22)
// in its own process: `node shim.js <code folder> <handler string>`. Plain CommonJS with no
// dependency, so that nothing of the source tree enters the function's process.
// Like Lambda's Runtime API loop: init (load the handler module) once, then one invocation at a
// time, over the IPC channel of child_process.fork. Results travel as JSON strings so that the
// host can enforce Lambda's 6 MB response limit on the serialized payload.
'use strict';
const path = require('node:path');

const [codeDir, handlerString] = process.argv.slice(2);
const env = process.env;

function errorOf(e) {
  const err = e instanceof Error ? e : new Error(String(e));
  return { errorType: err.name || 'Error', errorMessage: err.message, trace: String(err.stack || '').split('\n') };
}

async function loadHandler() {
  const dot = handlerString.lastIndexOf('.');
  if (dot <= 0) throw Object.assign(new Error(`Bad handler ${handlerString}`), { name: 'Runtime.MalformedHandlerName' });
  const file = path.resolve(codeDir, handlerString.slice(0, dot));
  const name = handlerString.slice(dot + 1);
  let mod;
  try {
    mod = require(file);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(file)) {
      throw Object.assign(new Error(`Cannot find module '${handlerString.slice(0, dot)}'`), { name: 'Runtime.ImportModuleError' });
    }
    if (e && e.code === 'ERR_REQUIRE_ESM') mod = await import(require.resolve(file));
    else throw e;
  }
  const fn = mod && mod[name];
  if (typeof fn !== 'function') throw Object.assign(new Error(`${handlerString} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  return fn;
}

function contextFor(m) {
  return {
    functionName: env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: m.invokedFunctionArn, memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: m.requestId, logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME, logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, m.deadline - Date.now()),
  };
}

// Lambda's REPORT line: the init's and each invocation's duration, measured here in the function's own process.
const { performance } = require('node:perf_hooks');
const initStart = performance.now();

loadHandler().then((handler) => {
  process.on('message', (m) => {
    if (!m || m.type !== 'invoke') return;
    env._X_AMZN_TRACE_ID = m.traceId;
    let event;
    try { event = JSON.parse(m.event); } catch (e) { process.send({ type: 'error', id: m.id, error: errorOf(e) }); return; }
    const start = performance.now();
    const cpu = process.cpuUsage();
    const ms = () => performance.now() - start;
    const cpuMs = () => { const u = process.cpuUsage(cpu); return (u.user + u.system) / 1000; };
    Promise.resolve().then(() => handler(event, contextFor(m))).then(
      (out) => {
        let payload;
        try { payload = out === undefined ? 'null' : JSON.stringify(out); } catch (e) { process.send({ type: 'error', id: m.id, error: errorOf(e), durationMs: ms(), cpuMs: cpuMs() }); return; }
        process.send({ type: 'result', id: m.id, payload, durationMs: ms(), cpuMs: cpuMs() });
      },
      (e) => process.send({ type: 'error', id: m.id, error: errorOf(e), durationMs: ms(), cpuMs: cpuMs() }),
    );
  });
  process.send({ type: 'ready', initMs: performance.now() - initStart });
}, (e) => {
  process.send({ type: 'init-error', error: errorOf(e) }, () => process.exit(1));
});
