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
    /// feature): the STM32F405's 82 interrupts (RM0090: 0-81, the last
    /// the FPU's), all to `DefaultHandler`. (Without the feature
    /// cortex-m-rt links 240 entries, 960 bytes of flash.)
    #[link_section = ".vector_table.interrupts"]
    #[no_mangle]
    static __INTERRUPTS: [unsafe extern "C" fn(); 82] = [DefaultHandler; 82];

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
