//! Fuzz target: random programs at random heap sizes must end in a result
//! or a Python exception: never a panic, abort, stack overflow or hang.
//!
//! Input: two bytes choosing the heap size (2 KiB to 1 MiB, log-spread),
//! then the program's source. Seed with the test corpus
//! (`sh tools/fuzz.sh` does) so mutations stay close to real programs.
//! Runs are bounded in time: after [`RUN_TIME`] the HAL reports Ctrl-C
//! at every poll and the program ends in `KeyboardInterrupt` (a single
//! long operation, such as a bignum product filling a 1 MiB heap, can
//! still take seconds: tools/fuzz.sh gives libFuzzer a 60 s timeout).
//! Programs that could swallow that interrupt (bare `except:`,
//! `BaseException`, `KeyboardInterrupt`, `finally:`) are skipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_core::vm::{exec_source, CompileMode};
use mpy_core::hal::Hal;
use mpy_core::{Config, Vm};
use std::time::{Duration, Instant};

/// Console output dropped; Ctrl-C at every poll once `deadline` passed.
struct FuzzHal {
    deadline: Instant,
}

/// Wall time a program may run before it is interrupted.
const RUN_TIME: Duration = Duration::from_secs(1);

impl Hal for FuzzHal {
    fn stdout_write(&mut self, _data: &[u8]) {}
    fn take_interrupt(&mut self) -> bool {
        Instant::now() >= self.deadline
    }
    fn stack_limit(&self) -> usize {
        STACK_LIMIT
    }
}

/// Native stack the VM may use: well inside libFuzzer's 8 MiB main thread,
/// with room for sanitizer-inflated frames.
const STACK_LIMIT: usize = 512 * 1024;

/// Heap size from two bytes: 2 KiB << (0..=9), plus up to one more step
/// of jitter, capped at 1 MiB.
fn heap_size(a: u8, b: u8) -> usize {
    let base = 2048usize << (a % 10);
    (base + base * b as usize / 256).min(1 << 20)
}

/// Could the program catch the budget's KeyboardInterrupt and go on?
fn may_swallow_interrupt(src: &[u8]) -> bool {
    let s = String::from_utf8_lossy(src);
    if s.contains("BaseException") || s.contains("KeyboardInterrupt") || s.contains("finally") {
        return true;
    }
    s.match_indices("except").any(|(i, _)| s[i + 6..].trim_start_matches([' ', '\t', '\\', '\n', '\r']).starts_with(':'))
}

fuzz_target!(|data: &[u8]| {
    let [a, b, src @ ..] = data else { return };
    if may_swallow_interrupt(src) {
        return;
    }
    let config = Config { heap_size: heap_size(*a, *b), stack_limit: STACK_LIMIT, ..Config::default() };
    let Ok(mut vm) = Vm::new(config, Box::new(FuzzHal { deadline: Instant::now() + RUN_TIME })) else { return };
    vm.set_stack_base();
    if mpy_core::runtime::init::init(&mut vm).is_err() {
        return;
    }
    let _ = exec_source(&mut vm, src, "<fuzz>", CompileMode::Exec);
});
