//! USART2, USART3, UART4, UART5 and USART6 for `machine.UART`/`pyb.UART`:
//! 8N1, polled transmit, receive interrupt into `mpy_cortex_m::uartrx`.
//! Register facts: RM0090; QEMU models them (serial 1 is USART2; its
//! interrupt lines as on silicon) and ignores the baud rate.

use mpy_cortex_m::reg::Reg;

/// The UART numbers offered (USART1 is the console).
pub const IDS: [u8; 5] = [2, 3, 4, 5, 6];

/// Base address, RCC enable (register offset, bit) and interrupt number
/// of each UART of [`IDS`] (a table: smaller than a `match`).
const INFO: [(usize, usize, u32, u16); 5] = [
    (0x4000_4400, 0x40, 17, 38),
    (0x4000_4800, 0x40, 18, 39),
    (0x4000_4C00, 0x40, 19, 52),
    (0x4000_5000, 0x40, 20, 53),
    (0x4001_1400, 0x44, 5, 71),
];

// Every interrupt here has an entry in the vector table (main.rs).
const _: () = {
    let mut i = 0;
    while i < INFO.len() {
        assert!((INFO[i].3 as usize) < crate::vectors::IRQS);
        i += 1;
    }
};

/// [`INFO`] of UART `id`.
fn info(id: u8) -> Option<(usize, usize, u32, u16)> {
    INFO.get(usize::from(id).wrapping_sub(2)).copied()
}

fn reg(base: usize, off: usize) -> Reg {
    // SAFETY: `base` is one of the USART/UART blocks of `info` (RM0090):
    // SR, DR, BRR, CR1 at these 32-bit aligned offsets.
    unsafe { Reg::at(base + off) }
}

const SR_RXNE: u32 = 1 << 5;
const SR_TXE: u32 = 1 << 7;

/// Turns UART `id` on at `baud` (from the 42/84 MHz APB clock), with
/// its receive interrupt.
pub fn init(id: u8, baud: u32) {
    let Some((base, en, bit, irq)) = info(id) else { return };
    // SAFETY: RCC APB1ENR / APB2ENR (RCC at 0x40023800).
    unsafe { Reg::at(0x4002_3800 + en) }.set_bits(1 << bit);
    let pclk = if id == 6 { 84_000_000 } else { 42_000_000 };
    reg(base, 0x08).write(pclk / baud.max(1));
    // UE | RXNEIE | TE | RE.
    reg(base, 0x0C).write((1 << 13) | (1 << 5) | (1 << 3) | (1 << 2));
    mpy_cortex_m::cpu::nvic_enable(irq, true);
}

/// Sends `data`, waiting for room before each byte.
pub fn write(id: u8, data: &[u8]) {
    let Some((base, _, _, _)) = info(id) else { return };
    for &b in data {
        while reg(base, 0x00).read() & SR_TXE == 0 {}
        reg(base, 0x04).write(u32::from(b));
    }
}

/// Turns UART `id` off.
pub fn deinit(id: u8) {
    if let Some((base, _, _, irq)) = info(id) {
        mpy_cortex_m::cpu::nvic_enable(irq, false);
        reg(base, 0x0C).write(0);
    }
}

/// The receive interrupt of whichever UART has interrupt number `irqn`:
/// moves its received bytes to their ring (reading SR then DR also
/// clears an overrun). False if `irqn` is none of these UARTs'.
pub fn on_irq(irqn: i16) -> bool {
    let Some(i) = INFO.iter().position(|i| i16::try_from(i.3) == Ok(irqn)) else {
        return false;
    };
    let (Some(&id), Some(&(base, ..))) = (IDS.get(i), INFO.get(i)) else { return false };
    while reg(base, 0x00).read() & SR_RXNE != 0 {
        mpy_cortex_m::uartrx::on_rx(id, reg(base, 0x04).read() as u8);
    }
    true
}
