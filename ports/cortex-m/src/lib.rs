//! Shared support for micropython-rs's Cortex-M board ports (`ports/stm32`,
//! `ports/qemu`): the console (UART receive ring buffer, Ctrl-C), the SysTick
//! time base, the gc heap's static region and the bounded arena behind the
//! global allocator (compiler exhaustion is `MemoryError`: [`catch`]), the
//! HardFault and panic handlers (print, then soft reset), the core's
//! [`mpy_core::hal::Hal`] on top of them, the VM behind the shared REPL
//! (`mpy-repl`: friendly, paste, raw and raw-paste modes; the VM-only
//! image has no history, Tab completion, continuation lines, paste or
//! raw-paste: `mpy-repl`'s `interactive` feature comes with `compiler`),
//! and boot.
//!
//! A board crate provides a [`board::Board`] (names, clock, UART
//! registers), its `memory.x`, and the vector-table glue; see
//! `ports/stm32/src/main.rs`. The board-independent logic ([`ring`],
//! [`console`]) also builds on the host, where it is unit-tested.
#![no_std]
#![warn(missing_docs)]
extern crate alloc;

/// The core, for the board crates (module definitions).
pub use mpy_core;

pub mod board;
pub mod console;
pub mod fspath;
pub mod ring;

#[cfg(target_os = "none")]
pub mod catch;
#[cfg(target_os = "none")]
pub mod cpu;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod adc;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod extint;
#[cfg(target_os = "none")]
pub mod fault;
#[cfg(target_os = "none")]
pub mod frozen;
#[cfg(all(target_os = "none", feature = "fs"))]
pub mod fs;
#[cfg(target_os = "none")]
pub mod hal;
#[cfg(target_os = "none")]
pub mod heap;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod hw;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod kw;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod machine;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod led;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod pin;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod pyb;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod signal;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod pyuart;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod timer;
#[cfg(all(target_os = "none", feature = "machine"))]
pub mod uartrx;
#[cfg(target_os = "none")]
pub mod reg;
#[cfg(target_os = "none")]
pub mod interp;
#[cfg(target_os = "none")]
mod mem;
#[cfg(target_os = "none")]
pub mod run;
#[cfg(target_os = "none")]
pub mod systick;
