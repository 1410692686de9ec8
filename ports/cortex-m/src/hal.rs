//! The core's [`Hal`] on a board: console I/O on the UART, time on
//! SysTick, Ctrl-C from the receive interrupt.

use crate::board::Board;
use crate::console::{self, Console};
use core::marker::PhantomData;
use mpy_core::hal::Hal;

/// The UART console of board `B` (receive through the ring buffer).
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

impl<B: Board> Console for UartConsole<B> {
    fn read_byte(&mut self) -> u8 {
        loop {
            if let Some(b) = console::try_read() {
                return b;
            }
            crate::cpu::idle();
        }
    }

    fn try_read_byte(&mut self) -> Option<u8> {
        console::try_read()
    }

    fn write(&mut self, data: &[u8]) {
        B::console_write(data);
    }
}

/// Writes `data` to the console with each `\n` sent as `\r\n` (what a
/// terminal on a UART needs; MicroPython's "cooked" output).
pub fn write_cooked<B: Board>(data: &[u8]) {
    for (i, part) in data.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            B::console_write(b"\r\n");
        }
        if !part.is_empty() {
            B::console_write(part);
        }
    }
}

/// The HAL the interpreter runs on, for board `B`.
pub struct BoardHal<B: Board> {
    stack_limit: usize,
    _board: PhantomData<B>,
}

impl<B: Board> BoardHal<B> {
    /// A HAL whose recursion guard allows `stack_limit` bytes of stack.
    pub fn new(stack_limit: usize) -> Self {
        BoardHal { stack_limit, _board: PhantomData }
    }
}

impl<B: Board> Hal for BoardHal<B> {
    fn stdout_write(&mut self, data: &[u8]) {
        write_cooked::<B>(data);
    }

    /// Waits for at least one byte (or a Ctrl-C request, which returns 0
    /// so the VM can raise `KeyboardInterrupt`), then takes what is queued.
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

    fn ticks_us(&mut self) -> u64 {
        crate::systick::ticks_us()
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
}
