//! A growable source buffer that never aborts the program when memory
//! runs out: it remembers the overflow instead, and the REPL reports it.

use alloc::vec::Vec;

/// Source text collected from the console.
#[derive(Default, Debug)]
pub struct SrcBuf {
    /// The bytes so far (emptied on overflow).
    pub bytes: Vec<u8>,
    /// True when an append did not fit in memory.
    pub overflow: bool,
}

impl SrcBuf {
    /// An empty buffer (allocates nothing).
    pub const fn new() -> SrcBuf {
        SrcBuf { bytes: Vec::new(), overflow: false }
    }

    /// Appends `b`, or marks the buffer overflowed (and frees it) when the
    /// allocator cannot grow it.
    pub fn push(&mut self, b: &[u8]) {
        if self.overflow {
            return;
        }
        if self.bytes.try_reserve(b.len()).is_err() {
            self.overflow = true;
            self.bytes = Vec::new();
            return;
        }
        self.bytes.extend_from_slice(b);
    }

    /// Empties the buffer (keeping its memory) and clears the overflow.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.overflow = false;
    }

    /// True when nothing was received (an overflowed buffer is not empty).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty() && !self.overflow
    }
}
