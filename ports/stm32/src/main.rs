//! micropython-rs firmware for the STM32F405 as the `netduinoplus2` QEMU
//! machine: REPL on USART1. Build and run with `sh tools/firmware.sh run
//! netduinoplus2`. On the host this crate builds to a stub that says so.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]

#[cfg(target_os = "none")]
mod board;
#[cfg(all(target_os = "none", feature = "machine"))]
mod gpio;
#[cfg(all(target_os = "none", feature = "machine"))]
mod tim;
#[cfg(all(target_os = "none", feature = "machine"))]
mod uarts;
#[cfg(target_os = "none")]
mod usart;

#[cfg(target_os = "none")]
mod vectors {
    use cortex_m_rt::{entry, exception};

    #[entry]
    fn main() -> ! {
        mpy_cortex_m::run::start::<crate::board::Netduino>()
    }

    #[exception]
    fn SysTick() {
        mpy_cortex_m::systick::on_tick();
    }

    extern "C" {
        /// cortex-m-rt's name for the `DefaultHandler` below.
        fn DefaultHandler();
    }

    /// The device part of the vector table (cortex-m-rt's `device`
    /// feature), all to `DefaultHandler`: the STM32F405 has 82 interrupts
    /// (RM0090: 0-81, the last the FPU's), but the table only reaches the
    /// highest one this firmware enables in the NVIC: USART6 (71) with
    /// `machine` (UARTs 37-39, 52, 53, 71; pin interrupts 6-10, 23, 40),
    /// else USART1 (37), the console. An interrupt past the table is never
    /// unmasked, so it never fires (-40 B of flash with `machine`).
    /// (Without the feature cortex-m-rt links 240 entries, 960 bytes.)
    #[link_section = ".vector_table.interrupts"]
    #[no_mangle]
    static __INTERRUPTS: [unsafe extern "C" fn(); IRQS] = [DefaultHandler; IRQS];

    /// Entries of [`__INTERRUPTS`]: one past the highest interrupt enabled.
    #[cfg(feature = "machine")]
    pub(crate) const IRQS: usize = 72;
    #[cfg(not(feature = "machine"))]
    pub(crate) const IRQS: usize = crate::usart::USART1_IRQ as usize + 1;

    /// Every device interrupt lands here (no PAC): dispatch by number.
    // SAFETY: cortex-m-rt declares DefaultHandler `unsafe fn`; the body
    // only calls safe functions.
    #[exception]
    unsafe fn DefaultHandler(irqn: i16) {
        if irqn == crate::usart::USART1_IRQ {
            crate::usart::on_irq();
            return;
        }
        #[cfg(feature = "machine")]
        if !crate::gpio::on_irq(irqn) {
            crate::uarts::on_irq(irqn);
        }
    }
}

#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("this is firmware: build it with `sh tools/firmware.sh build netduinoplus2`");
    std::process::exit(1);
}
