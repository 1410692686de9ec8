//! The unix port's HAL: console on stdin/stdout/stderr, clocks, files.

use crate::console;
use mpy_core::hal::{Hal, LineInput, PathKind};
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
    /// The line editor of `input()` on the interactive console.
    editor: Box<mpy_repl::Editor<1024, 1024>>,
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

/// `data` with each `\n` turned into `\r\n`.
fn cook(data: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(data.len() + 8);
    for &b in data {
        if b == b'\n' {
            v.push(b'\r');
        }
        v.push(b);
    }
    v
}

impl UnixHal {
    /// A HAL allowing the interpreter `stack_limit` bytes of native stack.
    pub fn new(stack_limit: usize) -> UnixHal {
        UnixHal {
            start: Instant::now(),
            stack_limit,
            files: std::collections::HashMap::new(),
            editor: Box::new(mpy_repl::Editor::new()),
        }
    }
}

impl Hal for UnixHal {
    fn stdout_write(&mut self, data: &[u8]) {
        if console::cooked() {
            self.stdout_write_raw(&cook(data));
        } else {
            self.stdout_write_raw(data);
        }
    }
    fn stdout_write_raw(&mut self, data: &[u8]) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(data);
        let _ = out.flush();
    }
    fn stderr_write(&mut self, data: &[u8]) {
        let _ = std::io::stdout().flush();
        if console::cooked() {
            let _ = std::io::stderr().write_all(&cook(data));
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
    fn read_line(&mut self) -> LineInput {
        if !console::active() {
            return LineInput::Unsupported;
        }
        let _ = std::io::stdout().flush();
        match self.editor.read_line(&mut console::InputConsole, &mut NoCompletion, b"", b"", false) {
            mpy_repl::LineEnd::Enter => LineInput::Line(self.editor.line.text().to_vec()),
            mpy_repl::LineEnd::Ctrl(3) => LineInput::Interrupted,
            mpy_repl::LineEnd::Ctrl(_) | mpy_repl::LineEnd::Eof => LineInput::Eof,
        }
    }
    fn platform(&self) -> &'static str {
        "linux"
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
    fn getcwd(&mut self) -> Result<String, i32> {
        let d = std::env::current_dir().map_err(|e| e.raw_os_error().unwrap_or(5))?;
        Ok(d.to_string_lossy().into_owned())
    }
    fn chdir(&mut self, path: &str) -> Result<(), i32> {
        std::env::set_current_dir(path).map_err(|e| e.raw_os_error().unwrap_or(5))
    }
    fn listdir(&mut self, path: &str) -> Result<Vec<String>, i32> {
        let rd = std::fs::read_dir(if path.is_empty() { "." } else { path }).map_err(|e| e.raw_os_error().unwrap_or(5))?;
        Ok(rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
    }
    fn stat_info(&mut self, path: &str) -> Result<(u32, u64, i64), i32> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).map_err(|e| e.raw_os_error().unwrap_or(5))?;
        Ok((m.mode(), m.size(), m.mtime()))
    }
    fn remove(&mut self, path: &str) -> Result<(), i32> {
        std::fs::remove_file(path).map_err(|e| e.raw_os_error().unwrap_or(5))
    }
    fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        std::fs::create_dir(path).map_err(|e| e.raw_os_error().unwrap_or(5))
    }
    fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        std::fs::remove_dir(path).map_err(|e| e.raw_os_error().unwrap_or(5))
    }
    fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        std::fs::rename(from, to).map_err(|e| e.raw_os_error().unwrap_or(5))
    }
}
