//! The console's receive side: bytes queue in a ring buffer filled by the
//! UART's receive interrupt; the interrupt character (Ctrl-C while Python
//! code runs) sets the flag the VM polls (`Hal::take_interrupt`) instead
//! of being queued, as MicroPython's `mp_interrupt_char` does.

use crate::ring::Ring;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// Receive buffer size in bytes: a raw-paste window (128) with room to
/// spare.
pub const RX_SIZE: usize = 512;

/// The receive ring, used only through [`with_rx`].
struct RxCell(UnsafeCell<Ring<RX_SIZE>>);

// SAFETY: single core, and every use is inside [`with_rx`]'s critical
// section: no two overlap.
unsafe impl Sync for RxCell {}

static RX: RxCell = RxCell(UnsafeCell::new(Ring::new()));

/// Runs `f` (one ring operation) on the ring with interrupts masked (the
/// receive interrupt fills it). No `RefCell`: the critical section
/// already makes each use the only one (its borrow flag cost ~10 bytes of
/// flash per use).
fn with_rx<R>(f: impl FnOnce(&mut Ring<RX_SIZE>) -> R) -> R {
    critical_section::with(|_| {
        // SAFETY: interrupts are masked on the single core, and `f` (a
        // ring method) does not call `with_rx`: the only reference to
        // the ring while it runs.
        f(unsafe { &mut *RX.0.get() })
    })
}
static INTERRUPT: AtomicBool = AtomicBool::new(false);
/// The interrupt character, or -1 for none.
static INTERRUPT_CHAR: AtomicI32 = AtomicI32::new(-1);

/// Called by the board's UART receive interrupt for each received byte.
pub fn on_rx_byte(b: u8) {
    if i32::from(b) == INTERRUPT_CHAR.load(Ordering::Relaxed) {
        INTERRUPT.store(true, Ordering::Relaxed);
        return;
    }
    with_rx(|r| r.push(b));
}

/// The oldest received byte, if any (never waits).
pub fn try_read() -> Option<u8> {
    with_rx(|r| r.pop())
}

/// Is a received byte waiting?
pub fn has_input() -> bool {
    with_rx(|r| !r.is_empty())
}

/// Drops all received bytes not read yet.
pub fn clear_input() {
    with_rx(|r| r.clear());
}

/// Sets the byte that requests a `KeyboardInterrupt` instead of being
/// queued (`-1`: none). A request still pending is dropped.
#[inline(never)]
pub fn set_interrupt_char(c: i32) {
    INTERRUPT_CHAR.store(c, Ordering::Relaxed);
    INTERRUPT.store(false, Ordering::Relaxed);
}

/// Was the interrupt character received since the last call? Clears the
/// request.
pub fn take_interrupt() -> bool {
    INTERRUPT.swap(false, Ordering::Relaxed)
}

/// Is an interrupt request pending (without clearing it)?
pub fn interrupt_pending() -> bool {
    INTERRUPT.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interrupt_char_queues_or_interrupts() {
        set_interrupt_char(-1);
        on_rx_byte(b'a');
        on_rx_byte(0x03);
        assert!(!interrupt_pending());
        set_interrupt_char(3);
        on_rx_byte(0x03);
        on_rx_byte(b'b');
        assert!(interrupt_pending());
        assert!(take_interrupt());
        assert!(!take_interrupt());
        on_rx_byte(0x03);
        set_interrupt_char(-1);
        assert!(!interrupt_pending(), "changing the character drops a pending request");
        assert!(has_input());
        assert_eq!(try_read(), Some(b'a'));
        assert_eq!(try_read(), Some(0x03));
        assert_eq!(try_read(), Some(b'b'));
        assert_eq!(try_read(), None);
        on_rx_byte(b'c');
        clear_input();
        assert!(!has_input());
    }
}
