// Runs fixture commands in V8 (Node.js 20) and records, for each trapping command, V8's Wasm
// frames: instance, function index, module offset. Part of Coroner's V8 cross-check
// (dev.coroner.harness.v8; docs/coredump-format.md section 7).
//
// Input (stdin): one JSON object {"version": 1, "jobs": [JOB...]}, written by
// dev.coroner.harness.v8.V8Manifest. A job is
//   {"kind": "script", "id": PATH, "commands": [COMMAND...]}     a .wast / .wat fixture
//   {"kind": "wasi", "id": PATH, "key": KEY, "wasm": BASE64,     a WASI command module run
//    "args": [..], "env": {..}, "preopens": {guest: host}, "stdin": BASE64}   through node:wasi
// and a COMMAND is one of (every module as base64 binary; "line" is its source line)
//   {"type": "module", "line": L, "name": "$A" | null, "wasm": B64}
//   {"type": "register", "line": L, "as": "A", "module": "$A" | null}
//   {"type": "action" | "assert_return", "line": L, "action": ACTION}
//   {"type": "assert_trap", "line": L, "action": ACTION}
//   {"type": "assert_trap", "line": L, "wasm": B64}        the module form: start function traps
//   {"type": "assert_exhaustion", "line": L, "action": ACTION}
//   ACTION = {"type": "invoke" | "get", "module": "$A" | null, "field": F, "args": [VALUE...]}
//   VALUE  = {"type": "i32"|"i64"|"f32"|"f64", "bits": "unsigned decimal"}
//          | {"type": "externref"|"funcref", "null": true} | {"type": "externref", "value": "N"}
//
// Output (stdout): one JSON object per line.
//   {"id": PATH, "key": KEY, "outcome": "trap" | "exhaustion", "error": "RuntimeError",
//    "message": "...", "frames": [[instance, function, offset], ...]}    youngest frame first
//   {"id": PATH, "key": KEY, "outcome": "unavailable", "module": "coroner", "line": L}
//   {"id": PATH, "key": KEY, "outcome": "exit", "code": N}                  a WASI program exited
//   {"id": PATH, "key": KEY | null, "outcome": "failed", "message": "..."}  ran otherwise than
//                                                                           written
//   {"done": true, "jobs": N}                                               last line
// For a script, KEY is the trapping command's line. Instance i is the i-th instantiation that
// reached its start function (a failed one counts only for its own trap, as in Coroner's store);
// function indices count imports; offsets are module-relative byte offsets, V8's
// wasm-function[F]:0xOFFSET. Only Wasm frames are listed (host and JS frames are left out).
//
// Run by hand: node v8-frames.mjs < manifest.json

import { readFileSync, mkdtempSync, writeFileSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WASM_FRAME = /wasm-function\[(\d+)\]:0x([0-9a-f]+)\)?$/;

/** A thrown error's call sites (V8's structured stack trace), captured once per error. */
Error.stackTraceLimit = Infinity;
Error.prepareStackTrace = (_error, callSites) => callSites;

/** Raised for a fixture that does not run in V8 as written; becomes a "failed" line. */
class Failure extends Error {}

/** Raised when a module imports a host module V8 does not have; becomes "unavailable" lines. */
class Unavailable extends Error {
  constructor(module) {
    super(`host module "${module}" is not available in V8`);
    this.module = module;
  }
}

function emit(record) {
  process.stdout.write(JSON.stringify(record) + '\n');
}

function bytes(base64) {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** The spectest host module, as the spec test suite's harness defines it. */
function spectest() {
  const nop = () => {};
  return {
    print: nop, print_i32: nop, print_i64: nop, print_f32: nop, print_f64: nop,
    print_i32_f32: nop, print_f64_f64: nop,
    global_i32: new WebAssembly.Global({ value: 'i32', mutable: false }, 666),
    global_i64: new WebAssembly.Global({ value: 'i64', mutable: false }, 666n),
    global_f32: new WebAssembly.Global({ value: 'f32', mutable: false }, 666.6),
    global_f64: new WebAssembly.Global({ value: 'f64', mutable: false }, 666.6),
    table: new WebAssembly.Table({ element: 'anyfunc', initial: 10, maximum: 20 }),
    memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
  };
}

/**
 * The Wasm frames of `error`, youngest first, as [instance, function, offset]; `instanceIndex`
 * maps a frame's receiver (the WebAssembly.Instance) to its index, or returns -1.
 */
function wasmFrames(error, instanceIndex) {
  const sites = error.stack;
  if (!Array.isArray(sites)) {
    throw new Failure(`V8 gave no structured stack trace for ${error}`);
  }
  const frames = [];
  for (const site of sites) {
    const text = site.toString();
    const match = WASM_FRAME.exec(text);
    const receiver = site.getThis();
    const isInstance = receiver instanceof WebAssembly.Instance;
    if (!match && !isInstance) {
      continue; // a JavaScript frame: a host function, the harness
    }
    if (!match || !isInstance) {
      throw new Failure(`cannot read the Wasm frame "${text}" (receiver ${receiver})`);
    }
    const func = Number(match[1]);
    const offset = parseInt(match[2], 16);
    if (site.getPosition() !== offset) {
      throw new Failure(`frame "${text}": position ${site.getPosition()} is not its offset`);
    }
    const instance = instanceIndex(receiver);
    if (instance < 0) {
      throw new Failure(`frame "${text}" belongs to an instance this script did not create`);
    }
    frames.push([instance, func, offset]);
  }
  return frames;
}

/** Whether `error` is V8's stack overflow. */
function isExhaustion(error) {
  return error instanceof RangeError && /call stack size exceeded/.test(error.message);
}

function argument(value, externs) {
  const bits = value.bits;
  switch (value.type) {
    case 'i32': return Number(BigInt.asIntN(32, BigInt(bits)));
    case 'i64': return BigInt.asIntN(64, BigInt(bits));
    case 'f32': return new Float32Array(new Uint32Array([Number(bits)]).buffer)[0];
    case 'f64': return new Float64Array(new BigUint64Array([BigInt(bits)]).buffer)[0];
    case 'externref':
      if (value.null) return null;
      if (!externs.has(value.value)) externs.set(value.value, { externref: value.value });
      return externs.get(value.value);
    case 'funcref':
      if (value.null) return null;
      throw new Failure('a non-null funcref argument cannot be written in a script');
    default:
      throw new Failure(`a ${value.type} argument cannot be passed through the JS API`);
  }
}

/** Runs one script job; emits one line per trapping command (or a "failed" line). */
function runScript(job) {
  const live = new Map(); // WebAssembly.Instance -> instance index
  const named = new Map(); // "$A" -> exports
  const registered = new Map([['spectest', spectest()]]);
  const externs = new Map();
  let current = null;
  const commands = job.commands;
  const trapping = (c) => c.type === 'assert_trap' || c.type === 'assert_exhaustion';

  const exportsOf = (name, line) => {
    const exports = name == null ? current : named.get(name);
    if (!exports) {
      throw new Failure(`line ${line}: no module ${name ?? '(current)'} to act on`);
    }
    return exports;
  };
  const compile = (wasm, line) => {
    const module = new WebAssembly.Module(bytes(wasm));
    const imports = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      const host = registered.get(imp.module);
      if (!host) {
        if (imp.module === 'coroner') throw new Unavailable(imp.module);
        throw new Failure(`line ${line}: unknown import module "${imp.module}"`);
      }
      imports[imp.module] = host;
    }
    return { module, imports };
  };
  const perform = (action, line) => {
    const exports = exportsOf(action.module, line);
    const target = exports[action.field];
    if (target === undefined) {
      throw new Failure(`line ${line}: no export "${action.field}"`);
    }
    if (action.type === 'get') {
      return target.value;
    }
    return target(...action.args.map((a) => argument(a, externs)));
  };

  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    const line = c.line;
    try {
      switch (c.type) {
        case 'module': {
          const { module, imports } = compile(c.wasm, line);
          let instance;
          try {
            instance = new WebAssembly.Instance(module, imports);
          } catch (e) {
            throw new Failure(`line ${line}: module failed: ${e}`);
          }
          live.set(instance, live.size);
          current = instance.exports;
          if (c.name != null) named.set(c.name, instance.exports);
          break;
        }
        case 'register': {
          registered.set(c.as, exportsOf(c.module, line));
          break;
        }
        case 'action':
        case 'assert_return': {
          try {
            perform(c.action, line);
          } catch (e) {
            if (e instanceof Failure) throw e;
            throw new Failure(`line ${line}: trapped where no trap is asserted: ${e}`);
          }
          break;
        }
        case 'assert_trap':
        case 'assert_exhaustion': {
          let error = null;
          let pending = null; // the instance under construction, for the module form
          try {
            if (c.action) {
              perform(c.action, line);
            } else {
              const { module, imports } = compile(c.wasm, line);
              new WebAssembly.Instance(module, imports);
            }
          } catch (e) {
            error = e;
          }
          if (error === null) {
            throw new Failure(`line ${line}: expected a trap, but it completed normally`);
          }
          if (error instanceof Failure || error instanceof Unavailable) throw error;
          const exhausted = isExhaustion(error);
          if (!exhausted && !(error instanceof WebAssembly.RuntimeError)) {
            throw new Failure(`line ${line}: expected a trap, got ${error}`);
          }
          if (c.type === 'assert_exhaustion' && !exhausted) {
            throw new Failure(`line ${line}: expected stack exhaustion, got ${error}`);
          }
          const frames = wasmFrames(error, (receiver) => {
            if (live.has(receiver)) return live.get(receiver);
            if (c.action || (pending !== null && pending !== receiver)) return -1;
            pending = receiver;
            return live.size;
          });
          emit({
            id: job.id, key: String(line), outcome: exhausted ? 'exhaustion' : 'trap',
            error: error.constructor.name, message: error.message, frames,
          });
          break;
        }
        default:
          throw new Failure(`line ${line}: command ${c.type} is not supported in fixtures`);
      }
    } catch (e) {
      if (e instanceof Unavailable) {
        for (const rest of commands.slice(i).filter(trapping)) {
          emit({ id: job.id, key: String(rest.line), outcome: 'unavailable', module: e.module, line });
        }
        return;
      }
      const trap = trapping(c) ? String(line) : null;
      emit({ id: job.id, key: trap, outcome: 'failed', message: e instanceof Failure ? e.message : `line ${line}: ${e}` });
      return;
    }
  }
}

/** Runs one WASI program job through node:wasi; emits its trap, its exit or a failure. */
async function runWasi(job) {
  const { WASI } = await import('node:wasi');
  const scratch = mkdtempSync(join(tmpdir(), 'coroner-v8-'));
  const fds = [];
  try {
    const stdinPath = join(scratch, 'stdin');
    writeFileSync(stdinPath, Buffer.from(job.stdin ?? '', 'base64'));
    fds.push(openSync(stdinPath, 'r'), openSync(join(scratch, 'stdout'), 'w'),
      openSync(join(scratch, 'stderr'), 'w'));
    const wasi = new WASI({
      version: 'preview1', args: job.args ?? [], env: job.env ?? {},
      preopens: job.preopens ?? {}, stdin: fds[0], stdout: fds[1], stderr: fds[2],
      returnOnExit: true,
    });
    const module = new WebAssembly.Module(bytes(job.wasm));
    const imports = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.module !== 'wasi_snapshot_preview1') {
        emit({ id: job.id, key: job.key, outcome: 'unavailable', module: imp.module, line: null });
        return;
      }
    }
    imports.wasi_snapshot_preview1 = wasi.wasiImport;
    let instance = null;
    try {
      instance = new WebAssembly.Instance(module, imports);
      const code = wasi.start(instance);
      emit({ id: job.id, key: job.key, outcome: 'exit', code });
    } catch (e) {
      const exhausted = isExhaustion(e);
      if (!exhausted && !(e instanceof WebAssembly.RuntimeError)) {
        emit({ id: job.id, key: job.key, outcome: 'failed', message: String(e) });
        return;
      }
      let other = null;
      const frames = wasmFrames(e, (receiver) => {
        if (instance === null && (other === null || other === receiver)) {
          other = receiver; // trapped in its start function
          return 0;
        }
        return receiver === instance ? 0 : -1;
      });
      emit({
        id: job.id, key: job.key, outcome: exhausted ? 'exhaustion' : 'trap',
        error: e.constructor.name, message: e.message, frames,
      });
    }
  } finally {
    fds.forEach((fd) => closeSync(fd));
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main() {
  const manifest = JSON.parse(readFileSync(0, 'utf8'));
  if (manifest.version !== 1 || !Array.isArray(manifest.jobs)) {
    throw new Error('expected {"version": 1, "jobs": [...]} on stdin');
  }
  for (const job of manifest.jobs) {
    try {
      if (job.kind === 'script') runScript(job);
      else if (job.kind === 'wasi') await runWasi(job);
      else throw new Error(`unknown job kind ${job.kind}`);
    } catch (e) {
      emit({ id: job.id, key: null, outcome: 'failed', message: `internal error: ${e} ${Array.isArray(e?.stack) ? e.stack.slice(0, 4).join(' < ') : ''}` });
    }
  }
  emit({ done: true, jobs: manifest.jobs.length });
}

await main();
