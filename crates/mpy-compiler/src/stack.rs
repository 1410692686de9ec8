//! Native stack accounting: the parser and the compiler recurse over the
//! nesting of the source, and [`crate::CompileOptions::stack_limit`]
//! bounds the bytes of native stack they may use below the point where
//! the compilation started. The depth is read from the address of a local
//! variable (safe code: the address is only compared, never dereferenced),
//! like the runtime's own recursion check, so the limit holds whatever
//! the frame sizes of the build (they differ by target and opt-level).

/// The stack position a compilation started at and the bytes it may use
/// below it.
#[derive(Clone, Copy, Debug)]
pub struct StackGuard {
    base: usize,
    limit: usize,
}

/// An address in the current stack frame.
#[inline(always)]
pub fn here() -> usize {
    let marker = 0u8;
    core::hint::black_box(&marker) as *const u8 as usize
}

impl StackGuard {
    /// A guard allowing `limit` bytes below the caller's frame
    /// (`usize::MAX`: no limit).
    #[inline(always)]
    pub fn new(limit: usize) -> StackGuard {
        StackGuard { base: here(), limit }
    }

    /// Bytes of stack in use below the base (0 if the stack grows up).
    #[inline(always)]
    pub fn used(&self) -> usize {
        self.base.saturating_sub(here())
    }

    /// Whether more than the limit is in use.
    #[inline(always)]
    pub fn exceeded(&self) -> bool {
        self.used() > self.limit
    }

    /// Whether more than the limit would be in use with `extra` more
    /// bytes (stack that a later recursive walk of what was built will
    /// need).
    #[inline(always)]
    pub fn exceeded_with(&self, extra: usize) -> bool {
        self.used().saturating_add(extra) > self.limit
    }
}
