//! Receive buffers of the extra UARTs (`machine.UART`): the board's UART
//! receive interrupt moves each byte into the ring of its UART
//! ([`on_rx`]), so bytes arriving while Python runs are kept until
//! `read`/`readline`/`readinto`/`any` take them. One ring per UART of the
//! board's `uart_ids` (by position); `UART(..., rxbuf=n)` limits how many
//! bytes it holds (at most [`RX_CAP`]); bytes beyond are dropped, as on
//! MicroPython's stm32 port.

use crate::ring::Ring;
use core::cell::RefCell;
use core::sync::atomic::{AtomicU16, Ordering};
use critical_section::Mutex;

/// Largest receive buffer, in bytes (RAM is scarce on netduinoplus2).
pub const RX_CAP: usize = 64;
/// Default receive buffer (`rxbuf`), in bytes (official stm32: 64).
pub const RX_DEFAULT: usize = 64;
/// UARTs a board can have besides its console.
const MAX_UARTS: usize = 5;

static RX: [Mutex<RefCell<Ring<{ RX_CAP + 1 }>>>; MAX_UARTS] =
    [const { Mutex::new(RefCell::new(Ring::new())) }; MAX_UARTS];
static LIMIT: [AtomicU16; MAX_UARTS] = [const { AtomicU16::new(RX_DEFAULT as u16) }; MAX_UARTS];

fn slot(id: u8) -> Option<usize> {
    crate::hw::ops().uart_ids.iter().position(|&u| u == id).filter(|&s| s < MAX_UARTS)
}

/// From the board's receive interrupt: byte `b` arrived on UART `id`.
pub fn on_rx(id: u8, b: u8) {
    if let Some(s) = slot(id) {
        let limit = usize::from(LIMIT[s].load(Ordering::Relaxed));
        critical_section::with(|cs| {
            let mut r = RX[s].borrow_ref_mut(cs);
            if r.len() < limit {
                r.push(b);
            } else {
                r.overruns += 1;
            }
        });
    }
}

/// Empties UART `id`'s buffer and sets its size to `size` bytes
/// (clamped to 1..=[`RX_CAP`]).
pub fn reset(id: u8, size: usize) {
    if let Some(s) = slot(id) {
        LIMIT[s].store(size.clamp(1, RX_CAP) as u16, Ordering::Relaxed);
        critical_section::with(|cs| RX[s].borrow_ref_mut(cs).clear());
    }
}

/// The oldest received byte of UART `id`, if any.
pub fn pop(id: u8) -> Option<u8> {
    let s = slot(id)?;
    critical_section::with(|cs| RX[s].borrow_ref_mut(cs).pop())
}

/// Bytes waiting on UART `id`.
pub fn waiting(id: u8) -> usize {
    slot(id).map_or(0, |s| critical_section::with(|cs| RX[s].borrow_ref(cs).len()))
}
