// Shared set-up for the official MicroPython WebAssembly oracle scripts
// (tools/mp_oracle.mjs, tools/mp_oracle_mpy.mjs): finding the package,
// parsing `-X heapsize=`, mirroring a script's directory into the in-memory
// filesystem, and running a body of Python with the unix port's exit-code
// rules (spec/unix-cli.md) emulated.
//
// The package is looked up in $MP_ORACLE_DIR, <repo>/.oracle, /work/oracle.
import fs from 'fs';
import path from 'path';
import url from 'url';

const here = path.dirname(url.fileURLToPath(import.meta.url));
const pkg = 'node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs';

/** Imports the wasm package (defines globalThis.loadMicroPython); exits 3 if missing. */
export async function loadOracle(who) {
  const candidates = [process.env.MP_ORACLE_DIR, path.join(here, '..', '.oracle'), '/work/oracle']
    .filter(Boolean).map(d => path.join(d, pkg));
  const mjs = candidates.find(p => fs.existsSync(p));
  if (!mjs) { console.error(`${who}: MicroPython wasm package not found; run tools/setup.sh`); process.exit(3); }
  await import(mjs);
}

/** Removes leading `-X heapsize=N[k|m]` options from argv; returns the heap size in bytes. */
export function takeHeapOption(argv) {
  let heap = 2 * 1024 * 1024;
  while (argv.length && argv[0].startsWith('-')) {
    const opt = argv.shift();
    if (opt !== '-X' || !argv.length) continue;
    const m = /^heapsize=(\d+)([kKmM]?)$/.exec(argv.shift());
    if (m) heap = parseInt(m[1]) * ({ k: 1024, m: 1024 * 1024 }[m[2].toLowerCase()] || 1);
  }
  return heap;
}

const q = s => JSON.stringify(s);

/**
 * Runs `body` (Python statements indented 8 spaces) in a fresh interpreter
 * with `file`'s directory tree mirrored at the same absolute path as cwd,
 * sys.argv = [file, ...args], and `extra` ({path: bytes}) written too.
 * An uncaught exception prints its traceback and gives rc 1; SystemExit(n)
 * gives n & 0xFF, SystemExit('msg') prints msg on stderr and gives 1.
 * Returns {out, err, both, rc}: stdout, stderr and the two interleaved as
 * written, as Buffers; the exit code.
 */
export async function runInOracle({ heap, file, args, body, extra = {} }) {
  const out = [];
  const err = [];
  const both = [];
  const mp = await loadMicroPython({
    heapsize: heap, pystack: 64 * 1024, linebuffer: false,
    stdout: d => { out.push(Buffer.from(d)); both.push(Buffer.from(d)); },
    stderr: d => { err.push(Buffer.from(d)); both.push(Buffer.from(d)); },
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
  const dir = path.dirname(path.resolve(file));
  copyTree(dir, 0);
  for (const [p, data] of Object.entries(extra)) { mkdirs(path.dirname(p)); mp.FS.writeFile(p, data); }
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
    const m = Buffer.from('mp_oracle: ' + (e.message || String(e)) + '\n');
    err.push(m);
    both.push(m);
    rc = 1;
  }
  // Drop the boot code's own frames from tracebacks.
  const clean = b => Buffer.from(b.toString('latin1')
    .split('\n').filter(l => !/^  File "<oracle>", line \d+/.test(l)).join('\n'), 'latin1');
  return { out: clean(Buffer.concat(out)), err: clean(Buffer.concat(err)), both: clean(Buffer.concat(both)), rc };
}

/** Python statements (for `body`) that run `file`'s source as __main__ does. */
export function runSourceBody(file) {
  return `        with open(${q(path.basename(file))}, 'rb') as f:
            src = f.read()
        exec(compile(src, ${q(file)}, 'exec'), {'__name__': '__main__', '__file__': ${q(file)}})`;
}

export { q as pyQuote };
