//! mps2-an386 peripherals for `machine`: the two CMSDK timers (counting
//! down from a reload value at the 25 MHz system clock; callbacks come
//! from SysTick, see `mpy_cortex_m::hw`) and CMSDK UART1/UART2 (polled
//! transmit, receive interrupt into `mpy_cortex_m::uartrx`).
//! Addresses as QEMU's mps2 machine maps them (shared/spec/boards.md).

use mpy_cortex_m::reg::Reg;

/// Timer numbers, by slot.
pub const TIMER_IDS: [u8; 2] = [0, 1];
/// The UART numbers offered (UART0 is the console).
pub const UART_IDS: [u8; 2] = [1, 2];
const CLOCK: u32 = 25_000_000;

fn timer_reg(slot: usize, off: usize) -> Reg {
    // SAFETY: CMSDK APB timer 0/1 (0x40000000, 0x40001000): CTRL, VALUE,
    // RELOAD, INTSTATUS at these 32-bit aligned offsets.
    unsafe { Reg::at(0x4000_0000 + 0x1000 * (slot & 1) + off) }
}

/// Starts timer `slot` counting down at the system clock, reloading at
/// `hz`.
pub fn timer_start(slot: usize, hz: u32) -> bool {
    if slot >= 2 || hz == 0 {
        return false;
    }
    timer_reg(slot, 0x08).write(CLOCK / hz - 1);
    timer_reg(slot, 0x04).write(CLOCK / hz - 1);
    timer_reg(slot, 0x00).write(1);
    true
}

/// Stops timer `slot`.
pub fn timer_stop(slot: usize) {
    if slot < 2 {
        timer_reg(slot, 0x00).write(0);
    }
}

/// The (down-)counter of timer `slot`.
pub fn timer_counter(slot: usize) -> u32 {
    if slot >= 2 {
        return 0;
    }
    timer_reg(slot, 0x04).read()
}

fn uart_reg(id: u8, off: usize) -> Option<Reg> {
    let base = match id {
        1 => 0x4000_5000,
        2 => 0x4000_6000,
        _ => return None,
    };
    // SAFETY: CMSDK APB UART1/UART2: DATA, STATE, CTRL, INTSTATUS,
    // BAUDDIV at these 32-bit aligned offsets.
    Some(unsafe { Reg::at(base + off) })
}

/// UART `id`'s receive interrupt number (QEMU's mps2: UART1 2, UART2 4).
fn uart_irq(id: u8) -> u16 {
    u16::from(id) * 2
}

/// Turns UART `id` on (transmit and receive, receive interrupt).
pub fn uart_init(id: u8, baud: u32) {
    if let (Some(div), Some(ctrl)) = (uart_reg(id, 0x10), uart_reg(id, 0x08)) {
        div.write((CLOCK / baud.max(1)).max(16));
        ctrl.write(0b1011);
        mpy_cortex_m::cpu::nvic_enable(uart_irq(id), true);
    }
}

/// Sends `data`, waiting while the transmit buffer is full.
pub fn uart_write(id: u8, data: &[u8]) {
    let (Some(state), Some(d)) = (uart_reg(id, 0x04), uart_reg(id, 0x00)) else { return };
    for &b in data {
        while state.read() & 1 != 0 {}
        d.write(u32::from(b));
    }
}

/// Turns UART `id` off.
pub fn uart_deinit(id: u8) {
    if let Some(ctrl) = uart_reg(id, 0x08) {
        mpy_cortex_m::cpu::nvic_enable(uart_irq(id), false);
        ctrl.write(0);
    }
}

/// The receive interrupt of whichever UART has interrupt number `irqn`:
/// clears it, then moves the received bytes to their ring. False if
/// `irqn` is none of these UARTs'.
pub fn uart_on_irq(irqn: i16) -> bool {
    let Some(&id) = UART_IDS.iter().find(|&&id| i16::try_from(uart_irq(id)) == Ok(irqn)) else { return false };
    if let (Some(state), Some(d), Some(clear)) = (uart_reg(id, 0x04), uart_reg(id, 0x00), uart_reg(id, 0x0C)) {
        clear.write(2);
        while state.read() & 2 != 0 {
            mpy_cortex_m::uartrx::on_rx(id, d.read() as u8);
        }
    }
    true
}

/// Board pin names: the FPGAIO LEDs (pins 64 and 65).
pub const PIN_NAMES: [(&str, u8); 2] = [("LED0", 64), ("LED1", 65)];
/// GPIO ports (the four CMSDK AHB GPIOs, `A`-`D`: pins 0-63).
pub const PIN_PORTS: u8 = 4;

/// Register `off` of pin `p`'s CMSDK AHB GPIO (0x40010000 + 0x1000 *
/// port); QEMU 7.2 leaves these unmodelled (reads 0, writes ignored).
fn gpio(p: u8, off: usize) -> Reg {
    // SAFETY: CMSDK AHB GPIO 0-3 (p < 64): DATA, DATAOUT, OUTENSET,
    // OUTENCLR, ALTFUNCSET, ALTFUNCCLR at these 32-bit aligned offsets.
    unsafe { Reg::at(0x4001_0000 + 0x1000 * usize::from(p / 16 & 3) + off) }
}

// SAFETY: the FPGA's LED register (FPGAIO LED0 at 0x40028000: bit n is
// LED n; QEMU models it).
const FPGAIO_LED: Reg = unsafe { Reg::at(0x4002_8000) };

/// Sets pin `p`'s direction and alternate function (no pulls on the
/// CMSDK GPIO; the LEDs are always outputs).
pub fn pin_mode(p: u8, mode: u8, _pull: u8, alt: u8) {
    if p >= 64 {
        return;
    }
    let bit = 1 << (p % 16);
    let out = mode & 3 == 1;
    gpio(p, if out { 0x10 } else { 0x14 }).write(bit);
    gpio(p, if mode & 3 == 2 || alt != 0 { 0x18 } else { 0x1C }).write(bit);
}

/// Drives pin `p` (an LED for 64, 65).
pub fn pin_write(p: u8, level: bool) {
    let (r, bit) = if p >= 64 { (FPGAIO_LED, 1 << (p - 64)) } else { (gpio(p, 0x04), 1 << (p % 16)) };
    let v = r.read() & !bit;
    r.write(if level { v | bit } else { v });
}

/// Pin `p`'s input level (an LED's register bit for 64, 65).
pub fn pin_read(p: u8) -> bool {
    if p >= 64 {
        FPGAIO_LED.read() & (1 << (p - 64)) != 0
    } else {
        gpio(p, 0x00).read() & (1 << (p % 16)) != 0
    }
}
