//! Recursive-descent parser: tokens -> [`crate::ast`].
//!
//! The grammar is MicroPython's (Python 3.4 plus `async`/`await`, `:=`,
//! f-strings via the lexer, annotations). See [`crate::ast`] for how the tree
//! keeps source fidelity and which checks are left to the compiler.
//!
//! Errors: a token that does not fit gives `SyntaxError: invalid syntax` at
//! that token's line (`IndentationError: unexpected indent` if the token is
//! an unexpected indent; lexer error tokens raise their own error). This
//! matches MicroPython, whose parser also fails at the first token that does
//! not fit.
//!
//! Nesting limit: every recursive path (brackets, unary operators, `not`,
//! `lambda`/conditional chains, nested blocks) goes through a depth counter.
//! Past [`MAX_DEPTH`] levels the parse fails with `SyntaxError: too complex`
//! instead of overflowing the native stack. (MicroPython itself uses a heap
//! stack and fails only when memory runs out, with `MemoryError`; 1000
//! nested brackets work there but not here.) One bracket level costs about
//! 2.4 KiB of native stack in release builds on x86-64 (3.5 KiB in debug),
//! so the parser needs roughly 0.5 MiB (release) to 1 MiB (debug) of stack
//! to reach the limit; a port with a smaller stack should run the compiler
//! on a bigger one or accept less nesting.

mod expr;
mod stmt;

use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::{Mode, Module};
use crate::error::{CompileError, ErrorKind};
use crate::lexer::Lexer;
use crate::token::{Kw, Op, Tok, Token};

/// Maximum nesting depth of brackets / unary operators / blocks (see the
/// module docs).
pub const MAX_DEPTH: u32 = 200;

type PResult<T> = Result<T, CompileError>;

/// Parser state: the lexer, the current token and the nesting depth.
pub(crate) struct Parser<'a> {
    lx: Lexer<'a>,
    tok: Token,
    depth: u32,
    /// First error that MicroPython raises in its compiler, not its parser,
    /// but that the tree cannot represent (see [`Parser::defer`]).
    deferred: Option<CompileError>,
}

/// Parses `source` in `mode`. See [`crate::parse`].
pub fn parse_module(source: &[u8], mode: Mode) -> Result<Module, CompileError> {
    let mut lx = Lexer::new(source);
    let tok = lx.next_token()?;
    let mut p = Parser {
        lx,
        tok,
        depth: 0,
        deferred: None,
    };
    let module = p.module(mode)?;
    match p.deferred {
        Some(e) => Err(e),
        None => Ok(module),
    }
}

impl Parser<'_> {
    /// Records an error that official MicroPython raises only after parsing
    /// (in its compiler) and that this tree cannot represent: a keyword
    /// argument or `:=` target that is not a plain name, a non-pair item in a
    /// dict display, a pair in a set display. Parsing goes on (the
    /// offending piece is dropped from the tree) so that a later *parse*
    /// error still wins, as it does in MicroPython; the first deferred error
    /// is returned if the whole input parses.
    fn defer(&mut self, e: CompileError) {
        if self.deferred.is_none() {
            self.deferred = Some(e);
        }
    }

    fn module(&mut self, mode: Mode) -> PResult<Module> {
        let p = self;
        match mode {
            Mode::Exec => {
                let mut body = Vec::new();
                while !matches!(p.tok.kind, Tok::EndMarker) {
                    if matches!(p.tok.kind, Tok::Newline) {
                        p.advance()?;
                        continue;
                    }
                    p.statement(&mut body)?;
                }
                Ok(Module::Exec(body))
            }
            Mode::Eval => {
                let e = p.testlist()?;
                while matches!(p.tok.kind, Tok::Newline) {
                    p.advance()?;
                }
                p.expect_end()?;
                Ok(Module::Eval(e))
            }
            Mode::Single => {
                let mut body = Vec::new();
                if matches!(p.tok.kind, Tok::Newline) {
                    p.advance()?;
                } else if !matches!(p.tok.kind, Tok::EndMarker) {
                    p.statement(&mut body)?;
                }
                while matches!(p.tok.kind, Tok::Newline) {
                    p.advance()?;
                }
                p.expect_end()?;
                Ok(Module::Single(body))
            }
        }
    }
}

impl Parser<'_> {
    /// Moves to the next token; returns the previous current token.
    /// Never inlined: the lexer's large frame must not be merged into every
    /// recursive parser frame (that would multiply the stack per nesting
    /// level).
    #[inline(never)]
    fn advance(&mut self) -> PResult<Token> {
        let next = self.lx.next_token()?;
        Ok(core::mem::replace(&mut self.tok, next))
    }

    /// The error for the current token not fitting the grammar.
    #[cold]
    #[inline(never)]
    fn err(&self) -> CompileError {
        match &self.tok.kind {
            Tok::Error(e) => e.clone(),
            Tok::Indent => CompileError::new(
                ErrorKind::IndentationError,
                "unexpected indent",
                self.tok.line,
            ),
            _ => CompileError::invalid_syntax(self.tok.line),
        }
    }

    fn fail<T>(&self) -> PResult<T> {
        Err(self.err())
    }

    fn is_op(&self, op: Op) -> bool {
        matches!(self.tok.kind, Tok::Op(o) if o == op)
    }

    fn is_kw(&self, kw: Kw) -> bool {
        matches!(self.tok.kind, Tok::Kw(k) if k == kw)
    }

    /// Consumes the current token if it is `op`.
    fn eat_op(&mut self, op: Op) -> PResult<bool> {
        if self.is_op(op) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Consumes the current token if it is keyword `kw`.
    fn eat_kw(&mut self, kw: Kw) -> PResult<bool> {
        if self.is_kw(kw) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect_op(&mut self, op: Op) -> PResult<()> {
        if self.eat_op(op)? {
            Ok(())
        } else {
            self.fail()
        }
    }

    fn expect_kw(&mut self, kw: Kw) -> PResult<()> {
        if self.eat_kw(kw)? {
            Ok(())
        } else {
            self.fail()
        }
    }

    fn expect_newline(&mut self) -> PResult<()> {
        if matches!(self.tok.kind, Tok::Newline) {
            self.advance()?;
            Ok(())
        } else {
            self.fail()
        }
    }

    fn expect_end(&self) -> PResult<()> {
        if matches!(self.tok.kind, Tok::EndMarker) {
            Ok(())
        } else {
            self.fail()
        }
    }

    /// Consumes a name token and returns it.
    fn expect_name(&mut self) -> PResult<String> {
        if let Tok::Name(_) = self.tok.kind {
            if let Tok::Name(n) = self.advance()?.kind {
                return Ok(n);
            }
        }
        self.fail()
    }

    /// Enters one nesting level (see [`MAX_DEPTH`]).
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CompileError::syntax("too complex", self.tok.line));
        }
        Ok(())
    }

    /// Leaves one nesting level.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}
