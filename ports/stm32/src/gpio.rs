//! GPIO ports A-I, EXTI lines 0-15 and ADC1 for `machine.Pin`/`Signal`,
//! `Pin.irq`, `pyb.LED` and `machine.ADC`. Register facts: RM0090.
//! QEMU 7.2 models no GPIO (writes vanish, reads give 0: see
//! `mpy_cortex_m::pin`) and no RCC; it models SYSCFG, EXTI and the ADCs.
//! Every wait is bounded.

use mpy_cortex_m::reg::Reg;

/// Board pin names (the Netduino Plus 2's headers, as official's board
/// definition names them; board names win over CPU names, so `'A0'` is
/// the analog header pin C0, `'PA0'` the CPU's A0).
pub const NAMES: [(&str, u8); 22] = [
    ("D0", pin(b'C', 7)),
    ("D1", pin(b'C', 6)),
    ("D2", pin(b'A', 3)),
    ("D3", pin(b'A', 2)),
    ("D4", pin(b'B', 12)),
    ("D5", pin(b'B', 8)),
    ("D6", pin(b'B', 9)),
    ("D7", pin(b'A', 1)),
    ("D8", pin(b'A', 0)),
    ("D9", pin(b'A', 6)),
    ("D10", pin(b'B', 10)),
    ("D11", pin(b'B', 15)),
    ("D12", pin(b'B', 14)),
    ("D13", pin(b'B', 13)),
    ("A0", pin(b'C', 0)),
    ("A1", pin(b'C', 1)),
    ("A2", pin(b'C', 2)),
    ("A3", pin(b'C', 3)),
    ("A4", pin(b'C', 4)),
    ("A5", pin(b'C', 5)),
    ("LED", pin(b'A', 10)),
    ("SW", pin(b'B', 11)),
];

/// `pyb.LED(1..4)`: the blue user LED (A10) and the white power LED
/// (C13), each twice, as official's board definition.
pub const LEDS: [u8; 4] = [pin(b'A', 10), pin(b'C', 13), pin(b'A', 10), pin(b'C', 13)];

/// GPIO ports (A-I).
pub const PORTS: u8 = 9;

const fn pin(port: u8, n: u8) -> u8 {
    (port - b'A') * 16 + n
}

/// Register `off` of pin `p`'s GPIO port.
fn gpio(p: u8, off: usize) -> Reg {
    // SAFETY: GPIOA..GPIOI (0x40020000 + 0x400 * port, port < 9 as
    // `pin_count` bounds it): MODER, OTYPER, PUPDR, IDR, BSRR, AFR at
    // these 32-bit aligned offsets (RM0090 §8.4).
    unsafe { Reg::at(0x4002_0000 + 0x400 * usize::from(p / 16 % PORTS) + off) }
}

// SAFETY: RCC AHB1ENR and APB2ENR (clock enables).
const RCC_AHB1ENR: Reg = unsafe { Reg::at(0x4002_3830) };
// SAFETY: as above.
const RCC_APB2ENR: Reg = unsafe { Reg::at(0x4002_3844) };

/// Replaces the `width`-bit field `i` of register `r` with `v`.
fn field(r: Reg, i: u8, width: u8, v: u32) {
    let shift = u32::from(i) * u32::from(width);
    let mask = ((1 << width) - 1) << shift;
    r.write(r.read() & !mask | (v << shift) & mask);
}

/// Sets pin `p`'s mode (official stm32's values: low 2 bits MODER, 0x10
/// open-drain), pull (PUPDR) and alternate function (AFR).
pub fn mode(p: u8, mode: u8, pull: u8, alt: u8) {
    RCC_AHB1ENR.set_bits(1 << (p / 16));
    let n = p % 16;
    field(gpio(p, 0x04), n, 1, u32::from(mode >> 4 & 1));
    field(gpio(p, 0x0C), n, 2, u32::from(pull));
    field(gpio(p, 0x20 + usize::from(n / 8) * 4), n % 8, 4, u32::from(alt));
    field(gpio(p, 0x00), n, 2, u32::from(mode & 3));
}

/// Drives pin `p` (BSRR: set or reset, no read-modify-write).
pub fn write(p: u8, level: bool) {
    let n = p % 16 + if level { 0 } else { 16 };
    gpio(p, 0x18).write(1 << n);
}

/// Pin `p`'s input level (IDR).
pub fn read(p: u8) -> bool {
    gpio(p, 0x10).read() & (1 << (p % 16)) != 0
}

// SAFETY: EXTI (0x40013C00, RM0090 §12.3): IMR, RTSR, FTSR, PR.
const EXTI_IMR: Reg = unsafe { Reg::at(0x4001_3C00) };
// SAFETY: as above.
const EXTI_RTSR: Reg = unsafe { Reg::at(0x4001_3C08) };
// SAFETY: as above.
const EXTI_FTSR: Reg = unsafe { Reg::at(0x4001_3C0C) };
// SAFETY: as above.
const EXTI_PR: Reg = unsafe { Reg::at(0x4001_3C14) };

/// The NVIC interrupt of EXTI line `line` (0-4 their own, 5-9 and
/// 10-15 shared).
fn exti_irq(line: u8) -> u16 {
    match line {
        0..=4 => 6 + u16::from(line),
        5..=9 => 23,
        _ => 40,
    }
}

/// Routes pin `p` to its EXTI line (SYSCFG EXTICR) and enables the edges
/// (bit 0 rising, bit 1 falling); 0 masks the line.
pub fn irq(p: u8, edges: u8) -> bool {
    let line = p % 16;
    let bit = 1u32 << line;
    EXTI_IMR.write(EXTI_IMR.read() & !bit);
    if edges != 0 {
        RCC_APB2ENR.set_bits(1 << 14);
        // SAFETY: SYSCFG EXTICR1..4 (0x40013808 + 4 * (line / 4)).
        field(unsafe { Reg::at(0x4001_3808 + 4 * usize::from(line / 4)) }, line % 4, 4, u32::from(p / 16));
        field(EXTI_RTSR, line, 1, u32::from(edges & 1));
        field(EXTI_FTSR, line, 1, u32::from(edges >> 1 & 1));
        EXTI_PR.write(bit);
        EXTI_IMR.write(EXTI_IMR.read() | bit);
        mpy_cortex_m::cpu::nvic_enable(exti_irq(line), true);
    }
    true
}

/// EXTI interrupts (`irqn` 6-10, 23, 40): acknowledges and records each
/// pending line. False for other interrupts.
pub fn on_irq(irqn: i16) -> bool {
    if !matches!(irqn, 6..=10 | 23 | 40) {
        return false;
    }
    let pending = EXTI_PR.read() & EXTI_IMR.read() & 0xFFFF;
    EXTI_PR.write(pending);
    for line in 0..16 {
        if pending & (1 << line) != 0 {
            mpy_cortex_m::extint::fired(line);
        }
    }
    true
}

/// ADC1 channel of pin `p`: A0-A7 0-7, B0-B1 8-9, C0-C5 10-15.
pub fn adc_channel(p: u8) -> Option<u8> {
    match p {
        0..=7 => Some(p),
        16..=17 => Some(p - 8),
        32..=37 => Some(p - 22),
        _ => None,
    }
}

/// ADC1 register `off` (0x40012000, RM0090 §13.13).
fn adc(off: usize) -> Reg {
    // SAFETY: ADC1's SR, CR1, CR2, SMPR1/2, SQR1/3, DR at these 32-bit
    // aligned offsets.
    unsafe { Reg::at(0x4001_2000 + off) }
}

/// One software-started 12-bit conversion of ADC1 channel `ch` (0-18).
pub fn adc_read(ch: u8) -> Option<u16> {
    RCC_APB2ENR.set_bits(1 << 8);
    // ADC common CCR: ADCCLK = PCLK2 / 4 (21 MHz); the temperature/VREF
    // (16, 17) and VBAT (18) channels on when asked for.
    // SAFETY: ADC_CCR at 0x40012304.
    unsafe { Reg::at(0x4001_2304) }.write(1 << 16 | u32::from(ch >= 16) << 23 | u32::from(ch == 18) << 22);
    adc(0x04).write(0); // CR1: 12 bits
    adc(0x08).write(1); // CR2: ADON, right-aligned
    // Longest sample time (480 cycles) for the channel.
    let (smpr, i) = if ch < 10 { (0x10, ch) } else { (0x0C, ch - 10) };
    field(adc(smpr), i, 3, 7);
    adc(0x2C).write(0); // SQR1: one conversion
    adc(0x34).write(u32::from(ch)); // SQR3: SQ1
    adc(0x00).write(0);
    adc(0x08).write(1 | 1 << 30); // SWSTART
    // End of conversion takes ~23 us on silicon; QEMU 7.2 never sets EOC
    // (its model makes the sample when DR is read after SWSTART), so
    // after a bounded wait DR is read anyway.
    for _ in 0..5_000 {
        if adc(0x00).read() & 2 != 0 {
            break;
        }
    }
    Some((adc(0x4C).read() & 0xFFF) as u16)
}
