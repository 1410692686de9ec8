//! The interactive console of the unix port: the terminal in raw mode, and
//! a thread that reads it into a queue, as a board's UART interrupt fills
//! its ring buffer.
//!
//! Once [`start`] has run (the REPL starts), every read of standard input
//! (the REPL, `input()`, `sys.stdin`) takes bytes from the queue. While
//! Python code runs, the reader thread compares each byte with the
//! interrupt character (Ctrl-C, or what `micropython.kbd_intr` set) and,
//! instead of queueing it, raises the flag the VM polls
//! ([`crate::hal::INTERRUPTED`]): so a bare 0x03 from an IDE stops a
//! program even though the terminal sends no SIGINT in raw mode.
//!
//! The terminal is put in raw mode (`cfmakeraw`: no echo, no line
//! editing, no signals, no output processing), so the REPL writes exact
//! bytes; text that Python code prints gets `\n` turned into `\r\n` by
//! the HAL (see [`cooked`]), as on boards.

use crate::hal::INTERRUPTED;
use std::collections::VecDeque;
use mpy_repl::Console;
use std::io::{IsTerminal, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

struct Queue {
    bytes: VecDeque<u8>,
    eof: bool,
}

static QUEUE: Mutex<Queue> = Mutex::new(Queue { bytes: VecDeque::new(), eof: false });
static READY: Condvar = Condvar::new();
/// The interrupt character (-1: none).
static INTR_CHAR: AtomicI32 = AtomicI32::new(-1);
/// The reader thread runs: standard input comes from the queue.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The terminal is in raw mode: text output needs `\n` -> `\r\n`.
static COOKED: AtomicBool = AtomicBool::new(false);
/// The terminal settings to restore at exit.
static SAVED: Mutex<Option<nix::sys::termios::Termios>> = Mutex::new(None);

fn queue() -> MutexGuard<'static, Queue> {
    // A panic while holding the lock leaves consistent data: carry on.
    QUEUE.lock().unwrap_or_else(|e| e.into_inner())
}

/// True once [`start`] has run.
pub fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// True when text output must turn `\n` into `\r\n` (raw terminal).
pub fn cooked() -> bool {
    COOKED.load(Ordering::Relaxed)
}

/// Puts the terminal (if standard input is one) in raw mode and starts
/// the reader thread; does nothing the second time.
pub fn start() {
    if ACTIVE.swap(true, Ordering::Relaxed) {
        return;
    }
    if std::io::stdin().is_terminal() {
        use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg};
        let stdin = std::io::stdin();
        if let Ok(orig) = tcgetattr(&stdin) {
            let mut raw = orig.clone();
            cfmakeraw(&mut raw);
            if tcsetattr(&stdin, SetArg::TCSANOW, &raw).is_ok() {
                *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(orig);
                COOKED.store(true, Ordering::Relaxed);
            }
        }
    }
    let spawned = std::thread::Builder::new().name("console".into()).spawn(reader);
    if spawned.is_err() {
        let mut q = queue();
        q.eof = true;
    }
}

/// Restores the terminal settings saved by [`start`].
pub fn restore() {
    let saved = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(orig) = saved {
        let _ = std::io::stdout().flush();
        let _ = nix::sys::termios::tcsetattr(std::io::stdin(), nix::sys::termios::SetArg::TCSANOW, &orig);
        COOKED.store(false, Ordering::Relaxed);
    }
}

/// The reader thread: standard input into the queue, the interrupt
/// character into [`INTERRUPTED`].
fn reader() {
    let mut buf = [0u8; 512];
    let mut stdin = std::io::stdin();
    loop {
        let n = match stdin.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => 0,
        };
        let mut q = queue();
        if n == 0 {
            q.eof = true;
            READY.notify_all();
            return;
        }
        let intr = INTR_CHAR.load(Ordering::Relaxed);
        for &b in &buf[..n] {
            if i32::from(b) == intr {
                INTERRUPTED.store(true, Ordering::Relaxed);
            } else {
                q.bytes.push_back(b);
            }
        }
        READY.notify_all();
    }
}

/// Sets the interrupt character (-1: none). Arming it also takes a
/// Ctrl-C typed ahead (still queued) as an interrupt; any change drops an
/// interrupt still pending.
pub fn set_interrupt_char(c: i32) {
    let mut q = queue();
    INTERRUPTED.store(false, Ordering::Relaxed);
    INTR_CHAR.store(c, Ordering::Relaxed);
    if (0..256).contains(&c) {
        if let Some(p) = q.bytes.iter().position(|&b| i32::from(b) == c) {
            q.bytes.remove(p);
            INTERRUPTED.store(true, Ordering::Relaxed);
        }
    }
    READY.notify_all();
}

/// Waits until the queue has a byte, the input ended, or (when
/// `wake_on_interrupt`) an interrupt is pending; gives up after
/// `timeout` (None: never). Returns the guard and whether a byte is
/// there.
fn wait(timeout: Option<Duration>, wake_on_interrupt: bool) -> (MutexGuard<'static, Queue>, bool) {
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut q = queue();
    loop {
        if !q.bytes.is_empty() {
            return (q, true);
        }
        if q.eof || (wake_on_interrupt && INTERRUPTED.load(Ordering::Relaxed)) {
            return (q, false);
        }
        q = match deadline {
            None => READY.wait(q).unwrap_or_else(|e| e.into_inner()),
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return (q, false);
                }
                READY.wait_timeout(q, d - now).unwrap_or_else(|e| e.into_inner()).0
            }
        };
    }
}

/// Reads at least one byte (blocking) and as many more as are queued, up
/// to `buf.len()`. Returns 0 at end of input, or when an interrupt became
/// pending while waiting.
pub fn read(buf: &mut [u8]) -> usize {
    if buf.is_empty() {
        return 0;
    }
    let (mut q, ready) = wait(None, true);
    if !ready {
        return 0;
    }
    let n = buf.len().min(q.bytes.len());
    for (i, b) in q.bytes.drain(..n).enumerate() {
        buf[i] = b;
    }
    n
}

/// Is a byte ready (or the input ended) within `timeout` (None: wait
/// forever)?
pub fn poll(timeout: Option<Duration>) -> bool {
    let (q, ready) = wait(timeout, true);
    ready || q.eof
}

/// The REPL's side of the console: blocking byte reads from the queue,
/// raw writes to standard output.
pub struct TermConsole;

impl Console for TermConsole {
    fn read_byte(&mut self) -> Option<u8> {
        let (mut q, _) = wait(None, false);
        q.bytes.pop_front()
    }
    fn write(&mut self, data: &[u8]) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(data);
        let _ = out.flush();
    }
    fn set_interrupt_char(&mut self, c: Option<u8>) {
        set_interrupt_char(c.map_or(-1, i32::from));
    }
}

/// The console as `input()` sees it: like [`TermConsole`], but a pending
/// interrupt reads as a Ctrl-C byte (the interrupt character never
/// reaches the queue while code runs).
pub struct InputConsole;

impl Console for InputConsole {
    fn read_byte(&mut self) -> Option<u8> {
        let (mut q, ready) = wait(None, true);
        if !ready && INTERRUPTED.swap(false, Ordering::Relaxed) {
            return Some(0x03);
        }
        q.bytes.pop_front()
    }
    fn write(&mut self, data: &[u8]) {
        TermConsole.write(data);
    }
}
