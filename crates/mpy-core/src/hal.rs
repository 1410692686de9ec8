//! The hardware abstraction layer: everything the core needs from the
//! outside world (console, clocks, files, interrupts). The unix port
//! implements it on the OS; board ports on their peripherals.
//!
//! Nothing here returns memory from Rust's global allocator: data comes
//! back in buffers the caller provides (from the gc heap or the Rust
//! stack), so a script reaching the HAL cannot make the interpreter
//! allocate outside its heap.

use crate::heap::GcVec;
use crate::state::Vm;
use crate::PyResult;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineInput {
    /// The port has no line editor: `input()` reads bytes itself.
    Unsupported,
    /// The whole (rest of the) line, this many bytes, without its line
    /// ending, is in the caller's buffer.
    Line(usize),
    /// The caller's buffer is full (this many bytes) and the line goes
    /// on: call [`Hal::read_line`] again for the rest.
    More(usize),
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
    /// The highest-resolution counter (`time.ticks_cpu`): CPU cycles where
    /// the board counts them; default [`Hal::ticks_us`].
    fn ticks_cpu(&mut self) -> u64 {
        self.ticks_us()
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
    /// editing, history), after the prompt has been written, into `buf`
    /// (see [`LineInput`]: a line longer than `buf` comes in pieces).
    /// Default: [`LineInput::Unsupported`].
    fn read_line(&mut self, _buf: &mut [u8]) -> LineInput {
        LineInput::Unsupported
    }
    /// Size in bytes of file `path`, None if it cannot be read. The
    /// default asks [`Hal::stat_info`].
    fn file_size(&mut self, path: &str) -> Option<usize> {
        match self.stat_info(path) {
            Ok((mode, size, _)) if mode & 0o170000 != 0o040000 => usize::try_from(size).ok(),
            _ => None,
        }
    }
    /// Reads file `path` from its start into `buf`: returns how many bytes
    /// were read (at most `buf.len()`; fewer only at the end of the file),
    /// None if it cannot be read. The default goes through [`Hal::open`],
    /// [`Hal::read`] and [`Hal::close`].
    fn read_file_into(&mut self, path: &str, buf: &mut [u8]) -> Option<usize> {
        let h = self.open(path, "r").ok()?;
        let mut n = 0;
        while n < buf.len() {
            match self.read(h, &mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(_) => {
                    self.close(h);
                    return None;
                }
            }
        }
        self.close(h);
        Some(n)
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
    /// `sys.implementation._build`: the build variant or board (the unix
    /// port says `"standard"`). Default: empty.
    fn build_name(&self) -> &'static str {
        ""
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
    /// Moves the position of an open file handle to `offset` bytes from
    /// the start (`whence` 0), the current position (1) or the end (2),
    /// and returns the new position from the start (`Ok` of the current
    /// position for `seek(h, 0, 1)`). A position past the end is allowed
    /// (a write there fills the gap with zeros). Errors: an errno (22 =
    /// EINVAL for a negative result or another `whence`; default 29 =
    /// ESPIPE: the handle cannot seek).
    fn seek(&mut self, _handle: usize, _offset: i64, _whence: u8) -> Result<u64, i32> {
        Err(29)
    }
    /// Closes an open file handle (no-op by default).
    fn close(&mut self, _handle: usize) {}
    /// Bytes of native stack the interpreter may use (recursion guard).
    fn stack_limit(&self) -> usize {
        32 * 1024
    }
    /// Writes the current directory (`os.getcwd()`) into `buf` and
    /// returns its length in bytes; if that exceeds `buf.len()`, only
    /// `buf.len()` bytes were written and the caller asks again with a
    /// larger buffer. `"/"` by default. Errors: an errno.
    fn getcwd(&mut self, buf: &mut [u8]) -> Result<usize, i32> {
        if let Some(b) = buf.first_mut() {
            *b = b'/';
        }
        Ok(1)
    }
    /// Changes the current directory. Errors: an errno (default 2 = ENOENT).
    fn chdir(&mut self, _path: &str) -> Result<(), i32> {
        Err(2)
    }
    /// Starts listing directory `path` (`os.listdir`): returns a
    /// port-chosen handle for [`Hal::dir_next`]. Errors: an errno
    /// (default 2 = ENOENT).
    fn dir_open(&mut self, _path: &str) -> Result<usize, i32> {
        Err(2)
    }
    /// Writes the next name of a directory listing (without `.`/`..`, in
    /// port order, UTF-8) into `name` and returns its length; `Ok(None)`
    /// when there are no more. Errors: an errno (36 = ENAMETOOLONG if the
    /// name does not fit in `name`; default 9 = EBADF).
    fn dir_next(&mut self, _handle: usize, _name: &mut [u8]) -> Result<Option<usize>, i32> {
        Err(9)
    }
    /// Ends a directory listing (no-op by default).
    fn dir_close(&mut self, _handle: usize) {}
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
    /// `os.statvfs(path)` of the filesystem holding `path`, the ten fields
    /// in `os.statvfs`'s order: `(f_bsize, f_frsize, f_blocks, f_bfree,
    /// f_bavail, f_files, f_ffree, f_favail, f_flag, f_namemax)` (block
    /// counts in units of `f_frsize`; MicroPython's own filesystems leave
    /// the inode counts and flags 0). Errors: an errno (default 19 =
    /// ENODEV: no filesystem).
    fn statvfs(&mut self, _path: &str) -> Result<[u32; 10], i32> {
        Err(19)
    }
}

/// A HAL for tests and embedding: captures standard output in memory.
/// (Its buffer is the embedder's memory, from Rust's global allocator: not
/// for the allocation-free configurations.)
#[derive(Default)]
pub struct BufferHal {
    /// Everything written to stdout and stderr.
    pub out: alloc::vec::Vec<u8>,
}

impl Hal for BufferHal {
    fn stdout_write(&mut self, data: &[u8]) {
        self.out.extend_from_slice(data);
    }
}

impl Vm {
    /// The contents of file `path` through the HAL, in a new gc-heap
    /// buffer (None if the file cannot be read). Give the buffer back with
    /// `vm.heap.free_vec` when done, or leave it to the collector.
    ///
    /// Errors: `MemoryError`.
    pub fn read_file(&mut self, path: &str) -> PyResult<Option<GcVec<u8>>> {
        let Some(size) = self.hal.file_size(path) else { return Ok(None) };
        let mut v: GcVec<u8> = self.new_vec(size)?;
        v.resize_within_capacity(size, 0);
        match self.hal.read_file_into(path, v.as_mut_slice()) {
            Some(n) => {
                v.truncate(n);
                Ok(Some(v))
            }
            None => {
                self.heap.free_vec(v);
                Ok(None)
            }
        }
    }
}
