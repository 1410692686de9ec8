// Run a Python file on the official MicroPython WebAssembly build, emulating
// the unix port's command line as far as the tests need it:
//
//   node tools/mp_oracle.mjs [-X heapsize=N[k|m]] FILE.py [args...]
//
// - the file's directory tree is copied into the in-memory filesystem at the
//   same absolute path and becomes the current directory (so imports of
//   helper modules and relative open() work);
// - sys.argv = [FILE, args...];
// - an uncaught exception prints its traceback to stdout and exits 1;
//   SystemExit(n) exits n & 0xFF, SystemExit('msg') prints msg on stderr and
//   exits 1 (see /work/shared/spec/unix-cli.md).
// Set-up shared with mp_oracle_mpy.mjs lives in mp_oracle_lib.mjs.
import fs from 'fs';
import { loadOracle, takeHeapOption, runInOracle, runSourceBody } from './mp_oracle_lib.mjs';

await loadOracle('mp_oracle');
const argv = process.argv.slice(2);
const heap = takeHeapOption(argv);
if (!argv.length) { console.error('usage: mp_oracle.mjs [-X heapsize=N] FILE.py [args...]'); process.exit(2); }
const [file, ...args] = argv;
const r = await runInOracle({ heap, file, args, body: runSourceBody(file) });
fs.writeSync(1, r.out);
if (r.err.length) fs.writeSync(2, r.err);
process.exit(r.rc);
