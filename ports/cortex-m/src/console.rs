//! The console: received bytes queue in a ring buffer filled by the UART's
//! receive interrupt; Ctrl-C while Python code runs sets the interrupt
//! flag the VM polls (`Hal::take_interrupt`) instead of being queued, as
//! MicroPython's `mp_interrupt_char` does.

use crate::ring::Ring;
use core::cell::RefCell;
use core::sync::atomic::{AtomicBool, Ordering};
use critical_section::Mutex;

/// Receive buffer size in bytes (holds a raw-paste window of 128 with room
/// to spare).
pub const RX_SIZE: usize = 512;

/// Ctrl-C, the interrupt character.
pub const CTRL_C: u8 = 0x03;

static RX: Mutex<RefCell<Ring<RX_SIZE>>> = Mutex::new(RefCell::new(Ring::new()));
static INTERRUPT: AtomicBool = AtomicBool::new(false);
static INTERRUPT_CHAR_ON: AtomicBool = AtomicBool::new(false);

/// Called by the board's UART receive interrupt for each received byte.
pub fn on_rx_byte(b: u8) {
    if b == CTRL_C && INTERRUPT_CHAR_ON.load(Ordering::Relaxed) {
        INTERRUPT.store(true, Ordering::Relaxed);
        return;
    }
    critical_section::with(|cs| RX.borrow_ref_mut(cs).push(b));
}

/// The oldest received byte, if any (never waits).
pub fn try_read() -> Option<u8> {
    critical_section::with(|cs| RX.borrow_ref_mut(cs).pop())
}

/// Drops all received bytes not read yet.
pub fn clear_input() {
    critical_section::with(|cs| RX.borrow_ref_mut(cs).clear());
}

/// While on, a received Ctrl-C requests a `KeyboardInterrupt` instead of
/// being queued (on while Python code runs, off while the REPL reads).
pub fn set_interrupt_char(on: bool) {
    INTERRUPT_CHAR_ON.store(on, Ordering::Relaxed);
}

/// Was Ctrl-C received since the last call? Clears the request.
pub fn take_interrupt() -> bool {
    INTERRUPT.swap(false, Ordering::Relaxed)
}

/// Is a Ctrl-C request pending (without clearing it)?
pub fn interrupt_pending() -> bool {
    INTERRUPT.load(Ordering::Relaxed)
}

/// A byte stream to the user: the UART on boards. The REPL reads and
/// writes through this trait only.
pub trait Console {
    /// Waits for the next received byte.
    fn read_byte(&mut self) -> u8;
    /// The next received byte if one is waiting.
    fn try_read_byte(&mut self) -> Option<u8>;
    /// Writes bytes as they are (blocking until sent).
    fn write(&mut self, data: &[u8]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_c_queues_or_interrupts() {
        set_interrupt_char(false);
        on_rx_byte(b'a');
        on_rx_byte(CTRL_C);
        assert!(!interrupt_pending());
        set_interrupt_char(true);
        on_rx_byte(CTRL_C);
        on_rx_byte(b'b');
        assert!(interrupt_pending());
        assert!(take_interrupt());
        assert!(!take_interrupt());
        assert_eq!(try_read(), Some(b'a'));
        assert_eq!(try_read(), Some(CTRL_C));
        assert_eq!(try_read(), Some(b'b'));
        assert_eq!(try_read(), None);
        set_interrupt_char(false);
    }
}
