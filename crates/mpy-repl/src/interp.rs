//! What the REPL needs from the interpreter: the port implements
//! [`Interpreter`] on top of its VM, so this crate does not depend on the
//! VM's internals.

/// How a source buffer is compiled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExecMode {
    /// One interactive statement (friendly REPL): the value of an
    /// expression statement is printed (`repr`) unless it is None.
    Single,
    /// A whole file (paste mode, raw REPL, raw-paste mode).
    File,
}

/// How an execution ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Outcome {
    /// Ran to the end.
    Ok,
    /// An exception escaped (including `SyntaxError` and
    /// `KeyboardInterrupt`); it has not been printed yet: the REPL calls
    /// [`Interpreter::print_exception`] when the framing wants it.
    Exception,
    /// `SystemExit` escaped with this exit code (`None` and no argument
    /// give 0; a non-int argument gives 1 after the interpreter printed
    /// it).
    SystemExit(i32),
}

#[cfg(feature = "interactive")]
/// What a Tab completion asks for: names visible at the prompt, attributes
/// of an object, or module names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompletionScope<'a> {
    /// A bare name: the `__main__` globals; the interpreter falls back to
    /// the builtins when no global matches (as MicroPython does).
    Names,
    /// Attributes of the object named by this dotted path (`"sys.path"`),
    /// looked up from the globals without calling anything but attribute
    /// access. An unknown path gives no candidates.
    Attributes(&'a str),
    /// Module names (after `import ` or `from `).
    Modules,
}

/// The interpreter side of the REPL, implemented by the port.
///
/// Output of running code (including printed exceptions) goes wherever
/// the interpreter's standard output goes, which must be the same
/// channel as the [`crate::Console`], in order.
pub trait Interpreter {
    /// Compiles and runs `src` (UTF-8 Python source; lines may end in
    /// `\n`, `\r\n` or `\r`) in the `__main__` module, with file name
    /// `<stdin>`.
    fn execute(&mut self, src: &[u8], mode: ExecMode) -> Outcome;

    /// Prints the exception of the last [`Outcome::Exception`]
    /// (MicroPython's traceback format) to the interpreter's output.
    fn print_exception(&mut self);

    #[cfg(feature = "interactive")]
    /// Does `src` (the lines typed so far, joined by `\n`, without a final
    /// newline) need more lines before it can run? The default is
    /// MicroPython's heuristic, [`crate::continue_with_input`].
    fn is_incomplete(&mut self, src: &[u8]) -> bool {
        crate::cont::continue_with_input(src)
    }

    #[cfg(feature = "interactive")]
    /// Calls `visit` with every name in `scope` that starts with `prefix`,
    /// in the order they should be listed (sorted), each once.
    fn complete(&mut self, scope: CompletionScope<'_>, prefix: &str, visit: &mut dyn FnMut(&str));

    /// Resets the interpreter to its start-up state (a fresh heap and
    /// `__main__`, as after boot). Called on a soft reset (Ctrl-D in raw
    /// mode on an empty command, and Ctrl-D in the friendly REPL on ports
    /// that do not quit).
    fn soft_reset(&mut self);

    /// Runs the port's start-up scripts, at start and after each soft
    /// reset, before the banner (boards: `boot.py`, then `main.py` if
    /// `friendly`, i.e. not in the raw REPL, as MicroPython does), with
    /// Ctrl-C interrupting them (the port arms it). Default: none.
    fn startup(&mut self, _friendly: bool) {}

    /// The first banner line, without line ending, e.g.
    /// `MicroPython v1.27.0 on 2026-01-01; linux [rustc] version`.
    fn banner(&self) -> &str;
}
