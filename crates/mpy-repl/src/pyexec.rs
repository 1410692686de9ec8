//! Running a source buffer for the REPL ("pyexec"): Ctrl-C armed while the
//! code runs, and in raw mode the output framed as
//! `<stdout>\x04<exception>\x04` for the host tools.

use crate::console::Console;
use crate::interp::{ExecMode, Interpreter, Outcome};
use crate::src_buf::SrcBuf;

/// What the REPL does after a command.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flow {
    /// Carry on in the current mode.
    Continue,
    /// The mode changed (friendly <-> raw): enter the new one.
    Switch,
    /// Soft reset the interpreter, then re-enter the current mode.
    SoftReset,
    /// Leave the REPL with this exit code (unix: Ctrl-D, `sys.exit()`).
    Quit(i32),
    /// The console input ended.
    Eof,
}

/// The interrupt character armed while code runs (Ctrl-C).
pub const INTERRUPT_CHAR: u8 = 0x03;

/// Runs `src`. `raw` frames the output for the raw REPL. `quit_allowed`:
/// a `SystemExit` in the friendly REPL quits (unix) instead of soft
/// resetting (boards); in the raw REPL it just ends the command.
pub fn exec(
    con: &mut dyn Console,
    interp: &mut dyn Interpreter,
    src: &SrcBuf,
    mode: ExecMode,
    raw: bool,
    quit_allowed: bool,
) -> Flow {
    if src.overflow {
        if raw {
            con.write(b"\x04");
        }
        con.write(b"MemoryError: input too long\r\n");
        if raw {
            con.write(b"\x04");
        }
        return Flow::Continue;
    }
    con.set_interrupt_char(Some(INTERRUPT_CHAR));
    let outcome = interp.execute(&src.bytes, mode);
    con.set_interrupt_char(None);
    if raw {
        con.write(b"\x04");
    }
    let flow = match outcome {
        Outcome::Ok => Flow::Continue,
        Outcome::Exception => {
            interp.print_exception();
            Flow::Continue
        }
        Outcome::SystemExit(_) if raw => Flow::Continue,
        Outcome::SystemExit(code) if quit_allowed => Flow::Quit(code),
        Outcome::SystemExit(_) => Flow::SoftReset,
    };
    if raw {
        con.write(b"\x04");
    }
    flow
}
