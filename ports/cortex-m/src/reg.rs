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

/// A memory region `machine.mem8/16/32` may touch: `start..end`, and
/// whether writes are allowed (device and system registers only: a write
/// to RAM or flash behind the interpreter's back is refused).
#[derive(Clone, Copy)]
pub struct MemRegion {
    /// First address.
    pub start: usize,
    /// One past the last address.
    pub end: usize,
    /// Writes allowed.
    pub writable: bool,
}

/// Finds the region holding `width` bytes at `addr` (aligned to `width`).
fn region(regions: &[MemRegion], addr: usize, width: usize, write: bool) -> bool {
    addr % width == 0
        && regions
            .iter()
            .any(|r| addr >= r.start && addr.checked_add(width).is_some_and(|e| e <= r.end) && (r.writable || !write))
}

/// Reads `width` (1, 2 or 4) bytes at `addr` if the board lists it in
/// `regions` (None otherwise).
pub fn peek(regions: &[MemRegion], addr: usize, width: usize) -> Option<u32> {
    if !region(regions, addr, width, false) {
        return None;
    }
    // SAFETY: `addr` is aligned and inside a region the board declares
    // mapped (flash, RAM, device or system registers), so the volatile
    // read of that width is a valid access (device reads may have the
    // effects the hardware gives them, as the caller asked).
    unsafe {
        Some(match width {
            1 => u32::from(core::ptr::read_volatile(addr as *const u8)),
            2 => u32::from(core::ptr::read_volatile(addr as *const u16)),
            _ => core::ptr::read_volatile(addr as *const u32),
        })
    }
}

/// Writes `width` (1, 2 or 4) bytes at `addr` if the board lists it in a
/// writable region of `regions` (device or system registers); false
/// otherwise.
pub fn poke(regions: &[MemRegion], addr: usize, width: usize, value: u32) -> bool {
    if !region(regions, addr, width, true) {
        return false;
    }
    // SAFETY: `addr` is aligned and inside a writable region the board
    // declares: device or system registers, never memory Rust uses.
    unsafe {
        match width {
            1 => core::ptr::write_volatile(addr as *mut u8, value as u8),
            2 => core::ptr::write_volatile(addr as *mut u16, value as u16),
            _ => core::ptr::write_volatile(addr as *mut u32, value),
        }
    }
    true
}
