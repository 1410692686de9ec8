//! Bring-up friendly REPL on the console: `>>> `/`... ` prompts over
//! [`crate::line`], each statement compiled in single mode (expression
//! values echoed), Ctrl-C interrupting running code, Ctrl-D soft reset.
//! To be replaced by the shared `mpy-repl` crate (raw REPL, paste modes,
//! history).

use crate::console::{self, Console};
use crate::line::{needs_more, read_line, LineEnd};
use alloc::string::String;
use alloc::vec::Vec;
use mpy_core::types::exception::SYSTEM_EXIT_TYPE;
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Obj, Vm};

/// Why the REPL ended.
pub enum ReplExit {
    /// Ctrl-D on an empty line, or `SystemExit`: soft reset.
    SoftReset,
}

/// Runs the friendly REPL until a soft reset is asked for; `banner`
/// prints the two banner lines (for Ctrl-B).
pub fn friendly(vm: &mut Vm, con: &mut impl Console, banner: &dyn Fn(&mut dyn FnMut(&[u8]))) -> ReplExit {
    let mut text: Vec<u8> = Vec::new();
    loop {
        text.clear();
        crate::fault::reached_prompt();
        con.write(b">>> ");
        loop {
            match read_line(con, &mut text) {
                LineEnd::Enter => {}
                LineEnd::Cancel => {
                    text.clear();
                    break;
                }
                LineEnd::Eof => return ReplExit::SoftReset,
                LineEnd::Banner => {
                    banner(&mut |b| con.write(b));
                    text.clear();
                    break;
                }
            }
            text.push(b'\n');
            if !needs_more(&text) {
                break;
            }
            con.write(b"... ");
        }
        if text.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if execute(vm, &text) {
            return ReplExit::SoftReset;
        }
    }
}

/// Compiles and runs one REPL entry with Ctrl-C armed; prints an uncaught
/// exception. Returns true on `SystemExit` (a soft reset on boards).
pub fn execute(vm: &mut Vm, src: &[u8]) -> bool {
    console::take_interrupt();
    console::set_interrupt_char(true);
    let r = exec_source(vm, src, "<stdin>", CompileMode::Single);
    console::set_interrupt_char(false);
    // A Ctrl-C that arrived after the last poll must not hit the next entry.
    console::take_interrupt();
    match r {
        Ok(_) => false,
        Err(e) => {
            let exit = vm.exception_match(e.0, Obj::from_type(&SYSTEM_EXIT_TYPE)).unwrap_or(false);
            if !exit {
                let mut s = String::new();
                print_exception(vm, e.0, &mut s);
                vm.hal.stdout_write(s.as_bytes());
            }
            exit
        }
    }
}
