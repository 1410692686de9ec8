//! Operand decoding for the dispatch loop: vuints and jump offsets read
//! straight from verified bytecode (no bounds checks; see the contracts).

/// Reads the vuint operand at `*pc`, advancing `pc` past it.
///
/// # Safety
/// `*pc` must point to a vuint operand that the verifier decoded inside
/// the code (it decodes with the same arithmetic, [`crate::vm::verify::vuint`]).
#[inline(always)]
pub(super) unsafe fn read_uint(pc: &mut *const u8) -> usize {
    // Boards: one out-of-line copy (returning the value and the next
    // byte) instead of one per operand site.
    #[cfg(target_os = "none")]
    {
        // SAFETY: per the contract.
        let (v, next) = unsafe { read_uint_at(*pc) };
        *pc = next;
        v
    }
    #[cfg(not(target_os = "none"))]
    // SAFETY: per the contract.
    unsafe {
        read_uint_inline(pc)
    }
}

/// [`read_uint`] out of line: the value and the byte after the operand.
///
/// # Safety
/// As [`read_uint`].
#[cfg(target_os = "none")]
#[inline(never)]
unsafe fn read_uint_at(mut pc: *const u8) -> (usize, *const u8) {
    // SAFETY: per the contract.
    let v = unsafe { read_uint_inline(&mut pc) };
    (v, pc)
}

/// [`read_uint`]'s decoding.
///
/// # Safety
/// As [`read_uint`].
#[inline(always)]
unsafe fn read_uint_inline(pc: &mut *const u8) -> usize {
    // SAFETY: per the contract, every byte up to the last one (bit 7
    // clear) is inside the code.
    unsafe {
        let b = **pc;
        *pc = pc.add(1);
        if b < 0x80 {
            return b as usize;
        }
        let mut v = (b & 0x7f) as usize;
        loop {
            let b = **pc;
            *pc = pc.add(1);
            v = (v << 7) | (b & 0x7f) as usize;
            if b & 0x80 == 0 {
                return v;
            }
        }
    }
}

/// Reads the jump operand at `*pc` (advancing `pc`) and returns the
/// destination.
///
/// # Safety
/// `*pc` must point to a jump operand that the verifier decoded inside the
/// code ([`crate::vm::verify::jump`]); it checked that the destination is an
/// instruction of the same code.
#[inline(always)]
pub(super) unsafe fn read_jump(pc: &mut *const u8, signed: bool) -> *const u8 {
    // Boards: one out-of-line copy (returning the destination and the
    // next instruction) instead of one per jump opcode.
    #[cfg(target_os = "none")]
    {
        // SAFETY: per the contract.
        let (dest, next) = unsafe { read_jump_at(*pc, signed) };
        *pc = next;
        dest
    }
    #[cfg(not(target_os = "none"))]
    // SAFETY: per the contract.
    unsafe {
        read_jump_inline(pc, signed)
    }
}

/// [`read_jump`] out of line: the destination and the byte after the
/// operand.
///
/// # Safety
/// As [`read_jump`].
#[cfg(target_os = "none")]
#[inline(never)]
unsafe fn read_jump_at(mut pc: *const u8, signed: bool) -> (*const u8, *const u8) {
    // SAFETY: per the contract.
    let dest = unsafe { read_jump_inline(&mut pc, signed) };
    (dest, pc)
}

/// [`read_jump`]'s decoding.
///
/// # Safety
/// As [`read_jump`].
#[inline(always)]
unsafe fn read_jump_inline(pc: &mut *const u8, signed: bool) -> *const u8 {
    // SAFETY: per the contract: the operand's bytes are inside the code and
    // the destination is inside the code too.
    unsafe {
        let b0 = **pc;
        let off = if b0 < 0x80 {
            *pc = pc.add(1);
            b0 as isize - if signed { 0x40 } else { 0 }
        } else {
            let b1 = *pc.add(1);
            *pc = pc.add(2);
            ((b0 & 0x7f) as isize | ((b1 as isize) << 7)) - if signed { 0x4000 } else { 0 }
        };
        pc.offset(off)
    }
}
