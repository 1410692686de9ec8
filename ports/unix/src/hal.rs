//! The unix port's HAL: console on stdin/stdout/stderr, clocks, files.
//!
//! The tables of open files and directory listings are allocated at
//! start-up; opening a file or reading one allocates nothing more from
//! Rust's global allocator (`std`'s path conversion uses the stack for
//! short paths). Directory listings and `getcwd` go through `std`, which
//! allocates inside the call.

use mpy_core::hal::{Hal, PathKind};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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
}

impl UnixHal {
    /// A HAL allowing the interpreter `stack_limit` bytes of native stack.
    pub fn new(stack_limit: usize) -> UnixHal {
        UnixHal {
            start: Instant::now(),
            stack_limit,
            files: (0..FILE_SLOTS).map(|_| None).collect(),
            dirs: (0..DIR_SLOTS).map(|_| None).collect(),
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
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(data);
        let _ = out.flush();
    }
    fn stderr_write(&mut self, data: &[u8]) {
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().write_all(data);
    }
    fn stdin_read(&mut self, buf: &mut [u8]) -> usize {
        let _ = std::io::stdout().flush();
        std::io::stdin().read(buf).unwrap_or(0)
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
        std::thread::sleep(Duration::from_micros(us));
    }
    fn take_interrupt(&mut self) -> bool {
        INTERRUPTED.swap(false, Ordering::Relaxed)
    }
    fn file_size(&mut self, path: &str) -> Option<usize> {
        match std::fs::metadata(path) {
            Ok(m) if !m.is_dir() => usize::try_from(m.len()).ok(),
            _ => None,
        }
    }
    fn read_file_into(&mut self, path: &str, buf: &mut [u8]) -> Option<usize> {
        let mut f = std::fs::File::open(path).ok()?;
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
        match std::fs::metadata(dot(path)) {
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
        let f = o.open(path).map_err(errno)?;
        let fd = f.as_raw_fd() as usize;
        if fd >= self.files.len() {
            self.files.resize_with(fd + 1, || None);
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
        std::env::set_current_dir(path).map_err(errno)
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
        let m = std::fs::metadata(path).map_err(errno)?;
        Ok((m.mode(), m.size(), m.mtime()))
    }
    fn remove(&mut self, path: &str) -> Result<(), i32> {
        std::fs::remove_file(path).map_err(errno)
    }
    fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        std::fs::create_dir(path).map_err(errno)
    }
    fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        std::fs::remove_dir(path).map_err(errno)
    }
    fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        std::fs::rename(from, to).map_err(errno)
    }
}
