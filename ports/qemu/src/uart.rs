//! UART0 (an ARM CMSDK APB UART), the REPL console: receive interrupt into
//! the console ring buffer, polled transmit. Addresses and interrupt
//! numbers as QEMU's mps2 machine wires them (shared/spec/boards.md).

use cortex_m::peripheral::NVIC;
use mpy_cortex_m::reg::Reg;

/// UART0's receive interrupt number.
pub const UART0_RX_IRQ: i16 = 0;

const UART0: usize = 0x4000_4000;
// SAFETY: UART0's data, state, control, interrupt and baud registers,
// 32-bit aligned and always accessible.
const DATA: Reg = unsafe { Reg::at(UART0) };
// SAFETY: as above.
const STATE: Reg = unsafe { Reg::at(UART0 + 0x04) };
// SAFETY: as above.
const CTRL: Reg = unsafe { Reg::at(UART0 + 0x08) };
// SAFETY: as above.
const INTCLEAR: Reg = unsafe { Reg::at(UART0 + 0x0C) };
// SAFETY: as above.
const BAUDDIV: Reg = unsafe { Reg::at(UART0 + 0x10) };

const STATE_TX_FULL: u32 = 1 << 0;
const STATE_RX_FULL: u32 = 1 << 1;
const CTRL_TX_EN: u32 = 1 << 0;
const CTRL_RX_EN: u32 = 1 << 1;
const CTRL_RX_IRQ_EN: u32 = 1 << 3;
const INT_RX: u32 = 1 << 1;

/// An interrupt number for the NVIC.
#[derive(Clone, Copy)]
struct Irq(u16);

// SAFETY: returns a valid mps2-an386 interrupt number.
unsafe impl cortex_m::interrupt::InterruptNumber for Irq {
    fn number(self) -> u16 {
        self.0
    }
}

/// Turns UART0 on with the receive interrupt enabled.
pub fn init() {
    // 115200 baud from the 25 MHz clock.
    BAUDDIV.write(25_000_000 / 115_200);
    CTRL.write(CTRL_TX_EN | CTRL_RX_EN | CTRL_RX_IRQ_EN);
    // SAFETY: the handler (`on_irq`, via DefaultHandler) is ready; it
    // touches only UART0 and the console ring buffer.
    unsafe { NVIC::unmask(Irq(UART0_RX_IRQ as u16)) };
}

/// Sends `data`, waiting while the transmit buffer is full.
pub fn write(data: &[u8]) {
    for &b in data {
        while STATE.read() & STATE_TX_FULL != 0 {}
        DATA.write(b as u32);
    }
}

/// UART0 receive interrupt: move every received byte to the console.
/// The interrupt is cleared before draining: a byte arriving after the
/// last check then raises it again instead of waiting unnoticed.
pub fn on_irq() {
    INTCLEAR.write(INT_RX);
    while STATE.read() & STATE_RX_FULL != 0 {
        mpy_cortex_m::console::on_rx_byte(DATA.read() as u8);
    }
}
