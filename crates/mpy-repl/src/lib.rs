//! MicroPython's console, shared by every port: the line editor
//! (readline), the friendly REPL with auto-indent, history and Tab
//! completion, paste mode, the raw REPL and raw-paste mode that host tools
//! (`mpremote`, `pyboard.py`, Thonny) speak, and "pyexec", which runs a
//! command and frames its output.
//!
//! Without the `interactive` feature (ports turn it on with their
//! compiler) the console keeps only what a VM-only image can use: the
//! banner, a `>>> ` prompt with a plain line editor (no history, no Tab
//! completion, no continuation lines: each line runs as it is, and ends in
//! the interpreter's "compiler not available"), Ctrl-C, Ctrl-D soft reset
//! (re-running the start-up scripts) and the raw REPL, which answers a
//! raw-paste request with "not supported" (`R\x00`, host tools then fall
//! back to the plain raw REPL). Paste mode is left out.
//!
//! The crate is `no_std`; it talks to the outside through two traits:
//! [`Console`] (bytes in and out: a terminal or a UART) and
//! [`Interpreter`] (run source, print the exception, complete names, soft
//! reset), which the port implements on its VM. The edited line and the
//! history are fixed buffers (`L` and `H` bytes); only the text of a
//! command being collected (continuation lines, paste, raw mode) grows,
//! and running out of memory there is reported, never an abort.
//!
//! ```text
//!  Console bytes ─► Repl::run ─┬─ friendly: Editor::read_line ─► pyexec (Single)
//!                              ├─ paste mode ───────────────────► pyexec (File)
//!                              └─ raw / raw-paste ──────────────► pyexec (File, \x04 framing)
//! ```
#![no_std]
#![warn(missing_docs)]
extern crate alloc;

#[cfg(feature = "interactive")]
pub mod complete;
pub mod console;
#[cfg(feature = "interactive")]
pub mod cont;
mod friendly;
#[cfg(feature = "interactive")]
pub mod history;
pub mod interp;
pub mod keys;
pub mod line;
pub mod pyexec;
mod raw;
pub mod readline;
pub mod src_buf;

pub use console::Console;
#[cfg(feature = "interactive")]
pub use cont::{auto_indent, continue_with_input};
#[cfg(feature = "interactive")]
pub use interp::CompletionScope;
pub use interp::{ExecMode, Interpreter, Outcome};
pub use raw::{RAW_BANNER, RAW_PASTE_WINDOW};
pub use readline::{Editor, LineEnd};

use pyexec::Flow;

/// Which REPL reads the console.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// The interactive `>>> ` REPL.
    Friendly,
    /// The raw REPL of the host tools.
    Raw,
}

/// Why [`Repl::run`] returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    /// Quit with this exit code: Ctrl-D on an empty line, or `SystemExit`
    /// in the friendly REPL (only when quitting is allowed, i.e. on unix).
    Quit(i32),
    /// The console input ended.
    EndOfInput,
}

/// The REPL state that lives across commands and soft resets: the mode,
/// the line editor with its history. `L` is the longest line the editor
/// holds, `H` the history size in bytes (unused without `interactive`).
///
/// `repr(C)`: the editor first and the byte fields last (see
/// [`Editor`]).
#[derive(Clone, Debug)]
#[repr(C)]
pub struct Repl<const L: usize = 256, const H: usize = 1024> {
    editor: Editor<L, H>,
    mode: Mode,
    quit_allowed: bool,
}

impl<const L: usize, const H: usize> Repl<L, H> {
    /// A REPL starting in the friendly mode. `quit_allowed`: Ctrl-D on an
    /// empty friendly line and `sys.exit()` quit (unix); when false they
    /// soft reset, as on boards.
    pub const fn new(quit_allowed: bool) -> Repl<L, H> {
        Repl { editor: Editor::new(), mode: Mode::Friendly, quit_allowed }
    }

    /// The current mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Sets the mode the next [`Repl::run`] starts in.
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// The line editor (e.g. for `input()` on the same console).
    pub fn editor(&mut self) -> &mut Editor<L, H> {
        &mut self.editor
    }

    /// Runs the REPL: prints the banner of the current mode, then reads
    /// and runs commands until the user quits or the input ends. A soft
    /// reset prints `MPY: soft reboot\r\n`, calls
    /// [`Interpreter::soft_reset`] and re-enters the current mode. At the
    /// start and after each soft reset, [`Interpreter::startup`] runs.
    pub fn run(&mut self, con: &mut dyn Console, interp: &mut dyn Interpreter) -> Exit {
        con.set_interrupt_char(None);
        interp.startup(self.mode == Mode::Friendly);
        loop {
            let flow = match self.mode {
                Mode::Friendly => self.friendly(con, interp),
                Mode::Raw => self.raw(con, interp),
            };
            match flow {
                Flow::Continue | Flow::Switch => {}
                Flow::SoftReset => {
                    con.write(b"MPY: soft reboot\r\n");
                    interp.soft_reset();
                    interp.startup(self.mode == Mode::Friendly);
                }
                Flow::Quit(code) => return Exit::Quit(code),
                Flow::Eof => return Exit::EndOfInput,
            }
        }
    }
}
