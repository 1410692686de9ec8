//! The MicroPython compiler: source text -> tokens -> AST -> raw code
//! (bytecode plus constant tables as plain data, no heap objects).
#![no_std]
extern crate alloc;

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod token;

pub use ast::Mode;
pub use error::{CompileError, ErrorKind};

/// Parses `source` (raw bytes) into an AST, like the first half of
/// MicroPython's `compile(source, filename, mode)`.
///
/// `filename` is not stored in the tree (the compiler gets it separately); it
/// is accepted here so callers have one entry point. `mode` selects the start
/// rule. Errors are MicroPython's compile exceptions (`SyntaxError`,
/// `IndentationError`, `NotImplementedError`) with their line; see
/// [`lexer`] and [`parser`] for the exact behaviour. Never panics, whatever
/// the input.
pub fn parse(source: &[u8], filename: &str, mode: Mode) -> Result<ast::Module, CompileError> {
    let _ = filename;
    parser::parse_module(source, mode)
}
