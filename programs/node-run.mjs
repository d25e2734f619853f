// Runs one program fixture in Node (V8 with node:wasi), as a second engine for Coroner's results.
//
//   node --no-warnings programs/node-run.mjs SPEC.run.json RESULT.json
//
// The program gets this process's stdin, stdout and stderr, the spec's arguments (argv[0] is the
// wasm file's name, as in Coroner), its environment (nothing else) and its preopened folders.
// RESULT.json receives how the run ended:
//   {"outcome": "exit", "exitCode": 3}
//   {"outcome": "trap", "trap": "<the spec's trap message>", "v8": "<V8's message>",
//    "frames": [{"function": 17, "offset": 730}, ...]}    (youngest first, module offsets)
//   {"outcome": "error", "message": "..."}                   (anything else: a JavaScript error)
// The script itself exits 0 when it wrote RESULT.json, 2 on bad usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { WASI } from 'node:wasi';

Error.stackTraceLimit = Infinity;

// V8's trap messages and the WebAssembly specification's (as Coroner reports them).
const TRAPS = new Map([
  ['unreachable', 'unreachable'],
  ['memory access out of bounds', 'out of bounds memory access'],
  ['divide by zero', 'integer divide by zero'],
  ['remainder by zero', 'integer divide by zero'],
  ['divide result unrepresentable', 'integer overflow'],
  ['float unrepresentable in integer range', 'invalid conversion to integer'],
  ['table index is out of bounds', 'undefined element'],
  ['null function or function signature mismatch', 'indirect call type mismatch'],
  ['Maximum call stack size exceeded', 'call stack exhausted'],
]);

function traceOf(error) {
  const frames = [];
  for (const line of String(error.stack).split('\n')) {
    const m = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/.exec(line);
    if (m) {
      frames.push({ function: Number(m[1]), offset: parseInt(m[2], 16) });
    }
  }
  return frames;
}

function classify(error) {
  const isTrap = error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
  const trap = isTrap ? TRAPS.get(error.message) : undefined;
  if (trap === undefined) {
    return { outcome: 'error', message: `${error.name}: ${error.message}` };
  }
  return { outcome: 'trap', trap, v8: error.message, frames: traceOf(error) };
}

async function main() {
  const [specPath, resultPath] = process.argv.slice(2);
  if (!specPath || !resultPath) {
    process.stderr.write('usage: node --no-warnings node-run.mjs SPEC.run.json RESULT.json\n');
    process.exit(2);
  }
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const folder = dirname(resolve(specPath));
  const preopens = {};
  for (const [guest, host] of Object.entries(spec.dirs ?? {})) {
    preopens[guest] = join(folder, host);
  }
  const wasi = new WASI({
    version: 'preview1',
    args: [spec.wasm, ...(spec.args ?? [])],
    env: spec.env ?? {},
    preopens,
    returnOnExit: true,
    stdin: 0,
    stdout: 1,
    stderr: 2,
  });
  let result;
  try {
    const module = await WebAssembly.compile(readFileSync(join(folder, spec.wasm)));
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    result = { outcome: 'exit', exitCode: wasi.start(instance) };
  } catch (error) {
    result = classify(error);
  }
  writeFileSync(resultPath, JSON.stringify(result) + '\n');
}

await main();
