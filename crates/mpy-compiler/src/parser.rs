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
//! Nesting limits: every recursive path (brackets, unary operators, `not`,
//! `lambda`/conditional chains, nested blocks) and every construct that
//! nests the tree without recursing here (trailers `a.b[c](d)`,
//! comprehension clauses, `with` items, which the compiler and the tree's
//! destructor walk recursively) goes through a depth counter. Past
//! [`crate::CompileOptions::max_depth`] levels (default [`MAX_DEPTH`]) the
//! parse fails with `SyntaxError: too complex`; when the native stack in
//! use exceeds [`crate::CompileOptions::stack_limit`] it fails with
//! `RuntimeError: maximum recursion depth exceeded` (MicroPython's error
//! for an exhausted stack; MicroPython parses with a heap stack and
//! recurses only in its compiler). Measured stack per nesting level:
//! see ARCHITECTURE.md.

mod expr;
mod stmt;

use crate::ast::{Expr, Ident, List, Mode, Module, Own, P};
use crate::error::{CompileError, ErrorKind};
use crate::interned::LongNames;
use crate::lexer::Lexer;
use crate::mem::Mem;
use crate::stack::StackGuard;
use crate::token::{Kw, Op, Tok, Token};

/// Default maximum nesting depth of brackets / unary operators / trailers
/// / blocks ([`crate::CompileOptions::max_depth`]; see the module docs).
pub const MAX_DEPTH: u32 = 200;

/// Native stack reserved per nesting level, beyond what the parser itself
/// uses: the tree is dropped recursively (a nest of trailers `a.b.c...`
/// or comprehension clauses is built by a loop here, but its destructor
/// recurses once per level), so each level keeps room for that.
const LEVEL_STACK: usize = 256;

/// A failed parse: the error is in [`Parser::error`] (none there: the
/// compilation ran out of memory). A zero-sized error keeps every parser
/// result small (`PResult<()>`/`PResult<bool>` fit in a register), so the
/// many `?` exits copy no error value and the board's code stays small.
/// No rule returns an expression: each parses into a slot its caller
/// holds (a local, a list item pushed as a hole first, a node's field),
/// so no expression is moved out of a result at each level.
pub(crate) struct Stop;

impl From<crate::mem::Oom> for Stop {
    fn from(_: crate::mem::Oom) -> Stop {
        Stop
    }
}

type PResult<T> = Result<T, Stop>;

/// The parser's lists under construction: an `alloc` vector on the
/// desktop.
#[cfg(not(target_os = "none"))]
pub(crate) use alloc::vec::Vec;

/// The boards' lists under construction: an `alloc` vector that is never
/// dropped, so that the parser's many error exits call no destructor (as
/// the tree's types have none there: see [`crate::mem::Own`]). A list an
/// error abandons stays allocated until the compile's memory is given
/// back whole; its bytes were charged to the budget, which credits no
/// dropped list back anyway. Finished lists leave through [`done`].
#[cfg(target_os = "none")]
pub(crate) struct Vec<T>(core::mem::ManuallyDrop<alloc::vec::Vec<T>>);

#[cfg(target_os = "none")]
impl<T> Vec<T> {
    /// An empty list (allocates nothing).
    pub(crate) const fn new() -> Vec<T> {
        Vec(core::mem::ManuallyDrop::new(alloc::vec::Vec::new()))
    }
}

#[cfg(target_os = "none")]
impl<T> Default for Vec<T> {
    fn default() -> Vec<T> {
        Vec::new()
    }
}

#[cfg(target_os = "none")]
impl<T> core::ops::Deref for Vec<T> {
    type Target = alloc::vec::Vec<T>;
    fn deref(&self) -> &alloc::vec::Vec<T> {
        &self.0
    }
}

#[cfg(target_os = "none")]
impl<T> core::ops::DerefMut for Vec<T> {
    fn deref_mut(&mut self) -> &mut alloc::vec::Vec<T> {
        &mut self.0
    }
}

/// A finished list as an `alloc` vector (see [`Vec`]).
#[inline(always)]
pub(crate) fn done<T>(v: Vec<T>) -> alloc::vec::Vec<T> {
    #[cfg(target_os = "none")]
    return core::mem::ManuallyDrop::into_inner(v.0);
    #[cfg(not(target_os = "none"))]
    v
}

/// A finished list as a list of tree nodes ([`crate::mem::list`]).
#[inline(always)]
pub(crate) fn list<T>(v: Vec<T>) -> List<T> {
    crate::mem::list(done(v))
}

/// Parser state: the lexer, the current token and the nesting depth.
pub(crate) struct Parser<'a> {
    lx: Lexer<'a>,
    tok: Token,
    depth: u32,
    max_depth: u32,
    stack: StackGuard,
    /// First error that MicroPython raises in its compiler, not its parser,
    /// but that the tree cannot represent (see [`Parser::defer`]).
    deferred: Option<CompileError>,
    /// The error that stopped the parse (see [`Stop`]).
    error: Option<CompileError>,
    /// The long identifiers taken so far (see [`crate::interned`]).
    long: LongNames,
    /// The current token is a long str literal equal to one of them.
    tok_interned: bool,
}

/// Parses `source` in `mode`, allocating through `mem`, with at most
/// `max_depth` nesting levels and the native stack bounded by `stack`.
/// See [`crate::parse`].
pub(crate) fn parse_module(
    source: &[u8],
    mode: Mode,
    mem: &Mem,
    max_depth: u32,
    stack: StackGuard,
) -> Result<Module, CompileError> {
    let lx = Lexer::new(source, mem)?;
    let mut p = Parser {
        lx,
        // Replaced by the first token at once.
        tok: Token { line: 0, kind: Tok::EndMarker },
        depth: 0,
        max_depth,
        stack,
        deferred: None,
        error: None,
        long: LongNames::default(),
        tok_interned: false,
    };
    let r = match p.skip() {
        Ok(()) => p.module(mode),
        Err(e) => Err(e),
    };
    p.long.release(mem);
    let module = match r {
        Ok(m) => m,
        Err(Stop) => return Err(p.error.take().unwrap_or_else(CompileError::memory)),
    };
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

    /// The compilation's memory.
    fn mem(&self) -> &Mem {
        self.lx.mem
    }

    /// Boxes a node.
    #[inline(never)]
    fn bx<T>(&self, x: T) -> PResult<P<T>> {
        Ok(self.lx.mem.boxed(x)?)
    }

    /// Appends to a vector (growing it by doubling).
    #[inline(always)]
    fn push<T>(&self, v: &mut Vec<T>, x: T) -> PResult<()> {
        self.push_in(v, x, true)
    }

    /// Appends to a vector that [`Parser::boxed`] makes a boxed slice: on
    /// the boards it grows to the exact size at each push, so that no copy
    /// to the exact size (one body per item type, ~270 B) is linked;
    /// elsewhere by doubling (a long operator chain stays linear-time).
    #[inline(always)]
    fn push_bx<T>(&self, v: &mut Vec<T>, x: T) -> PResult<()> {
        self.push_in(v, x, !cfg!(target_os = "none"))
    }

    /// A `test`, boxed.
    #[inline(never)]
    fn test_bx(&mut self) -> PResult<P<Expr>> {
        let mut e = self.bx_hole()?;
        self.test_into(&mut e)?;
        Ok(e)
    }

    /// `op test`, the test boxed, if the current token is `op`.
    #[inline(never)]
    fn opt_test_after(&mut self, op: Op) -> PResult<Option<P<Expr>>> {
        if self.eat_op(op)? {
            return Ok(Some(self.test_bx()?));
        }
        Ok(None)
    }

    /// A one-item vector (exactly sized).
    #[inline(always)]
    fn vec1<T>(&self, x: T) -> PResult<Vec<T>> {
        let mut v = Vec::new();
        self.push_in(&mut v, x, false)?;
        Ok(v)
    }

    /// Appends `x` to `v`, growing it by doubling or (not `double`) to the
    /// exact size ([`Mem::reserve`] / [`Mem::reserve_exact`]). One small
    /// body per item type.
    #[inline(never)]
    fn push_in<T>(&self, v: &mut Vec<T>, x: T, double: bool) -> PResult<()> {
        let mem = self.lx.mem;
        let add = mem.plan(v.len(), v.capacity(), 1, core::mem::size_of::<T>(), double)?;
        if add > 0 && v.try_reserve_exact(add).is_err() {
            return Err(mem.fail().into());
        }
        // Unreachable after the reservation; checked so that the push
        // below has no growth path.
        if v.len() == v.capacity() {
            core::mem::forget(x);
            return Err(Stop);
        }
        v.push(x);
        Ok(())
    }

    fn module(&mut self, mode: Mode) -> PResult<Module> {
        let p = self;
        match mode {
            Mode::Exec => {
                let mut body = Vec::new();
                while !matches!(p.tok.kind, Tok::EndMarker) {
                    if matches!(p.tok.kind, Tok::Newline) {
                        p.skip()?;
                        continue;
                    }
                    p.statement(&mut body)?;
                }
                Ok(Module::Exec(crate::mem::list(p.mem().fit(done(body))?)))
            }
            Mode::Eval => {
                let mut e = expr::HOLE;
                p.testlist(&mut e)?;
                while matches!(p.tok.kind, Tok::Newline) {
                    p.skip()?;
                }
                p.expect_end()?;
                Ok(Module::Eval(e))
            }
            Mode::Single => {
                let mut body = Vec::new();
                if matches!(p.tok.kind, Tok::Newline) {
                    p.skip()?;
                } else if !matches!(p.tok.kind, Tok::EndMarker) {
                    p.statement(&mut body)?;
                }
                while matches!(p.tok.kind, Tok::Newline) {
                    p.skip()?;
                }
                p.expect_end()?;
                Ok(Module::Single(list(body)))
            }
        }
    }
}

impl Parser<'_> {
    /// Moves to the next token, dropping the current one. A rule that
    /// needs the current token's text takes it out of [`Parser::tok`]
    /// first: no token is moved out through a result.
    /// Never inlined: the lexer's large frame must not be merged into every
    /// recursive parser frame (that would multiply the stack per nesting
    /// level).
    #[inline(never)]
    fn skip(&mut self) -> PResult<()> {
        match self.lx.next_tok() {
            Ok(next) => {
                self.tok = next;
                self.tok_interned = self.long.note(self.lx.mem, &self.tok.kind)?;
                Ok(())
            }
            Err(crate::lexer::Hard::Memory) => Err(Stop),
            Err(h) => Err(self.stop(h.error())),
        }
    }

    /// Records `e` as the error that ends the parse.
    #[cold]
    #[inline(never)]
    fn stop(&mut self, e: CompileError) -> Stop {
        self.error = Some(e);
        Stop
    }

    /// Ends the parse with the error for the current token not fitting
    /// the grammar (an error token's error is moved out).
    #[cold]
    #[inline(never)]
    fn err(&mut self) -> Stop {
        let e = match &mut self.tok.kind {
            Tok::Error(e) => core::mem::replace(e, CompileError::invalid_syntax(0)),
            Tok::Indent => CompileError::new(
                ErrorKind::IndentationError,
                "unexpected indent",
                self.tok.line,
            ),
            _ => CompileError::invalid_syntax(self.tok.line),
        };
        self.error = Some(e);
        Stop
    }

    fn fail<T>(&mut self) -> PResult<T> {
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
            self.skip()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Consumes the current token if it is keyword `kw`.
    fn eat_kw(&mut self, kw: Kw) -> PResult<bool> {
        if self.is_kw(kw) {
            self.skip()?;
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
            self.skip()?;
            Ok(())
        } else {
            self.fail()
        }
    }

    fn expect_end(&mut self) -> PResult<()> {
        if matches!(self.tok.kind, Tok::EndMarker) {
            Ok(())
        } else {
            self.fail()
        }
    }

    /// Consumes a name token and returns it.
    fn expect_name(&mut self) -> PResult<Ident> {
        let Tok::Name(n) = &mut self.tok.kind else { return self.fail() };
        let n = core::mem::take(n);
        self.skip()?;
        Ok(self.mem().own_str(n)?)
    }

    /// `v` (built by [`Parser::push_bx`] or [`Parser::vec1`]) as an
    /// exactly sized boxed slice.
    #[inline(never)]
    fn boxed<T>(&self, v: Vec<T>) -> PResult<Own<[T]>> {
        // Exactly sized already (see `push_bx`): leaked as it is.
        #[cfg(target_os = "none")]
        return Ok(list(v));
        #[cfg(not(target_os = "none"))]
        Ok(self.lx.mem.boxed_slice(v)?)
    }

    /// The distance from `line` to `op_line` (a trailer token's line),
    /// capped at 16 bits (see [`crate::ast::Expr::op_line`]).
    fn dline(line: u32, op_line: u32) -> u16 {
        op_line.saturating_sub(line).min(u32::from(u16::MAX)) as u16
    }

    /// Enters one nesting level (see the module docs). Out of line (one
    /// copy, not one per recursive rule); the stack is measured in its
    /// own small frame, a few bytes below the caller's: the check only
    /// gets that much stricter.
    #[inline(never)]
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > self.max_depth || self.stack.exceeded_with(self.depth as usize * LEVEL_STACK) {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&mut self) -> Stop {
        let e = if self.depth > self.max_depth {
            CompileError::syntax("too complex", self.tok.line)
        } else {
            CompileError::recursion(self.tok.line)
        };
        self.error = Some(e);
        Stop
    }

    /// Leaves `n` nesting levels.
    #[cfg_attr(target_os = "none", inline(never))]
    fn leave_n(&mut self, n: u32) {
        self.depth = self.depth.saturating_sub(n);
    }

    /// Leaves one nesting level.
    #[cfg_attr(target_os = "none", inline(never))]
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}
