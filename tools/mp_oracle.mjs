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
//
// The package is looked up in $MP_ORACLE_DIR, <repo>/.oracle, /work/oracle.
import fs from 'fs';
import path from 'path';
import url from 'url';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const pkg = 'node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs';
const candidates = [process.env.MP_ORACLE_DIR, path.join(here, '..', '.oracle'), '/work/oracle']
  .filter(Boolean).map(d => path.join(d, pkg));
const mjs = candidates.find(p => fs.existsSync(p));
if (!mjs) { console.error('mp_oracle: MicroPython wasm package not found; run tools/setup.sh'); process.exit(3); }
await import(mjs);

let heap = 2 * 1024 * 1024;
const argv = process.argv.slice(2);
while (argv.length && argv[0].startsWith('-')) {
  const opt = argv.shift();
  if (opt === '-X' && argv.length) {
    const v = argv.shift();
    const m = /^heapsize=(\d+)([kKmM]?)$/.exec(v);
    if (m) {
      heap = parseInt(m[1]);
      if (m[2].toLowerCase() === 'k') heap *= 1024;
      if (m[2].toLowerCase() === 'm') heap *= 1024 * 1024;
    }
  }
}
if (!argv.length) { console.error('usage: mp_oracle.mjs [-X heapsize=N] FILE.py [args...]'); process.exit(2); }
const file = argv[0];
const out = [];
const err = [];
const mp = await loadMicroPython({
  heapsize: heap, pystack: 64 * 1024, linebuffer: false,
  stdout: d => out.push(Buffer.from(d)), stderr: d => err.push(Buffer.from(d)),
});

// Mirror the script's directory tree into MEMFS.
const absFile = path.resolve(file);
const dir = path.dirname(absFile);
function mkdirs(p) {
  let cur = '';
  for (const part of p.split('/').filter(Boolean)) {
    cur += '/' + part;
    try { mp.FS.mkdir(cur); } catch (e) { /* exists */ }
  }
}
function copyTree(src, depth) {
  mkdirs(src);
  for (const ent of fs.readdirSync(src, { withFileTypes: true })) {
    const p = path.join(src, ent.name);
    if (ent.isDirectory()) { if (depth < 4 && ent.name !== '__pycache__') copyTree(p, depth + 1); }
    else if (ent.isFile()) mp.FS.writeFile(p, fs.readFileSync(p));
  }
}
copyTree(dir, 0);
mp.FS.chdir(dir);

const q = s => JSON.stringify(s);
const boot = `
import sys
_oracle_rc = 0
def _oracle_main():
    global _oracle_rc
    del sys.argv[:]
    sys.argv.extend([${[file, ...argv.slice(1)].map(q).join(', ')}])
    with open(${q(path.basename(file))}, 'rb') as f:
        src = f.read()
    g = {'__name__': '__main__', '__file__': ${q(file)}}
    try:
        exec(compile(src, ${q(file)}, 'exec'), g)
    except SystemExit as e:
        a = e.args[0] if e.args else None
        if a is None:
            _oracle_rc = 0
        elif isinstance(a, int):
            _oracle_rc = a & 0xFF
        else:
            sys.stderr.write(str(a) + '\\n')
            _oracle_rc = 1
    except BaseException as e:
        sys.print_exception(e)
        _oracle_rc = 1
_oracle_main()
`;
let rc = 0;
try {
  mp.runPython(`exec(compile(${q(boot)}, '<oracle>', 'exec'))`);
  rc = mp.globals.get('_oracle_rc');
} catch (e) {
  err.push(Buffer.from('mp_oracle: ' + (e.message || String(e)) + '\n'));
  rc = 1;
}
const text = Buffer.concat(out).toString('latin1')
  .split('\n').filter(l => !/^  File "<oracle>", line \d+/.test(l)).join('\n');
fs.writeSync(1, Buffer.from(text, 'latin1'));
if (err.length) fs.writeSync(2, Buffer.concat(err));
process.exit(rc);
