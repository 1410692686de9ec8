//! USART1, the REPL console: 115200 8N1, receive interrupt into the
//! console ring buffer, polled transmit. Register facts: RM0090 (see
//! shared/spec/boards.md); QEMU ignores the clock and baud settings.

use cortex_m::peripheral::NVIC;
use mpy_cortex_m::reg::Reg;

/// USART1's interrupt number (position in the vector table).
pub const USART1_IRQ: i16 = 37;

const USART1: usize = 0x4001_1000;
// SAFETY: USART1's status, data and control registers (RM0090), 32-bit
// aligned and always accessible once its clock is on.
const SR: Reg = unsafe { Reg::at(USART1) };
// SAFETY: as above.
const DR: Reg = unsafe { Reg::at(USART1 + 0x04) };
// SAFETY: as above.
const BRR: Reg = unsafe { Reg::at(USART1 + 0x08) };
// SAFETY: as above.
const CR1: Reg = unsafe { Reg::at(USART1 + 0x0C) };
// SAFETY: RCC APB2 peripheral clock enable register (RCC at 0x40023800).
const RCC_APB2ENR: Reg = unsafe { Reg::at(0x4002_3800 + 0x44) };

const SR_RXNE: u32 = 1 << 5;
const SR_TXE: u32 = 1 << 7;
const CR1_RE: u32 = 1 << 2;
const CR1_TE: u32 = 1 << 3;
const CR1_RXNEIE: u32 = 1 << 5;
const CR1_UE: u32 = 1 << 13;

/// An interrupt number for the NVIC.
#[derive(Clone, Copy)]
struct Irq(u16);

// SAFETY: returns a valid STM32F405 interrupt number.
unsafe impl cortex_m::interrupt::InterruptNumber for Irq {
    fn number(self) -> u16 {
        self.0
    }
}

/// Turns USART1 on with the receive interrupt enabled.
pub fn init() {
    RCC_APB2ENR.set_bits(1 << 4);
    // 115200 baud from the 84 MHz APB2 clock: 84e6 / (16 * 115200) = 45.5625.
    BRR.write((45 << 4) | 9);
    CR1.write(CR1_UE | CR1_TE | CR1_RE | CR1_RXNEIE);
    // SAFETY: the handler (`on_irq`, via DefaultHandler) is ready; it
    // touches only USART1 and the console ring buffer.
    unsafe { NVIC::unmask(Irq(USART1_IRQ as u16)) };
}

/// Sends `data`, waiting for the transmit register to empty before each
/// byte.
pub fn write(data: &[u8]) {
    for &b in data {
        while SR.read() & SR_TXE == 0 {}
        DR.write(b as u32);
    }
}

/// USART1 interrupt: move every received byte to the console.
pub fn on_irq() {
    // Reading SR then DR also clears an overrun.
    while SR.read() & SR_RXNE != 0 {
        mpy_cortex_m::console::on_rx_byte(DR.read() as u8);
    }
}
