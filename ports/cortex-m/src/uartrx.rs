//! Receive buffers of the extra UARTs (`machine.UART`): the board's UART
//! receive interrupt moves each byte into the ring of its UART
//! ([`on_rx`]), so bytes arriving while Python runs are kept until
//! `read`/`readline`/`readinto`/`any` take them. One ring per UART of the
//! board's `uart_ids` (by position); `UART(..., rxbuf=n)` sets how many
//! bytes it holds; bytes beyond are dropped, as on MicroPython's stm32
//! port. Up to [`RX_DEFAULT`] bytes the ring is the board's own (static)
//! storage; a larger one is a buffer in the gc heap, as official
//! MicroPython allocates its read buffer, which the port keeps alive
//! (`pyuart`) while the ring uses it ([`use_heap`]).

use core::cell::UnsafeCell;

/// Default receive buffer (`rxbuf`), in bytes (official stm32: 64), and
/// the largest one kept in the board's static storage.
pub const RX_DEFAULT: usize = 64;
/// Largest receive buffer, in bytes (official stm32's read buffer length
/// is 16 bits).
pub const RX_MAX: usize = 65_535;
/// UARTs a board can have besides its console.
pub const MAX_UARTS: usize = 5;

/// One UART's ring: `len` bytes from `head`, wrapping at `cap`.
struct Rx {
    /// The ring's bytes when `heap` is 0.
    inline: [u8; RX_DEFAULT],
    /// Address of the ring's `cap` bytes in the gc heap (0: `inline`).
    heap: usize,
    /// Capacity in bytes (1..=[`RX_DEFAULT`] for `inline`), 0 for
    /// [`RX_DEFAULT`] (so the statics start as zero bytes, in `.bss`).
    size: usize,
    /// Position of the oldest byte.
    head: usize,
    /// Bytes waiting.
    len: usize,
}

impl Rx {
    const NEW: Rx = Rx { inline: [0; RX_DEFAULT], heap: 0, size: 0, head: 0, len: 0 };

    fn cap(&self) -> usize {
        if self.size == 0 {
            RX_DEFAULT
        } else {
            self.size
        }
    }

    fn push(&mut self, b: u8) {
        let cap = self.cap();
        if self.len >= cap {
            return; // full: dropped
        }
        let i = (self.head + self.len) % cap;
        if self.heap == 0 {
            if let Some(s) = self.inline.get_mut(i) {
                *s = b;
            }
        } else {
            // SAFETY: `heap` is the start of `cap` bytes of a gc-heap
            // buffer that stays alive and is used by nothing else while it
            // is set here (`use_heap`'s contract), and `i < cap`.
            unsafe { (self.heap as *mut u8).add(i).write(b) };
        }
        self.len += 1;
    }

    fn pop(&mut self) -> Option<u8> {
        if self.len == 0 {
            return None;
        }
        let i = self.head;
        let b = if self.heap == 0 {
            self.inline.get(i).copied().unwrap_or(0)
        } else {
            // SAFETY: as in `push` (`head < cap`).
            unsafe { (self.heap as *const u8).add(i).read() }
        };
        self.head = (i + 1) % self.cap();
        self.len -= 1;
        Some(b)
    }

    /// Empties the ring and makes it `size` bytes at `heap` (0: inline;
    /// a size of 0: [`RX_DEFAULT`]).
    fn set(&mut self, heap: usize, size: usize) {
        self.heap = heap;
        self.size = size;
        self.head = 0;
        self.len = 0;
    }
}

/// The rings, used only through [`with_rx`].
struct RxCells([UnsafeCell<Rx>; MAX_UARTS]);

// SAFETY: single core, and every use is inside [`with_rx`]'s critical
// section: no two overlap.
unsafe impl Sync for RxCells {}

static RX: RxCells = RxCells([const { UnsafeCell::new(Rx::NEW) }; MAX_UARTS]);

/// Runs `f` (one ring operation) on ring `s` with interrupts masked (the
/// receive interrupts fill the rings); None for no such ring. No
/// `RefCell`: the critical section already makes each use the only one
/// (its borrow flag cost ~10 bytes of flash per use).
fn with_rx<R>(s: usize, f: impl FnOnce(&mut Rx) -> R) -> Option<R> {
    let cell = RX.0.get(s)?;
    Some(critical_section::with(|_| {
        // SAFETY: interrupts are masked on the single core, and `f` (a
        // ring method) does not call `with_rx`: the only reference to
        // the ring while it runs.
        f(unsafe { &mut *cell.get() })
    }))
}

/// The ring index of UART `id` (its position among the board's UARTs).
pub fn slot(id: u8) -> Option<usize> {
    crate::hw::ops().uart_ids.iter().position(|&u| u == id).filter(|&s| s < MAX_UARTS)
}

/// From the board's receive interrupt: byte `b` arrived on UART `id`.
pub fn on_rx(id: u8, b: u8) {
    if let Some(s) = slot(id) {
        with_rx(s, |r| r.push(b));
    }
}

/// Empties UART `id`'s buffer and makes it `size` bytes of the board's
/// own storage (clamped to 1..=[`RX_DEFAULT`]); a gc-heap buffer it used
/// is no longer touched.
pub fn reset(id: u8, size: usize) {
    if let Some(s) = slot(id) {
        with_rx(s, |r| r.set(0, size.clamp(1, RX_DEFAULT)));
    }
}

/// Empties UART `id`'s buffer and makes it the `size` bytes at `addr`.
///
/// # Safety
/// `addr..addr + size` is a gc-heap buffer that stays alive (rooted, so
/// not collected) and that nothing else reads or writes until a later
/// [`reset`], [`use_heap`] or [`release_all`] for this UART.
pub unsafe fn use_heap(id: u8, addr: usize, size: usize) {
    if let (Some(s), true) = (slot(id), size > 0) {
        with_rx(s, |r| r.set(addr, size));
    }
}

/// Every ring back to the board's storage, at the default size: before a
/// new interpreter's heap is laid over the old one's buffers.
pub fn release_all() {
    for s in 0..MAX_UARTS {
        with_rx(s, |r| r.set(0, 0));
    }
}

/// The oldest received byte of UART `id`, if any.
pub fn pop(id: u8) -> Option<u8> {
    with_rx(slot(id)?, |r| r.pop()).flatten()
}

/// Bytes waiting on UART `id`.
pub fn waiting(id: u8) -> usize {
    slot(id).and_then(|s| with_rx(s, |r| r.len)).unwrap_or(0)
}
