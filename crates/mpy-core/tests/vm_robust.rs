//! Robustness: malformed or mutated `.mpy` files must raise Python
//! exceptions (or run), never panic or hang.
mod common;
use mpy_core::hal::Hal;
use mpy_core::{q, Config, Vm};

/// A HAL that requests an interrupt after a number of polls, so mutated
/// code with endless loops stops.
struct BudgetHal(u32);

impl Hal for BudgetHal {
    fn stdout_write(&mut self, _data: &[u8]) {}
    fn take_interrupt(&mut self) -> bool {
        if self.0 == 0 {
            return true;
        }
        self.0 -= 1;
        false
    }
}

fn run_quiet(data: &[u8]) {
    let mut vm = Vm::new(Config { heap_size: 256 * 1024, ..Config::default() }, Box::new(BudgetHal(2000))).expect("heap");
    mpy_core::runtime::init::init(&mut vm).unwrap();
    vm.set_stack_base();
    if let Ok(m) = mpy_bytecode::read_mpy(data) {
        let _ = mpy_core::vm::exec_module(&mut vm, &m, q::__main__);
    }
}

const SRC: &str = r#"
def f(a, b=2, *c, d=4, **e):
    try:
        for i in range(a):
            with open_ctx() if False else nullctx() as z:
                pass
    except Exception as ex:
        return [ex, b, c, d, e]
    finally:
        x = lambda: a
    return {a: b}
class C:
    def m(self):
        return super().m()
def g():
    yield 1
    yield from g()
print(f(3), C, list(g()) if False else 0)
"#;

#[test]
fn mutated_mpy_never_panics() {
    if !common::have_mpy_cross() {
        return;
    }
    let base = common::mpy_cross(SRC);
    let mut seed: u64 = 0x1234_5678;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for _ in 0..1500 {
        let mut d = base.clone();
        let n = 1 + next() % 3;
        for _ in 0..n {
            let i = 4 + next() % (d.len() - 4);
            d[i] = next() as u8;
        }
        run_quiet(&d);
    }
}

#[test]
fn truncated_mpy_never_panics() {
    if !common::have_mpy_cross() {
        return;
    }
    let base = common::mpy_cross(SRC);
    for cut in 0..base.len() {
        run_quiet(&base[..cut]);
    }
}

#[test]
fn endless_loop_is_interruptible() {
    if !common::have_mpy_cross() {
        return;
    }
    let d = common::mpy_cross("while True:\n    pass\n");
    let mut vm = Vm::new(Config::default(), Box::new(BudgetHal(10))).expect("heap");
    mpy_core::runtime::init::init(&mut vm).unwrap();
    let m = mpy_bytecode::read_mpy(&d).unwrap();
    let r = mpy_core::vm::exec_module(&mut vm, &m, q::__main__);
    let s = common::exc_text(&mut vm, r.unwrap_err().0);
    assert!(s.ends_with("KeyboardInterrupt: \n"), "{s}");
}
