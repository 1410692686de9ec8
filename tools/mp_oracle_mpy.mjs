// Cross-loading check on the official MicroPython WebAssembly build:
//
//   node tools/mp_oracle_mpy.mjs [-X heapsize=N[k|m]] FILE.py FILE.mpy [args...]
//
// Runs FILE.py's source (as tools/mp_oracle.mjs does: in a dict named
// __main__) and then, in a fresh interpreter, FILE.mpy imported (written to
// /__mpyx/<stem>.mpy, first on sys.path; the wasm build always imports
// its built-in __main__, so the module is named <stem>), both with
// FILE's directory mirrored into the in-memory filesystem as cwd and
// sys.argv = [FILE, args...]. Prints one JSON line:
//   {"src": {"out": ..., "rc": N}, "mpy": {"out": ..., "rc": N}}
// (out is stdout+stderr as latin1 text, rc the emulated exit code).
import fs from 'fs';
import path from 'path';
import { loadOracle, takeHeapOption, runInOracle, runSourceBody, pyQuote } from './mp_oracle_lib.mjs';

await loadOracle('mp_oracle_mpy');
const argv = process.argv.slice(2);
const heap = takeHeapOption(argv);
const [file, mpyFile, ...args] = argv;
const stem = path.basename(file, '.py');
const joined = r => ({ out: r.both.toString('latin1'), rc: r.rc });
const src = joined(await runInOracle({ heap, file, args, body: runSourceBody(file) }));
const mpy = joined(await runInOracle({
  heap, file, args,
  body: `        sys.path.insert(0, '/__mpyx')
        __import__(${pyQuote(stem)})`,
  extra: { [`/__mpyx/${stem}.mpy`]: fs.readFileSync(mpyFile) },
}));
// Exit only once the whole text is written: a pipe takes 64 KiB at a time.
process.stdout.write(JSON.stringify({ src, mpy }) + '\n', () => process.exit(0));
