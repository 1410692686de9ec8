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
import url from 'url';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const pkg = 'node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs';
const candidates = [process.env.MP_ORACLE_DIR, path.join(here, '..', '.oracle'), '/work/oracle']
  .filter(Boolean).map(d => path.join(d, pkg));
const mjs = candidates.find(p => fs.existsSync(p));
if (!mjs) { console.error('mp_oracle_mpy: MicroPython wasm package not found; run tools/setup.sh'); process.exit(3); }
await import(mjs);

let heap = 2 * 1024 * 1024;
const argv = process.argv.slice(2);
while (argv.length > 1 && argv[0] === '-X') {
  argv.shift();
  const m = /^heapsize=(\d+)([kKmM]?)$/.exec(argv.shift());
  if (m) heap = parseInt(m[1]) * ({ k: 1024, m: 1024 * 1024 }[m[2].toLowerCase()] || 1);
}
const [file, mpyFile, ...args] = argv;
const absFile = path.resolve(file);
const dir = path.dirname(absFile);
const q = s => JSON.stringify(s);
const stem = path.basename(file, '.py');

async function runOnce(body, mpyData) {
  const out = [];
  const mp = await loadMicroPython({
    heapsize: heap, pystack: 64 * 1024, linebuffer: false,
    stdout: d => out.push(Buffer.from(d)), stderr: d => out.push(Buffer.from(d)),
  });
  const mkdirs = p => {
    let cur = '';
    for (const part of p.split('/').filter(Boolean)) {
      cur += '/' + part;
      try { mp.FS.mkdir(cur); } catch (e) { /* exists */ }
    }
  };
  const copyTree = (src, depth) => {
    mkdirs(src);
    for (const ent of fs.readdirSync(src, { withFileTypes: true })) {
      const p = path.join(src, ent.name);
      if (ent.isDirectory()) { if (depth < 4 && ent.name !== '__pycache__') copyTree(p, depth + 1); }
      else if (ent.isFile()) mp.FS.writeFile(p, fs.readFileSync(p));
    }
  };
  copyTree(dir, 0);
  if (mpyData) { mkdirs('/__mpyx'); mp.FS.writeFile('/__mpyx/' + stem + '.mpy', mpyData); }
  mp.FS.chdir(dir);
  const boot = `
import sys
_oracle_rc = 0
def _oracle_main():
    global _oracle_rc
    del sys.argv[:]
    sys.argv.extend([${[file, ...args].map(q).join(', ')}])
    try:
${body}
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
    out.push(Buffer.from('mp_oracle_mpy: ' + (e.message || String(e)) + '\n'));
    rc = 1;
  }
  const text = Buffer.concat(out).toString('latin1')
    .split('\n').filter(l => !/^  File "<oracle>", line \d+/.test(l)).join('\n');
  return { out: text, rc };
}

const src = await runOnce(`        with open(${q(path.basename(file))}, 'rb') as f:
            src = f.read()
        exec(compile(src, ${q(file)}, 'exec'), {'__name__': '__main__', '__file__': ${q(file)}})`, null);
const mpy = await runOnce(`        sys.path.insert(0, '/__mpyx')
        __import__(${q(stem)})`, fs.readFileSync(mpyFile));
process.stdout.write(JSON.stringify({ src, mpy }) + '\n');
process.exit(0);
