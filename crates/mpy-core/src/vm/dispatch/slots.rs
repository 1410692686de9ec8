//! The value-stack helpers of the dispatch loop: the small-int constant
//! table and clearing dead slots.

use crate::obj::Obj;

/// LOAD_CONST_SMALL_INT_MULTI's values (opcodes 0x70..=0xaf push -16..=47)
/// indexed by the opcode's low 6 bits (desktop).
#[cfg(not(target_os = "none"))]
pub(super) static SMALL_INT_OPS: [crate::obj::ConstObj; 64] = {
    let mut t = [crate::obj::ConstObj::NULL; 64];
    let mut j = 0;
    while j < 64 {
        // 0x80..=0xaf (low bits 0..48) push 0..=47; 0x70..=0x7f (low
        // bits 48..64) push -16..=-1.
        t[j] = crate::obj::ConstObj::small_int(if j < 48 { j as isize } else { j as isize - 64 });
        j += 1;
    }
    t
};

/// Clears the slots `from..to` of a frame (dead values would pin garbage).
/// The ranges are a few slots: on desktop builds written one by one
/// (volatile, so that the loop does not become a call to `memset`).
#[inline(always)]
pub(super) fn clear(from: *mut Obj, to: *mut Obj) {
    let mut p = from;
    while p < to {
        // SAFETY: callers pass a range of slots of the running frame
        // (between a verified depth and the current top).
        unsafe {
            #[cfg(not(target_os = "none"))]
            p.write_volatile(Obj::NULL);
            #[cfg(target_os = "none")]
            p.write(Obj::NULL);
            p = p.add(1);
        }
    }
}
