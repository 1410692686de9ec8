//! The hardware abstraction layer: everything the core needs from the
//! outside world (console, clocks, files, interrupts). The unix port
//! implements it on the OS; board ports on their peripherals.

use alloc::vec::Vec;

/// What a path names (for the importer).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PathKind {
    /// Nothing there.
    Missing,
    /// A regular file.
    File,
    /// A directory.
    Dir,
}

/// What [`Hal::read_line`] got for `input()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineInput {
    /// The port has no line editor: `input()` reads bytes itself.
    Unsupported,
    /// A line, without its line ending.
    Line(Vec<u8>),
    /// End of input (Ctrl-D on an empty line): `EOFError`.
    Eof,
    /// Ctrl-C: `KeyboardInterrupt`.
    Interrupted,
}

/// The port's services. All methods have safe defaults except console
/// output, so a minimal board port implements little.
pub trait Hal {
    /// Writes bytes to standard output (the console).
    fn stdout_write(&mut self, data: &[u8]);
    /// Writes bytes to standard error (the console on boards).
    fn stderr_write(&mut self, data: &[u8]) {
        self.stdout_write(data)
    }
    /// Reads up to `buf.len()` bytes of standard input; 0 at end of input.
    fn stdin_read(&mut self, _buf: &mut [u8]) -> usize {
        0
    }
    /// Monotonic microseconds since an arbitrary epoch.
    fn ticks_us(&mut self) -> u64 {
        0
    }
    /// Wall-clock nanoseconds since 1970-01-01 UTC (0 if unknown).
    fn time_ns(&mut self) -> i128 {
        0
    }
    /// Sleeps for `us` microseconds.
    fn sleep_us(&mut self, _us: u64) {}
    /// Was an interrupt (Ctrl-C) requested since the last call? Clears it.
    fn take_interrupt(&mut self) -> bool {
        false
    }
    /// Sets the console byte that raises `KeyboardInterrupt` in running
    /// code (`micropython.kbd_intr`; -1 disables it). Default: ignored.
    fn set_interrupt_char(&mut self, _c: i32) {}
    /// Waits up to `timeout_ms` milliseconds (`None`: without limit) for
    /// standard input to be readable (`select.poll` on `sys.stdin`): true
    /// when a read would not block (a byte is ready, or input ended).
    /// Default: true.
    fn stdin_poll(&mut self, _timeout_ms: Option<u64>) -> bool {
        true
    }
    /// Writes bytes to standard output unchanged (`sys.stdout.buffer`),
    /// where [`Hal::stdout_write`] may translate `\n` for a terminal.
    fn stdout_write_raw(&mut self, data: &[u8]) {
        self.stdout_write(data)
    }
    /// Reads a line for `input()` with the port's line editor (echo,
    /// editing, history), after the prompt has been written. Default:
    /// [`LineInput::Unsupported`].
    fn read_line(&mut self) -> LineInput {
        LineInput::Unsupported
    }
    /// Reads a whole file.
    fn read_file(&mut self, _path: &str) -> Option<Vec<u8>> {
        None
    }
    /// What `path` names.
    fn stat(&mut self, _path: &str) -> PathKind {
        PathKind::Missing
    }
    /// `sys.platform` (e.g. `"linux"`).
    fn platform(&self) -> &'static str {
        "micropython"
    }
    /// `sys.implementation._machine` (e.g. `"linux [rustc] with x86_64"`).
    fn machine(&self) -> &'static str {
        "micropython-rs"
    }
    /// Opens file `path` for the built-in `open()`. `mode` is the Python
    /// mode string without `b`/`t` (`"r"`, `"w"`, `"a"`, `"x"`, each
    /// possibly with `+`). Returns a port-chosen handle, or an errno
    /// (`Err(2)` = ENOENT is the default: no filesystem).
    fn open(&mut self, _path: &str, _mode: &str) -> Result<usize, i32> {
        Err(2)
    }
    /// Reads up to `buf.len()` bytes from an open file handle; `Ok(0)` at
    /// end of file. Errors: an errno (default 9 = EBADF).
    fn read(&mut self, _handle: usize, _buf: &mut [u8]) -> Result<usize, i32> {
        Err(9)
    }
    /// Writes bytes to an open file handle, returning how many were
    /// written. Errors: an errno (default 9 = EBADF).
    fn write(&mut self, _handle: usize, _data: &[u8]) -> Result<usize, i32> {
        Err(9)
    }
    /// Closes an open file handle (no-op by default).
    fn close(&mut self, _handle: usize) {}
    /// Bytes of native stack the interpreter may use (recursion guard).
    fn stack_limit(&self) -> usize {
        32 * 1024
    }
    /// The current directory (`os.getcwd()`); `"/"` by default.
    fn getcwd(&mut self) -> Result<alloc::string::String, i32> {
        Ok(alloc::string::String::from("/"))
    }
    /// Changes the current directory. Errors: an errno (default 2 = ENOENT).
    fn chdir(&mut self, _path: &str) -> Result<(), i32> {
        Err(2)
    }
    /// Names in directory `path` (without `.`/`..`), in port order.
    /// Errors: an errno (default 2 = ENOENT).
    fn listdir(&mut self, _path: &str) -> Result<Vec<alloc::string::String>, i32> {
        Err(2)
    }
    /// `(st_mode, st_size, st_mtime seconds)` of `path`. Errors: an errno
    /// (default 2 = ENOENT).
    fn stat_info(&mut self, _path: &str) -> Result<(u32, u64, i64), i32> {
        Err(2)
    }
    /// Deletes file `path`. Errors: an errno (default 2 = ENOENT).
    fn remove(&mut self, _path: &str) -> Result<(), i32> {
        Err(2)
    }
    /// Creates directory `path`. Errors: an errno (default 1 = EPERM).
    fn mkdir(&mut self, _path: &str) -> Result<(), i32> {
        Err(1)
    }
    /// Removes empty directory `path`. Errors: an errno (default 2 = ENOENT).
    fn rmdir(&mut self, _path: &str) -> Result<(), i32> {
        Err(2)
    }
    /// Renames `from` to `to`. Errors: an errno (default 2 = ENOENT).
    fn rename(&mut self, _from: &str, _to: &str) -> Result<(), i32> {
        Err(2)
    }
}

/// A HAL for tests and embedding: captures standard output in memory.
#[derive(Default)]
pub struct BufferHal {
    /// Everything written to stdout and stderr.
    pub out: Vec<u8>,
}

impl Hal for BufferHal {
    fn stdout_write(&mut self, data: &[u8]) {
        self.out.extend_from_slice(data);
    }
}
