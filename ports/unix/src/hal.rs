//! The unix port's HAL: console on stdin/stdout/stderr, clocks, files.

use mpy_core::hal::{Hal, PathKind};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Set by the SIGINT handler; taken by the VM to raise KeyboardInterrupt.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The unix HAL.
pub struct UnixHal {
    start: Instant,
    stack_limit: usize,
    /// Files opened by `open()`, by OS file descriptor.
    files: std::collections::HashMap<usize, std::fs::File>,
}

impl UnixHal {
    /// A HAL allowing the interpreter `stack_limit` bytes of native stack.
    pub fn new(stack_limit: usize) -> UnixHal {
        UnixHal { start: Instant::now(), stack_limit, files: std::collections::HashMap::new() }
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
    fn read_file(&mut self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(path).ok()
    }
    fn stat(&mut self, path: &str) -> PathKind {
        match std::fs::metadata(if path.is_empty() { "." } else { path }) {
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
        let f = o.open(path).map_err(|e| e.raw_os_error().unwrap_or(5))?;
        let fd = f.as_raw_fd() as usize;
        self.files.insert(fd, f);
        Ok(fd)
    }
    fn read(&mut self, handle: usize, buf: &mut [u8]) -> Result<usize, i32> {
        let f = self.files.get_mut(&handle).ok_or(9)?;
        f.read(buf).map_err(|e| e.raw_os_error().unwrap_or(5))
    }
    fn write(&mut self, handle: usize, data: &[u8]) -> Result<usize, i32> {
        let f = self.files.get_mut(&handle).ok_or(9)?;
        f.write_all(data).map_err(|e| e.raw_os_error().unwrap_or(5))?;
        Ok(data.len())
    }
    fn close(&mut self, handle: usize) {
        self.files.remove(&handle);
    }
}
