//! micropython-rs firmware for the MPS2 AN386 (Cortex-M4F) as the `mps2-an386` QEMU
//! machine: REPL on UART0 (CMSDK). Build and run with `sh tools/firmware.sh run
//! mps2-an386`. On the host this crate builds to a stub that says so.
#![cfg_attr(target_os = "none", no_std)]
#![cfg_attr(target_os = "none", no_main)]

#[cfg(target_os = "none")]
mod board;
#[cfg(all(target_os = "none", feature = "machine"))]
mod periph;
#[cfg(target_os = "none")]
mod uart;

#[cfg(target_os = "none")]
mod vectors {
    use cortex_m_rt::{entry, exception};

    #[entry]
    fn main() -> ! {
        mpy_cortex_m::run::start::<crate::board::Mps2>()
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
    /// feature): the 48 interrupts of QEMU's mps2-an386 NVIC (the UARTs'
    /// are 0-9), all to `DefaultHandler`. (Without the feature cortex-m-rt
    /// links 240 entries, 960 bytes of flash.)
    #[link_section = ".vector_table.interrupts"]
    #[no_mangle]
    static __INTERRUPTS: [unsafe extern "C" fn(); 48] = [DefaultHandler; 48];

    /// Every device interrupt lands here (no PAC): dispatch by number.
    // SAFETY: cortex-m-rt declares DefaultHandler `unsafe fn`; the body
    // only calls safe functions.
    #[exception]
    unsafe fn DefaultHandler(irqn: i16) {
        if irqn == crate::uart::UART0_RX_IRQ {
            crate::uart::on_irq();
            return;
        }
        #[cfg(feature = "machine")]
        crate::periph::uart_on_irq(irqn);
    }
}

#[cfg(not(target_os = "none"))]
fn main() {
    eprintln!("this is firmware: build it with `sh tools/firmware.sh build mps2-an386`");
    std::process::exit(1);
}
