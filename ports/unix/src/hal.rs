//! The unix port's HAL: console on stdin/stdout/stderr, clocks, files.
//!
//! The tables of open files and directory listings are allocated at
//! start-up; opening a file or reading one allocates nothing more from
//! Rust's global allocator for short paths (`std`'s path conversion uses
//! the stack for those). Long paths, directory listings and `getcwd` go
//! through `std`, which allocates inside the call: the port's own I/O,
//! bounded and never a script's objects, run inside
//! `mpy_core::alloc_guard::permit` (see [`fs`]).

use crate::console;
use mpy_core::hal::{Hal, LineInput, PathKind};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Runs a file-system call of `std` (which may allocate a path buffer or
/// a table slot from Rust's global allocator) as the port's own I/O.
fn fs<R>(f: impl FnOnce() -> R) -> R {
    mpy_core::alloc_guard::permit(f)
}

/// Set by the SIGINT handler; taken by the VM to raise KeyboardInterrupt.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Slots of the open-file table (file descriptors below this are stored
/// without allocating).
const FILE_SLOTS: usize = 256;
/// Directory listings that can be in progress at once.
const DIR_SLOTS: usize = 16;

/// The unix HAL.
pub struct UnixHal {
    start: Instant,
    stack_limit: usize,
    /// Files opened by `open()`, indexed by OS file descriptor (the handle).
    files: Vec<Option<std::fs::File>>,
    /// Directory listings in progress, indexed by handle.
    dirs: Vec<Option<std::fs::ReadDir>>,
    /// The line editor of `input()` on the interactive console.
    editor: Box<mpy_repl::Editor<1024, 1024>>,
    /// Bytes of the editor's last line already handed to `input()`, when
    /// the line did not fit the caller's buffer (see `LineInput::More`).
    line_sent: Option<usize>,
}

/// Never completes anything (`input()` has no names to offer).
struct NoCompletion;

impl mpy_repl::Interpreter for NoCompletion {
    fn execute(&mut self, _src: &[u8], _mode: mpy_repl::ExecMode) -> mpy_repl::Outcome {
        mpy_repl::Outcome::Ok
    }
    fn print_exception(&mut self) {}
    fn complete(&mut self, _s: mpy_repl::CompletionScope<'_>, _p: &str, _v: &mut dyn FnMut(&str)) {}
    fn soft_reset(&mut self) {}
    fn banner(&self) -> &str {
        ""
    }
}

/// Writes `data` to `w` with each `\n` turned into `\r\n` (text output
/// on a terminal in raw mode), without allocating.
fn write_cooked(w: &mut dyn Write, data: &[u8]) {
    for (i, part) in data.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            let _ = w.write_all(b"\r\n");
        }
        let _ = w.write_all(part);
    }
}

impl UnixHal {
    /// A HAL allowing the interpreter `stack_limit` bytes of native stack.
    pub fn new(stack_limit: usize) -> UnixHal {
        UnixHal {
            start: Instant::now(),
            stack_limit,
            files: (0..FILE_SLOTS).map(|_| None).collect(),
            dirs: (0..DIR_SLOTS).map(|_| None).collect(),
            editor: Box::new(mpy_repl::Editor::new()),
            line_sent: None,
        }
    }
}

/// The errno of an I/O error (5 = EIO if it has none).
fn errno(e: std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(5)
}

/// `path`, or `.` for the empty path (the importer's current directory).
fn dot(path: &str) -> &str {
    if path.is_empty() {
        "."
    } else {
        path
    }
}

impl Hal for UnixHal {
    fn stdout_write(&mut self, data: &[u8]) {
        if !console::cooked() {
            return self.stdout_write_raw(data);
        }
        let mut out = std::io::stdout().lock();
        write_cooked(&mut out, data);
        let _ = out.flush();
    }
    fn stdout_write_raw(&mut self, data: &[u8]) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(data);
        let _ = out.flush();
    }
    fn stderr_write(&mut self, data: &[u8]) {
        let _ = std::io::stdout().flush();
        if console::cooked() {
            write_cooked(&mut std::io::stderr(), data);
        } else {
            let _ = std::io::stderr().write_all(data);
        }
    }
    fn stdin_read(&mut self, buf: &mut [u8]) -> usize {
        let _ = std::io::stdout().flush();
        if console::active() {
            return console::read(buf);
        }
        std::io::stdin().read(buf).unwrap_or(0)
    }
    fn stdin_poll(&mut self, timeout_ms: Option<u64>) -> bool {
        if console::active() {
            return console::poll(timeout_ms.map(Duration::from_millis));
        }
        true
    }
    fn set_interrupt_char(&mut self, c: i32) {
        console::set_interrupt_char(c);
    }
    fn read_line(&mut self, buf: &mut [u8]) -> LineInput {
        if !console::active() {
            return LineInput::Unsupported;
        }
        let sent = match self.line_sent.take() {
            Some(n) => n,
            None => {
                let _ = std::io::stdout().flush();
                match self.editor.read_line(&mut console::InputConsole, &mut NoCompletion, b"", b"", false) {
                    mpy_repl::LineEnd::Enter => 0,
                    mpy_repl::LineEnd::Ctrl(3) => return LineInput::Interrupted,
                    mpy_repl::LineEnd::Ctrl(_) | mpy_repl::LineEnd::Eof => return LineInput::Eof,
                }
            }
        };
        let rest = self.editor.line.text().get(sent..).unwrap_or(&[]);
        let k = rest.len().min(buf.len());
        buf[..k].copy_from_slice(&rest[..k]);
        if k < rest.len() {
            self.line_sent = Some(sent + k);
            LineInput::More(k)
        } else {
            LineInput::Line(k)
        }
    }
    fn platform(&self) -> &'static str {
        "linux"
    }
    fn build_name(&self) -> &'static str {
        "standard"
    }
    fn machine(&self) -> &'static str {
        "linux [rustc] version"
    }
    fn ticks_us(&mut self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn time_ns(&mut self) -> i128 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        }
    }
    fn sleep_us(&mut self, us: u64) {
        // In slices, so that Ctrl-C cuts a long sleep short (the caller
        // then sees the pending interrupt).
        let end = Instant::now() + Duration::from_micros(us);
        loop {
            let now = Instant::now();
            if now >= end || INTERRUPTED.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep((end - now).min(Duration::from_millis(10)));
        }
    }
    fn take_interrupt(&mut self) -> bool {
        INTERRUPTED.swap(false, Ordering::Relaxed)
    }
    fn file_size(&mut self, path: &str) -> Option<usize> {
        match fs(|| std::fs::metadata(path)) {
            Ok(m) if !m.is_dir() => usize::try_from(m.len()).ok(),
            _ => None,
        }
    }
    fn read_file_into(&mut self, path: &str, buf: &mut [u8]) -> Option<usize> {
        let mut f = fs(|| std::fs::File::open(path)).ok()?;
        let mut n = 0;
        while n < buf.len() {
            match f.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        Some(n)
    }
    fn stat(&mut self, path: &str) -> PathKind {
        match fs(|| std::fs::metadata(dot(path))) {
            Ok(m) if m.is_dir() => PathKind::Dir,
            Ok(_) => PathKind::File,
            Err(_) => PathKind::Missing,
        }
    }
    fn stack_limit(&self) -> usize {
        self.stack_limit
    }
    fn open(&mut self, path: &str, mode: &str) -> Result<usize, i32> {
        use std::os::unix::io::AsRawFd;
        let plus = mode.contains('+');
        let mut o = std::fs::OpenOptions::new();
        match mode.chars().next() {
            Some('w') => o.write(true).create(true).truncate(true).read(plus),
            Some('a') => o.append(true).create(true).read(plus),
            Some('x') => o.write(true).create_new(true).read(plus),
            _ => o.read(true).write(plus),
        };
        let f = fs(|| o.open(path)).map_err(errno)?;
        let fd = f.as_raw_fd() as usize;
        if fd >= self.files.len() {
            fs(|| self.files.resize_with(fd + 1, || None));
        }
        self.files[fd] = Some(f);
        Ok(fd)
    }
    fn read(&mut self, handle: usize, buf: &mut [u8]) -> Result<usize, i32> {
        let f = self.files.get_mut(handle).and_then(|f| f.as_mut()).ok_or(9)?;
        f.read(buf).map_err(errno)
    }
    fn write(&mut self, handle: usize, data: &[u8]) -> Result<usize, i32> {
        let f = self.files.get_mut(handle).and_then(|f| f.as_mut()).ok_or(9)?;
        f.write_all(data).map_err(errno)?;
        Ok(data.len())
    }
    fn seek(&mut self, handle: usize, offset: i64, whence: u8) -> Result<u64, i32> {
        use std::io::{Seek, SeekFrom};
        let f = self.files.get_mut(handle).and_then(|f| f.as_mut()).ok_or(9)?;
        let to = match whence {
            0 => SeekFrom::Start(u64::try_from(offset).map_err(|_| 22)?),
            1 => SeekFrom::Current(offset),
            2 => SeekFrom::End(offset),
            _ => return Err(22),
        };
        f.seek(to).map_err(errno)
    }
    fn close(&mut self, handle: usize) {
        if let Some(f) = self.files.get_mut(handle) {
            *f = None;
        }
    }
    fn getcwd(&mut self, buf: &mut [u8]) -> Result<usize, i32> {
        // The port's own OS calls may use Rust's allocator (see
        // `mpy_core::alloc_guard`): bounded, and never a script's objects.
        let d = mpy_core::alloc_guard::permit(std::env::current_dir).map_err(errno)?;
        let s = d.to_string_lossy();
        let b = s.as_bytes();
        let k = b.len().min(buf.len());
        buf[..k].copy_from_slice(&b[..k]);
        Ok(b.len())
    }
    fn chdir(&mut self, path: &str) -> Result<(), i32> {
        fs(|| std::env::set_current_dir(path)).map_err(errno)
    }
    fn dir_open(&mut self, path: &str) -> Result<usize, i32> {
        let slot = self.dirs.iter().position(|d| d.is_none()).ok_or(24)?;
        self.dirs[slot] = Some(mpy_core::alloc_guard::permit(|| std::fs::read_dir(dot(path))).map_err(errno)?);
        Ok(slot)
    }
    fn dir_next(&mut self, handle: usize, name: &mut [u8]) -> Result<Option<usize>, i32> {
        let rd = self.dirs.get_mut(handle).and_then(|d| d.as_mut()).ok_or(9)?;
        // std's directory entries allocate their names: the port's own
        // I/O, allowed (see `mpy_core::alloc_guard`).
        mpy_core::alloc_guard::permit(|| loop {
            match rd.next() {
                None => return Ok(None),
                Some(Err(e)) => return Err(errno(e)),
                Some(Ok(e)) => {
                    let n = e.file_name();
                    let s = n.to_string_lossy();
                    let b = s.as_bytes();
                    if b == b"." || b == b".." {
                        continue;
                    }
                    let dst = name.get_mut(..b.len()).ok_or(36)?;
                    dst.copy_from_slice(b);
                    return Ok(Some(b.len()));
                }
            }
        })
    }
    fn dir_close(&mut self, handle: usize) {
        if let Some(d) = self.dirs.get_mut(handle) {
            *d = None;
        }
    }
    fn stat_info(&mut self, path: &str) -> Result<(u32, u64, i64), i32> {
        use std::os::unix::fs::MetadataExt;
        let m = fs(|| std::fs::metadata(path)).map_err(errno)?;
        Ok((m.mode(), m.size(), m.mtime()))
    }
    fn remove(&mut self, path: &str) -> Result<(), i32> {
        fs(|| std::fs::remove_file(path)).map_err(errno)
    }
    fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        fs(|| std::fs::create_dir(path)).map_err(errno)
    }
    fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        fs(|| std::fs::remove_dir(path)).map_err(errno)
    }
    fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        fs(|| std::fs::rename(from, to)).map_err(errno)
    }
    /// The host's `statvfs(3)` of `path`, all ten fields (counts above
    /// `u32::MAX` saturate).
    fn statvfs(&mut self, path: &str) -> Result<[u32; 10], i32> {
        let st = fs(|| nix::sys::statvfs::statvfs(dot(path))).map_err(|e| e as i32)?;
        let cap = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        Ok([
            cap(st.block_size() as u64),
            cap(st.fragment_size() as u64),
            cap(st.blocks() as u64),
            cap(st.blocks_free() as u64),
            cap(st.blocks_available() as u64),
            cap(st.files() as u64),
            cap(st.files_free() as u64),
            cap(st.files_available() as u64),
            cap(st.flags().bits() as u64),
            cap(st.name_max() as u64),
        ])
    }
}
