//! Loading `.mpy` files must never panic: real `.mpy` images (from our
//! compiler) are mutated at random (byte flips, truncation, insertion,
//! deletion) and each result is loaded and run on a fresh VM through the
//! same path `import` uses (`vm::frozen::exec_mpy_in`). Every outcome must
//! be a normal return or a clean Python exception; a panic fails the test.
//! Run time is bounded by a step budget (the HAL reports an interrupt
//! after a number of backward jumps) and a small heap.

use mpy_core::hal::Hal;
use mpy_core::{q, Config, Vm};

/// The traceback and message of exception `e`.
fn exc_text(vm: &mut Vm, e: mpy_core::Obj) -> String {
    let mut o = mpy_core::runtime::print::Out::buf();
    let _ = mpy_core::vm::print_exception(vm, e, &mut o);
    String::from_utf8_lossy(o.as_bytes()).into_owned()
}

/// Captures output; reports Ctrl-C after `budget` backward jumps.
struct FuzzHal {
    budget: u32,
}

impl Hal for FuzzHal {
    fn stdout_write(&mut self, _data: &[u8]) {}
    fn stderr_write(&mut self, _data: &[u8]) {}
    fn take_interrupt(&mut self) -> bool {
        if self.budget == 0 {
            return true;
        }
        self.budget -= 1;
        false
    }
}

const PROGRAMS: &[&str] = &[
    "x = 1\nfor i in range(10):\n    x = x * 3 + i\nprint(x, 'done', b'bytes', 1.5, 2j, 10**30)\n",
    "def f(a, b=2, *args, c, **kw):\n    return a + b + c + len(args) + len(kw)\nprint(f(1, c=3), f(1, 2, 3, 4, c=5, d=6))\n",
    "class A:\n    def __init__(self, v):\n        self.v = v\n    def m(self):\n        return [self.v * i for i in range(3)]\nprint(A(2).m(), A.__name__)\n",
    "def g(n):\n    for i in range(n):\n        yield i * i\nprint(sum(g(5)), list(g(3)), {k: v for k, v in zip('ab', (1, 2))})\n",
    "def outer():\n    x = 0\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\nf = outer()\nf()\nprint(f())\n",
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print('caught', e)\nfinally:\n    print('fin')\n",
    "import sys\nt = (1, 'a', (2.5, None), ...)\nprint(t, -123456789012345678901234567890, 'x' * 3, t[1:], sys.implementation.name)\n",
    "async def co():\n    return 1\nwhile True:\n    break\nassert 1, 'msg'\nprint(f'{1 + 2:>4}', *[1, 2], sep='-')\n",
];

fn images() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for src in PROGRAMS {
        let opts = mpy_compiler::CompileOptions::default();
        // A program the compiler rejects is simply left out.
        if let Ok(m) = mpy_compiler::compile(src.as_bytes(), "fuzz.py", &opts) {
            out.push(mpy_bytecode::write_mpy(&m));
        }
    }
    out
}

/// xorshift64*: deterministic pseudo-random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let mut d = data.to_vec();
    let n = 1 + rng.below(4);
    for _ in 0..n {
        if d.is_empty() {
            break;
        }
        match rng.below(6) {
            0 | 1 => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            2 => {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
            3 => {
                let i = rng.below(d.len());
                d.truncate(i);
            }
            4 => {
                let i = rng.below(d.len() + 1);
                d.insert(i, rng.next() as u8);
            }
            _ => {
                let i = rng.below(d.len());
                d.remove(i);
            }
        }
    }
    d
}

/// Loads and runs `data` as a module; returns whether it ran to the end.
fn run(data: &[u8]) -> bool {
    let cfg = Config { heap_size: 64 * 1024, opt_level: 0, stack_limit: 256 * 1024, ..Config::default() };
    let Ok(mut vm) = Vm::new(cfg, Box::new(FuzzHal { budget: 2000 })) else { return false };
    if mpy_core::runtime::init::init(&mut vm).is_err() {
        return false;
    }
    vm.set_stack_base();
    let Ok(m) = mpy_core::vm::module::new_module(&mut vm, q::__main__) else { return false };
    vm.port_roots[0] = m;
    let g = mpy_core::vm::module::module_globals(&vm, m).unwrap_or(mpy_core::Obj::NULL);
    let r = mpy_core::vm::frozen::exec_mpy_in(&mut vm, data, g);
    if let Err(e) = &r {
        // Printing the exception must not panic either.
        let s = exc_text(&mut vm, e.0);
        assert!(!s.is_empty());
    }
    r.is_ok()
}

#[test]
fn unmodified_images_run() {
    let imgs = images();
    assert!(imgs.len() >= PROGRAMS.len() - 1, "programs failed to compile");
    for img in &imgs {
        assert!(run(img), "an unmodified image failed to run");
    }
}

#[test]
fn mutated_images_never_panic() {
    let imgs = images();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut ran, mut total) = (0, 0);
    for round in 0..50000 {
        let img = &imgs[round % imgs.len()];
        let d = mutate(&mut rng, img);
        total += 1;
        if run(&d) {
            ran += 1;
        }
    }
    println!("{ran} of {total} mutated images loaded and ran to the end");
    // Some mutations still load and run (e.g. a changed constant).
    assert!(ran > 0 && ran < total, "ran {ran} of {total}");
}

#[test]
fn bad_headers_are_incompatible() {
    let imgs = images();
    let img = &imgs[0];
    for bad in [&b""[..], b"M", b"X\x06\x00\x1f", &img[..img.len() / 2]] {
        let cfg = Config::default();
        let mut vm = Vm::new(cfg, Box::new(FuzzHal { budget: 100 })).expect("heap");
        let _ = mpy_core::runtime::init::init(&mut vm);
        let Err(e) = mpy_core::vm::frozen::parse_mpy(&mut vm, bad) else { panic!("accepted a bad .mpy") };
        let s = exc_text(&mut vm, e.0);
        assert!(s.contains("ValueError: incompatible .mpy file"), "{s}");
    }
    // More small-int bits than this VM has.
    let mut wide = img.clone();
    wide[3] = 64;
    let mut vm = Vm::new(Config::default(), Box::new(FuzzHal { budget: 100 })).expect("heap");
    let _ = mpy_core::runtime::init::init(&mut vm);
    assert!(mpy_core::vm::frozen::parse_mpy(&mut vm, &wide).is_err());
}
