//! The byte channel the REPL talks through: a terminal on unix, a UART on
//! boards.

/// The console: bytes in, bytes out.
///
/// A board implements it on a UART whose receive interrupt fills a ring
/// buffer: [`Console::read_byte`] blocks (e.g. `wfi`) until the ring has a
/// byte, and the interrupt handler compares each received byte with the
/// character set by [`Console::set_interrupt_char`], raising a
/// `KeyboardInterrupt` in the running program (and dropping the byte)
/// instead of queueing it. The unix port does the same with a thread that
/// reads the terminal.
pub trait Console {
    /// Waits for the next input byte. `None` means the input has ended for
    /// good (the terminal or pipe was closed); boards never return it.
    fn read_byte(&mut self) -> Option<u8>;

    /// Writes bytes exactly as given (no newline translation) and makes
    /// sure they are on their way (flushed) before returning.
    fn write(&mut self, data: &[u8]);

    /// Sets the byte that interrupts running Python code (`Some(0x03)`,
    /// Ctrl-C, while the REPL executes code; `None` while the REPL itself
    /// reads input, so that Ctrl-C reaches the line editor as a key).
    /// MicroPython's `mp_hal_set_interrupt_char`; `micropython.kbd_intr`
    /// changes the same setting from Python. Implementations should drop
    /// an interrupt that is still pending when the character changes.
    fn set_interrupt_char(&mut self, _c: Option<u8>) {}
}

/// Writes `n` columns of "cursor left": `\b` for up to 4, else the VT100
/// sequence `ESC [ n D` (what MicroPython's readline sends).
pub(crate) fn move_back(con: &mut dyn Console, n: usize) {
    if n == 0 {
        return;
    }
    if n <= 4 {
        con.write(&b"\x08\x08\x08\x08"[..n]);
        return;
    }
    // Built from the end: `D`, the digits (at most 20), `[`, ESC.
    let mut buf = [0u8; 24];
    let mut i = buf.len() - 1;
    buf[i] = b'D';
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[i - 1] = b'[';
    buf[i - 2] = 0x1b;
    con.write(&buf[i - 2..]);
}

/// Writes `n` spaces.
#[cfg(feature = "interactive")]
pub(crate) fn spaces(con: &mut dyn Console, mut n: usize) {
    const S: &[u8] = b"                ";
    while n > 0 {
        let k = n.min(S.len());
        con.write(&S[..k]);
        n -= k;
    }
}
