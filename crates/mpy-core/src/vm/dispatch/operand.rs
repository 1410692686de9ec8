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

/// LOAD_CONST_SMALL_INT's operand of two bytes or more at `*pc` (desktop),
/// advancing `pc` past it: the 7-bit groups, most significant first, the
/// sign in bit 6 of the first. Up to 5 bytes (35 bits: the 32-bit
/// constants of hashes and random number generators) straight-line, each
/// later byte added whole (`(v << 7) + b`: one operation fewer than
/// masking its bit 7 off) and the continuation bits taken off once at
/// the end; longer ones in a loop.
///
/// # Safety
/// `*pc` must point to a LOAD_CONST_SMALL_INT operand whose first byte has
/// bit 7 set and that the verifier decoded inside the code.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) unsafe fn read_small_int_multi(pc: &mut *const u8) -> i64 {
    let p = *pc;
    // SAFETY (all reads): per the contract, the operand's bytes up to the
    // first with bit 7 clear are inside the code; each read below is of a
    // byte after one with bit 7 set.
    unsafe {
        // The first group, sign-extended from its bit 6.
        let mut v = i64::from(((*p << 1) as i8) >> 1);
        // Byte `$k`, added whole; if it is the last, the value less the
        // continuation bits of bytes 1..$k (`$c`).
        macro_rules! step {
            ($k:expr, $c:expr) => {{
                let b = *p.add($k);
                v = (v << 7).wrapping_add(i64::from(b));
                if b < 0x80 {
                    *pc = p.add($k + 1);
                    return v.wrapping_sub($c);
                }
            }};
        }
        step!(1, 0);
        step!(2, 1 << 14);
        step!(3, (1 << 14) + (1 << 21));
        step!(4, (1 << 14) + (1 << 21) + (1 << 28));
        // Longer: decoded again from the start, masking each byte.
        let mut v = i64::from(((*p << 1) as i8) >> 1);
        let mut q = p.add(1);
        loop {
            let b = *q;
            q = q.add(1);
            v = (v << 7) | i64::from(b & 0x7f);
            if b < 0x80 {
                *pc = q;
                return v;
            }
        }
    }
}
