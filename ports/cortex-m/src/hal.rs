//! The core's [`Hal`] on a board: console I/O on the UART (through the
//! receive ring buffer), time on SysTick, Ctrl-C from the receive
//! interrupt, `input()` through the shared REPL's line editor, files on
//! the RAM filesystem ([`crate::fs`]).

use crate::board::Board;
use crate::console;
use alloc::vec::Vec;
use core::marker::PhantomData;
#[cfg(feature = "fs")]
use crate::fs::{BoardFs, S_IFDIR};
use mpy_core::hal::{Hal, LineInput};
#[cfg(feature = "fs")]
use mpy_core::hal::PathKind;

/// The UART console of board `B`, as the shared REPL sees it.
pub struct UartConsole<B: Board>(PhantomData<B>);

impl<B: Board> UartConsole<B> {
    /// The board's console.
    pub fn new() -> Self {
        UartConsole(PhantomData)
    }
}

impl<B: Board> Default for UartConsole<B> {
    fn default() -> Self {
        Self::new()
    }
}

impl<B: Board> mpy_repl::Console for UartConsole<B> {
    /// Sleeps until the receive interrupt has queued a byte (never `None`:
    /// a UART does not end).
    fn read_byte(&mut self) -> Option<u8> {
        loop {
            if let Some(b) = console::try_read() {
                return Some(b);
            }
            crate::cpu::idle();
        }
    }

    fn write(&mut self, data: &[u8]) {
        B::console_write(data);
    }

    fn set_interrupt_char(&mut self, c: Option<u8>) {
        console::set_interrupt_char(c.map_or(-1, i32::from));
    }
}

/// The console for `input()`: an interrupt request (Ctrl-C while code
/// runs) reads as a Ctrl-C key, so the line editor ends with it.
struct InputConsole<B: Board>(PhantomData<B>);

impl<B: Board> mpy_repl::Console for InputConsole<B> {
    fn read_byte(&mut self) -> Option<u8> {
        loop {
            if console::take_interrupt() {
                return Some(0x03);
            }
            if let Some(b) = console::try_read() {
                return Some(b);
            }
            crate::cpu::idle();
        }
    }

    fn write(&mut self, data: &[u8]) {
        B::console_write(data);
    }
}

/// The HAL the interpreter runs on, for board `B`.
pub struct BoardHal<B: Board> {
    stack_limit: usize,
    /// The line editor of `input()` (the REPL's editor type, so its code
    /// is linked once): made in the arena at the first `input()`, not with
    /// the interpreter (~800 bytes to clear at every boot and soft reset);
    /// a vector, whose allocation can fail without aborting (then
    /// `input()` reads its line unedited).
    editor: Vec<InputEditor>,
    /// Bytes of the edited line already handed to `read_line`'s caller
    /// (Some while a long line is being handed out in pieces).
    line_sent: Option<usize>,
    /// The filesystem mounted at `/`.
    #[cfg(feature = "fs")]
    fs: BoardFs<B>,
    _board: PhantomData<B>,
}

/// The editor type of `input()`.
type InputEditor = mpy_repl::Editor<{ crate::run::LINE_MAX }, { crate::run::HISTORY_BYTES }>;

impl<B: Board> BoardHal<B> {
    /// A HAL whose recursion guard allows `stack_limit` bytes of stack,
    /// with the filesystem `fs`.
    pub fn new(stack_limit: usize, #[cfg(feature = "fs")] fs: BoardFs<B>) -> Self {
        BoardHal {
            stack_limit,
            editor: Vec::new(),
            line_sent: None,
            #[cfg(feature = "fs")]
            fs,
            _board: PhantomData,
        }
    }
}

impl<B: Board> Hal for BoardHal<B> {
    fn stdout_write(&mut self, data: &[u8]) {
        crate::fault::write_cooked(B::console_write, data);
    }

    fn stdout_write_raw(&mut self, data: &[u8]) {
        B::console_write(data);
    }

    /// Waits for at least one byte (or an interrupt request, which returns
    /// 0 so the VM can raise `KeyboardInterrupt`), then takes what is
    /// queued.
    fn stdin_read(&mut self, buf: &mut [u8]) -> usize {
        let mut n = 0;
        while n < buf.len() {
            match console::try_read() {
                Some(b) => {
                    if let Some(slot) = buf.get_mut(n) {
                        *slot = b;
                    }
                    n += 1;
                }
                None if n > 0 || console::interrupt_pending() => break,
                None => crate::cpu::idle(),
            }
        }
        n
    }

    fn stdin_poll(&mut self, timeout_ms: Option<u64>) -> bool {
        // (No timeout: an end the microsecond count never reaches.)
        let end = timeout_ms.map_or(u64::MAX, |ms| crate::systick::ticks_us().saturating_add(ms.saturating_mul(1000)));
        loop {
            if console::has_input() {
                return true;
            }
            if console::interrupt_pending() || crate::systick::ticks_us() >= end {
                return false;
            }
            crate::cpu::idle();
        }
    }

    fn read_line(&mut self, buf: &mut [u8]) -> LineInput {
        let sent = match self.line_sent.take() {
            Some(n) => n,
            None => {
                if self.editor.is_empty() {
                    // The port's own I/O: allowed while a script runs.
                    let made = mpy_core::alloc_guard::permit(|| self.editor.try_reserve_exact(1));
                    if made.is_err() {
                        // No room for the editor (the arena is full):
                        // `input()` reads the line without editing.
                        return LineInput::Unsupported;
                    }
                    self.editor.push(mpy_repl::Editor::new());
                }
                let Some(editor) = self.editor.first_mut() else { return LineInput::Eof };
                let mut con = InputConsole::<B>(PhantomData);
                match editor.read_line(&mut con, &mut NoCompletion, b"", b"", false) {
                    mpy_repl::LineEnd::Enter => 0,
                    mpy_repl::LineEnd::Ctrl(3) => return LineInput::Interrupted,
                    mpy_repl::LineEnd::Ctrl(_) | mpy_repl::LineEnd::Eof => return LineInput::Eof,
                }
            }
        };
        let Some(editor) = self.editor.first() else { return LineInput::Eof };
        let rest = editor.line.text().get(sent..).unwrap_or(&[]);
        let k = rest.len().min(buf.len());
        if let (Some(d), Some(s)) = (buf.get_mut(..k), rest.get(..k)) {
            d.copy_from_slice(s);
        }
        if k < rest.len() {
            self.line_sent = Some(sent + k);
            LineInput::More(k)
        } else {
            LineInput::Line(k)
        }
    }

    fn set_interrupt_char(&mut self, c: i32) {
        console::set_interrupt_char(c);
    }

    fn ticks_us(&mut self) -> u64 {
        crate::systick::ticks_us()
    }

    /// CPU cycles (DWT CYCCNT) where the counter runs, else microseconds
    /// (QEMU: see [`crate::cpu::cycle_counter_init`]).
    fn ticks_cpu(&mut self) -> u64 {
        crate::cpu::cycles().map_or_else(crate::systick::ticks_us, u64::from)
    }

    fn sleep_us(&mut self, us: u64) {
        crate::systick::sleep_us(us);
    }

    fn take_interrupt(&mut self) -> bool {
        console::take_interrupt()
    }

    fn platform(&self) -> &'static str {
        B::PLATFORM
    }

    fn machine(&self) -> &'static str {
        B::MACHINE
    }

    fn stack_limit(&self) -> usize {
        self.stack_limit
    }

    #[cfg(feature = "fs")]
    fn stat(&mut self, path: &str) -> PathKind {
        match self.fs.stat(path) {
            Ok((S_IFDIR, _)) => PathKind::Dir,
            Ok(_) => PathKind::File,
            Err(_) => PathKind::Missing,
        }
    }

    #[cfg(feature = "fs")]
    fn read_file_into(&mut self, path: &str, buf: &mut [u8]) -> Option<usize> {
        self.fs.read_file(path, buf).ok()
    }

    #[cfg(feature = "fs")]
    fn stat_info(&mut self, path: &str) -> Result<(u32, u64, i64), i32> {
        self.fs.stat(path).map(|(mode, size)| (mode, size, 0))
    }

    #[cfg(feature = "fs")]
    fn open(&mut self, path: &str, mode: &str) -> Result<usize, i32> {
        self.fs.open(path, mode)
    }

    #[cfg(feature = "fs")]
    fn read(&mut self, handle: usize, buf: &mut [u8]) -> Result<usize, i32> {
        self.fs.read(handle, buf)
    }

    #[cfg(feature = "fs")]
    fn write(&mut self, handle: usize, data: &[u8]) -> Result<usize, i32> {
        self.fs.write(handle, data)
    }

    #[cfg(feature = "fs")]
    fn seek(&mut self, handle: usize, offset: i64, whence: u8) -> Result<u64, i32> {
        self.fs.seek(handle, offset, whence)
    }

    #[cfg(feature = "fs")]
    fn close(&mut self, handle: usize) {
        self.fs.close(handle);
    }

    #[cfg(feature = "fs")]
    fn getcwd(&mut self, buf: &mut [u8]) -> Result<usize, i32> {
        Ok(self.fs.getcwd(buf))
    }

    #[cfg(feature = "fs")]
    fn chdir(&mut self, path: &str) -> Result<(), i32> {
        self.fs.chdir(path)
    }

    #[cfg(feature = "fs")]
    fn dir_open(&mut self, path: &str) -> Result<usize, i32> {
        self.fs.dir_open(path)
    }

    #[cfg(feature = "fs")]
    fn dir_next(&mut self, handle: usize, name: &mut [u8]) -> Result<Option<usize>, i32> {
        self.fs.dir_next(handle, name)
    }

    #[cfg(feature = "fs")]
    fn dir_close(&mut self, handle: usize) {
        self.fs.dir_close(handle);
    }

    #[cfg(feature = "fs")]
    fn remove(&mut self, path: &str) -> Result<(), i32> {
        self.fs.remove(path)
    }

    #[cfg(feature = "fs")]
    fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        self.fs.mkdir(path)
    }

    #[cfg(feature = "fs")]
    fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        self.fs.rmdir(path)
    }

    #[cfg(feature = "fs")]
    fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        self.fs.rename(from, to)
    }

    #[cfg(feature = "fs")]
    fn statvfs(&mut self, _path: &str) -> Result<[u32; 10], i32> {
        self.fs.statvfs()
    }
}

/// `input()` completes nothing.
struct NoCompletion;

impl mpy_repl::Interpreter for NoCompletion {
    fn execute(&mut self, _src: &[u8], _mode: mpy_repl::ExecMode) -> mpy_repl::Outcome {
        mpy_repl::Outcome::Ok
    }
    fn print_exception(&mut self) {}
    #[cfg(feature = "compiler")]
    fn complete(&mut self, _s: mpy_repl::CompletionScope<'_>, _p: &str, _v: &mut dyn FnMut(&str)) {}
    fn soft_reset(&mut self) {}
    fn banner(&self) -> &str {
        ""
    }
}
