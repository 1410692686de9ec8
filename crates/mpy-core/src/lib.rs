//! The MicroPython runtime (no_std + alloc).
#![no_std]
extern crate alloc;
