//! Memory-mapped registers: the one place peripheral accesses happen.

/// A 32-bit memory-mapped peripheral register.
#[derive(Clone, Copy)]
pub struct Reg(usize);

impl Reg {
    /// The register at `addr`.
    ///
    /// # Safety
    /// `addr` must be the 4-byte-aligned address of a 32-bit peripheral
    /// register of this board that may be read and written at any time
    /// (reads and writes may have the effects the hardware gives them).
    pub const unsafe fn at(addr: usize) -> Reg {
        Reg(addr)
    }

    /// Reads the register.
    #[inline]
    pub fn read(self) -> u32 {
        // SAFETY: `Reg::at`'s contract: an aligned, always-accessible
        // device register.
        unsafe { core::ptr::read_volatile(self.0 as *const u32) }
    }

    /// Writes the register.
    #[inline]
    pub fn write(self, value: u32) {
        // SAFETY: as in `read`.
        unsafe { core::ptr::write_volatile(self.0 as *mut u32, value) }
    }

    /// Sets the bits of `mask` (read-modify-write).
    #[inline]
    pub fn set_bits(self, mask: u32) {
        self.write(self.read() | mask);
    }
}
