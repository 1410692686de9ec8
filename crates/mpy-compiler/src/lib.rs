//! The MicroPython compiler: source text -> tokens -> AST -> raw code
//! (bytecode plus constant tables as plain data, no heap objects).
#![no_std]
extern crate alloc;

pub mod ast;
pub mod error;
pub mod lexer;
pub mod token;

pub use ast::Mode;
pub use error::{CompileError, ErrorKind};

/// Parses `source` (raw bytes, must be UTF-8) into an AST.
///
/// `filename` is used only for error reporting context; `mode` selects the
/// start rule like `compile()`'s mode argument. Errors are MicroPython's
/// compile exceptions (`SyntaxError`, `IndentationError`, ...) with line.
/// (Stub until the parser lands: always returns `invalid syntax`.)
pub fn parse(source: &[u8], filename: &str, mode: Mode) -> Result<ast::Module, CompileError> {
    let _ = (source, filename, mode);
    Err(CompileError::invalid_syntax(1))
}
