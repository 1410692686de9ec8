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
}

impl UnixHal {
    /// A HAL allowing the interpreter `stack_limit` bytes of native stack.
    pub fn new(stack_limit: usize) -> UnixHal {
        UnixHal { start: Instant::now(), stack_limit }
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
}
