//! Fuzz the boards' `.mpy` path: mpy-core built with feature `board-mpy`
//! skips `mpy_bytecode`'s structural validation after parsing, as the
//! boards do, so every file the reader accepts reaches the loader's
//! prelude checks and the verifier (`vm::verify`) alone. Loading and then
//! running the module must end in a result or a Python exception: never a
//! panic, abort, fault or hang (a verifier gap shows up as one of those
//! when the dispatch loop meets code it was promised it would not).
//!
//! Input: the `.mpy` file (seeds: the test corpus compiled by mpy-cross,
//! `sh tools/fuzz.sh` makes them). The heap is netduinoplus2's size.
//! Runs are bounded as in fuzz_run (Ctrl-C at every poll after
//! [`RUN_TIME`]); modules with a handler block (SETUP_EXCEPT, _FINALLY,
//! _WITH), which could swallow that interrupt and loop, are only loaded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mpy_bytecode::opcode::{self as op, Operand};
use mpy_bytecode::prelude::{decode_prelude_size, Signature};
use mpy_bytecode::RawCode;
use mpy_core::hal::Hal;
use mpy_core::vm::{exec, frozen};
use mpy_core::{Config, Vm};
use std::time::{Duration, Instant};

/// Console output dropped; Ctrl-C at every poll once `deadline` passed.
struct FuzzHal {
    deadline: Instant,
}

/// Wall time a module may run before it is interrupted.
const RUN_TIME: Duration = Duration::from_secs(1);

/// Native stack the VM may use (as fuzz_run).
const STACK_LIMIT: usize = 512 * 1024;

/// The heap of netduinoplus2's firmware.
const HEAP: usize = 116 * 1024;

impl Hal for FuzzHal {
    fn stdout_write(&mut self, _data: &[u8]) {}
    fn take_interrupt(&mut self) -> bool {
        Instant::now() >= self.deadline
    }
    fn stack_limit(&self) -> usize {
        STACK_LIMIT
    }
}

/// Length of the instruction at `code[ip]`, reading operands as the
/// verifier does (overlong varints wrap, they are not errors); None if it
/// does not decode.
fn instr_len(code: &[u8], ip: usize) -> Option<usize> {
    let vuint = |mut p: usize| loop {
        let b = *code.get(p)?;
        p += 1;
        if b & 0x80 == 0 {
            return Some(p);
        }
    };
    let jump = |p: usize| Some(p + if *code.get(p)? < 0x80 { 1 } else { 2 });
    let pos = ip + 1;
    let end = match op::operand(*code.get(ip)?)? {
        Operand::None => pos,
        Operand::Qstr | Operand::Uint | Operand::ConstIdx | Operand::Child | Operand::SmallInt => vuint(pos)?,
        Operand::ChildAndByte => vuint(pos)? + 1,
        Operand::JumpSigned | Operand::JumpUnsigned => jump(pos)?,
        Operand::JumpSignedAndByte => jump(pos)? + 1,
    };
    (end <= code.len()).then_some(end - ip)
}

/// Whether some raw code of the tree may set up a handler block (or does
/// not decode linearly, so the scan cannot tell).
fn may_catch(rc: &RawCode) -> bool {
    let d = &rc.fun_data[..];
    let mut pos = 0;
    let Ok(_) = Signature::decode(d, &mut pos) else { return true };
    let Ok((n_info, n_cell)) = decode_prelude_size(d, &mut pos) else { return true };
    let Some(code) = d.get(pos + n_info as usize + n_cell as usize..) else { return true };
    let mut ip = 0;
    while ip < code.len() {
        if matches!(code[ip], op::SETUP_EXCEPT | op::SETUP_FINALLY | op::SETUP_WITH) {
            return true;
        }
        match instr_len(code, ip) {
            Some(n) => ip += n,
            None => return true,
        }
    }
    rc.children.iter().any(may_catch)
}

fuzz_target!(|data: &[u8]| {
    let config = Config { heap_size: HEAP, stack_limit: STACK_LIMIT, ..Config::default() };
    let Ok(mut vm) = Vm::new(config, Box::new(FuzzHal { deadline: Instant::now() + RUN_TIME })) else { return };
    vm.set_stack_base();
    if mpy_core::runtime::init::init(&mut vm).is_err() {
        return;
    }
    let Ok(m) = frozen::parse_mpy(&mut vm, data) else { return };
    let Ok(l) = mpy_core::vm::load::load_compiled(&mut vm, &m) else { return };
    if may_catch(&m.raw_code) {
        return;
    }
    let Ok(globals) = vm.new_dict() else { return };
    let _ = exec::run_loaded(&mut vm, &l, globals, globals);
});
