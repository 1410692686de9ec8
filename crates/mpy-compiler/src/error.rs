//! Compile errors shared by the lexer, parser, scope analysis and emitter.
//!
//! MicroPython reports every problem found while compiling as an exception of
//! one of a few types (almost always `SyntaxError`, sometimes its subclass
//! `IndentationError`), carrying a short message and the source line. This
//! module is the plain-data form of that exception: the runtime turns it into
//! a real exception object, `mpy-cross` prints it.

use alloc::borrow::Cow;
use core::fmt;

/// The exception type MicroPython raises for a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `SyntaxError`: the default for every lexer, parser and compiler error
    /// (`invalid syntax`, `'return' outside function`, bad number literals, ...).
    SyntaxError,
    /// `IndentationError` (a subclass of `SyntaxError`): `unexpected indent`,
    /// `unindent doesn't match any outer indent level`.
    IndentationError,
    /// `NotImplementedError`: MicroPython raises it at compile time for
    /// features it deliberately lacks, e.g. `\N{...}` escapes in string
    /// literals (message `unicode name escapes`).
    NotImplementedError,
    /// `MemoryError`: the compilation ran out of memory (its budget,
    /// [`crate::CompileOptions::mem_limit`], or the allocator). The line is
    /// 0 and the message `memory allocation failed`; the runtime raises
    /// its own preallocated `MemoryError` instead.
    MemoryError,
    /// `RuntimeError: maximum recursion depth exceeded`: the source nests
    /// deeper than the native stack the caller allowed
    /// ([`crate::CompileOptions::stack_limit`]) can hold, MicroPython's
    /// error for an exhausted stack.
    RuntimeError,
}

impl ErrorKind {
    /// The Python exception class name (`"SyntaxError"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::RuntimeError => "RuntimeError",
        }
    }
}

/// A compile error: exception type, message, and the 1-based source line it
/// is reported at (0 if no line applies, e.g. an error about the file as a
/// whole).
///
/// `msg` is the exception argument exactly as official MicroPython words it
/// (e.g. `invalid syntax`, `unexpected indent`,
/// `invalid syntax for integer with base 16: ''`). It is a `Cow` so fixed
/// messages cost no allocation while formatted ones can own their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// Exception type to raise.
    pub kind: ErrorKind,
    /// Exception message (the single argument of the exception).
    pub msg: Cow<'static, str>,
    /// 1-based source line of the offending token or construct (0 = none).
    pub line: u32,
}

impl CompileError {
    /// A `SyntaxError` with a fixed message at `line`.
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn syntax(msg: &'static str, line: u32) -> Self {
        CompileError {
            kind: ErrorKind::SyntaxError,
            msg: Cow::Borrowed(msg),
            line,
        }
    }

    /// A `SyntaxError` with a formatted (owned) message at `line`.
    pub fn syntax_owned(msg: alloc::string::String, line: u32) -> Self {
        CompileError {
            kind: ErrorKind::SyntaxError,
            msg: Cow::Owned(msg),
            line,
        }
    }

    /// An `IndentationError` with a fixed message at `line`.
    pub fn indentation(msg: &'static str, line: u32) -> Self {
        CompileError {
            kind: ErrorKind::IndentationError,
            msg: Cow::Borrowed(msg),
            line,
        }
    }

    /// An error of any kind with a fixed message at `line`.
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn new(kind: ErrorKind, msg: &'static str, line: u32) -> Self {
        CompileError {
            kind,
            msg: Cow::Borrowed(msg),
            line,
        }
    }

    /// A `MemoryError` (the compilation ran out of memory).
    pub fn memory() -> Self {
        Self::new(ErrorKind::MemoryError, "memory allocation failed", 0)
    }

    /// `RuntimeError: maximum recursion depth exceeded` at `line` (the
    /// native stack budget is exhausted).
    pub fn recursion(line: u32) -> Self {
        Self::new(ErrorKind::RuntimeError, "maximum recursion depth exceeded", line)
    }

    /// The generic `SyntaxError: invalid syntax` at `line`.
    pub fn invalid_syntax(line: u32) -> Self {
        Self::syntax("invalid syntax", line)
    }
}

impl From<crate::mem::Oom> for CompileError {
    fn from(_: crate::mem::Oom) -> Self {
        CompileError::memory()
    }
}

impl fmt::Display for CompileError {
    /// Formats as `Kind: message` (the last line of a MicroPython traceback).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.msg)
    }
}
