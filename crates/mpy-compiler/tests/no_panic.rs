//! Randomised no-panic test (a stand-in for the `cargo fuzz` target in
//! `fuzz/`, which needs nightly): mutates a seed corpus of valid and tricky
//! programs a few thousand times and parses every result in all modes. Any
//! panic or stack overflow fails the test. Deterministic (fixed seed).

#![allow(clippy::unwrap_used)]

use mpy_compiler::{parse, Mode};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: &[&str] = &[
    "x = 1 + 2 * (3 - y)\n",
    "def f(a, b=1, *c, d, e=2, **g) -> int:\n    \"\"\"doc\"\"\"\n    return a if b else c\n",
    "@dec.x(1)\nclass A(B, *c, k=1):\n    def m(self): pass\n",
    "print(f'a{x!r:>{w}}b', 'c' \"d\", rb'\\x00', f'{y=}')\n",
    "for i, *j in range(10):\n    if i: continue\n    elif j: break\n    else: pass\nelse:\n    pass\n",
    "try:\n    a\nexcept E as e:\n    b\nexcept:\n    c\nelse:\n    d\nfinally:\n    e\n",
    "async def f():\n    async with a as b, c: pass\n    async for x in y: await z\n",
    "x = [a for b in c if d for e in f]\ny = {k: v for k, v in z}\nw = (q for q in r)\n",
    "lambda *a, **k: (yield)\nx = a[1:2, ::3, ...]\n",
    "while (n := n - 1) > 0:\n\tx = 0x_ff + 0o17 + 0b1 + 1_000.5e-3j\n",
    "with open(f) as g:\n    del g[0], h.i\n    global a; nonlocal b\n",
    "import a.b.c as d\nfrom ..e import (f, g,)\nfrom . import *\n",
    "if x:\n    pass\n  # comment\n\\\n",
    "s = '''multi\nline''' \"\\u00e9\\x41\"\n",
    "raise E from c\nassert x, 'msg'\nx: int = 5\ny += yield\n",
];

const PIECES: &[&str] = &[
    "(", ")", "[", "]", "{", "}", "'", "\"", "'''", "f'{", "}'", "!r", ":>", "\\\n", "\n", "    ",
    "\t", ":", "lambda", "if", "else", "*", "**", "=", ":=", "#", "\u{ff}", "\r", "\\", "0x", "1e",
    ".", "...", "async", "await", "yield", "from", "not", "in", "is", ",", ";", "@", "->", "f\"",
    "rb'", "\\x", "\\u", "{{", "}}",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let pos = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            1 if !v.is_empty() => {
                let end = (pos + 1 + rng.below(8)).min(v.len());
                v.drain(pos.min(v.len())..end);
            }
            2 => {
                let p = PIECES[rng.below(PIECES.len())];
                v.splice(pos..pos, p.bytes());
            }
            3 if !v.is_empty() => {
                let a = rng.below(v.len());
                let b = (a + rng.below(16)).min(v.len());
                let chunk: Vec<u8> = v[a..b].to_vec();
                v.splice(pos..pos, chunk);
            }
            4 => {
                let other = SEEDS[rng.below(SEEDS.len())].as_bytes();
                let a = rng.below(other.len());
                let b = (a + rng.below(40)).min(other.len());
                v.splice(pos..pos, other[a..b].iter().copied());
            }
            _ => {
                let p = PIECES[rng.below(PIECES.len())];
                for _ in 0..rng.below(30) {
                    v.splice(pos..pos, p.bytes());
                }
            }
        }
    }
    v
}

#[test]
fn mutated_inputs_never_panic() {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            let mut ok = 0;
            let mut err = 0;
            for seed in SEEDS {
                assert!(
                    parse(seed.as_bytes(), "s.py", Mode::Exec).is_ok(),
                    "seed must parse: {:?}",
                    seed
                );
            }
            let mut current: Vec<u8> = SEEDS[0].as_bytes().to_vec();
            for i in 0..20000 {
                if i % 3 == 0 {
                    current = SEEDS[rng.below(SEEDS.len())].as_bytes().to_vec();
                }
                let m = mutate(&mut rng, &current);
                for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
                    match parse(&m, "m.py", mode) {
                        Ok(_) => ok += 1,
                        Err(e) => {
                            assert!(!e.msg.is_empty());
                            err += 1;
                        }
                    }
                }
                if m.len() < 4000 {
                    current = m;
                }
            }
            eprintln!("mutation test: {} ok, {} errors", ok, err);
            // Both outcomes must occur, or the mutator is broken.
            assert!(ok > 100 && err > 100, "ok={} err={}", ok, err);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn all_short_byte_strings_never_panic() {
    // Every 1- and 2-byte input over an alphabet of interesting bytes.
    let alphabet: &[u8] =
        b" \t\n\r\\'\"#()[]{}:;,.=+-*/%@!<>&|^~0189aefjxbrfu_\x00\x7f\x80\xc3\xff";
    for &a in alphabet {
        let _ = parse(&[a], "t.py", Mode::Exec);
        for &b in alphabet {
            for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
                let _ = parse(&[a, b], "t.py", mode);
                let _ = parse(&[b'x', b'=', a, b], "t.py", mode);
                let _ = parse(&[b'f', b'\'', b'{', a, b, b'}', b'\''], "t.py", mode);
            }
        }
    }
}
