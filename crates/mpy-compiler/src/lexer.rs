//! The lexer: source bytes -> [`Token`]s, streaming (one logical token at a
//! time, with a small queue for tokens produced together).
//!
//! Behaviour follows official MicroPython (observed with `mpy-cross` 1.29):
//! * `\r\n` and lone `\r` are newlines everywhere (also inside strings).
//!   A missing final newline is supplied (so an error at end of input inside
//!   brackets is reported on the line after the last one, like MicroPython).
//! * Indentation: a space counts 1 column, a tab advances to the next
//!   multiple of 8, a form feed counts 1. Blank and comment-only lines are
//!   ignored. A dedent to a column that is not on the indent stack replaces
//!   the `Newline` token by an error token `IndentationError: unindent
//!   doesn't match any outer indent level` at the newline's line.
//! * Inside `()`, `[]`, `{}` newlines and indentation are ignored; a
//!   backslash right before a newline joins lines anywhere (a backslash at
//!   end of input is ignored, as MicroPython does).
//! * Identifiers are ASCII letters, digits, `_` and any byte >= 0x80
//!   (MicroPython does not check Unicode categories). Such names must be
//!   valid UTF-8 here (the AST stores `String`s); MicroPython would accept
//!   invalid UTF-8 too, this lexer reports `invalid syntax` instead. Invalid
//!   UTF-8 inside comments and string/bytes literals is accepted and kept
//!   byte for byte, like MicroPython.
//! * String prefixes are lower case only: `r`, `u`, `b`, `f`, `rb`, `br`,
//!   `fr`, `rf` (MicroPython rejects `R''`, `B''`, `F''`, `Rb''`...: they lex
//!   as a name followed by a string). See [`string`](self) for literals and the
//!   f-string desugaring.
//! * Adjacent literals of the same kind (str or bytes) are concatenated into
//!   one token; a str next to a bytes literal stays two tokens (the parser
//!   then reports `invalid syntax` at the second one).
//!
//! Errors are mostly delivered as [`Tok::Error`] tokens (the parser raises
//! them only when it reaches them, as MicroPython does); after an error
//! token the lexer only produces `EndMarker`. A few errors MicroPython raises
//! straight from its lexer (`NotImplementedError: unicode name escapes`) are
//! returned as `Err` from [`Lexer::next_token`].

mod number;
mod string;

use alloc::borrow::Cow;
use alloc::vec::Vec;

use crate::ast::BinOp;
use crate::error::{CompileError, ErrorKind};
use crate::mem::{Mem, Oom};
use crate::token::{Kw, Op, Tok, Token};

/// An error the lexer raises at once instead of queueing an error token
/// (see the module docs). One byte, so lexer results stay small; turned
/// into its [`CompileError`] by [`Hard::error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hard {
    /// The compilation ran out of memory.
    Memory,
    /// `NotImplementedError: unicode name escapes` (`\N{...}`).
    NameEscape,
}

impl From<Oom> for Hard {
    fn from(_: Oom) -> Hard {
        Hard::Memory
    }
}

impl Hard {
    /// The error raised.
    #[cold]
    #[inline(never)]
    pub(crate) fn error(self) -> CompileError {
        match self {
            Hard::Memory => CompileError::memory(),
            Hard::NameEscape => CompileError::new(ErrorKind::NotImplementedError, "unicode name escapes", 0),
        }
    }
}

type LResult<T> = Result<T, Hard>;

/// Maximum nesting of f-strings inside f-string replacement fields.
const MAX_FSTRING_DEPTH: u32 = 8;

/// A streaming tokenizer over one source text.
pub struct Lexer<'a> {
    src: Cow<'a, [u8]>,
    /// The compilation's memory budget.
    pub(crate) mem: &'a Mem,
    pos: usize,
    line: u32,
    /// Indentation stack (columns) above the implicit base column 0.
    indents: Vec<u32>,
    /// Bracket nesting depth (`(`, `[`, `{`).
    paren: u32,
    /// Tokens produced; those from `head` on are not yet handed out (a
    /// plain vector: less code than a ring buffer, and the f-string
    /// rotation works on one contiguous slice).
    pending: Vec<Token>,
    /// Index of the next token to hand out in `pending`.
    head: usize,
    /// A token was produced on the current logical line.
    line_has_tokens: bool,
    /// The initial indentation has been examined.
    started: bool,
    /// End of input reached or an error token produced: only `EndMarker`s
    /// follow.
    done: bool,
    /// f-string nesting depth of this lexer.
    fdepth: u32,
}

impl<'a> Lexer<'a> {
    /// A lexer over `src` (any bytes; see the module docs for what is
    /// accepted), allocating through `mem`.
    ///
    /// Errors: `MemoryError` if a copy of the source (made when it has
    /// `\r` line ends or no final newline) does not fit `mem`.
    pub fn new(src: &'a [u8], mem: &'a Mem) -> Result<Self, CompileError> {
        // MicroPython's reader supplies a final newline when the text does
        // not end with one (this decides the line of end-of-input errors).
        let needs_nl = matches!(src.last(), Some(&c) if c != b'\n' && c != b'\r');
        // (A plain loop: `contains` is an inlined word-at-a-time search,
        // ~100 B more on the boards, for a scan done once per source.)
        let src = if needs_nl || src.iter().any(|&c| c == b'\r') {
            let mut v = mem.with_capacity(src.len() + 1)?;
            let mut i = 0;
            while let Some(&c) = src.get(i) {
                i += 1;
                // `\r\n` and a lone `\r` are both one `\n`.
                let c = if c == b'\r' {
                    if src.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    b'\n'
                } else {
                    c
                };
                v.push(c);
            }
            if needs_nl {
                v.push(b'\n');
            }
            Cow::Owned(v)
        } else {
            Cow::Borrowed(src)
        };
        Ok(Lexer::with_src(src, mem))
    }

    #[cfg_attr(target_os = "none", inline(never))]
    fn with_src(src: Cow<'a, [u8]>, mem: &'a Mem) -> Self {
        Lexer {
            src,
            mem,
            pos: 0,
            line: 1,
            indents: Vec::new(),
            paren: 0,
            pending: Vec::new(),
            head: 0,
            line_has_tokens: false,
            started: false,
            done: false,
            fdepth: 0,
        }
    }

    /// A lexer for the text of one f-string replacement field (already
    /// wrapped in parentheses, without `\r`), whose first line is `line`.
    fn new_sub(src: Vec<u8>, line: u32, fdepth: u32, mem: &'a Mem) -> Lexer<'a> {
        let mut lx = Lexer::with_src(Cow::Owned(src), mem);
        lx.line = line;
        lx.fdepth = fdepth;
        lx
    }

    /// The next token. Once `EndMarker` is returned, every further call
    /// returns `EndMarker` again. `Err` is returned only for errors
    /// MicroPython raises directly from its lexer (see the module docs).
    pub fn next_token(&mut self) -> Result<Token, CompileError> {
        self.next_tok().map_err(Hard::error)
    }

    /// [`Lexer::next_token`] with the small error type.
    pub(crate) fn next_tok(&mut self) -> LResult<Token> {
        loop {
            if let Some(slot) = self.pending.get_mut(self.head) {
                let t = core::mem::replace(slot, Token { line: 0, kind: Tok::EndMarker });
                self.head += 1;
                if self.head == self.pending.len() {
                    self.pending.clear();
                    self.head = 0;
                }
                return Ok(t);
            }
            self.produce()?;
        }
    }

    // ----- low-level helpers -------------------------------------------

    #[cfg_attr(target_os = "none", inline(never))]
    fn cur(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[cfg_attr(target_os = "none", inline(never))]
    fn at(&self, off: usize) -> u8 {
        self.src.get(self.pos + off).copied().unwrap_or(0)
    }

    /// The line a token starting now (at source line `line`) is reported at.
    fn tok_line(&self, line: u32) -> u32 {
        line
    }

    fn push(&mut self, kind: Tok, line: u32) -> LResult<()> {
        let line = self.tok_line(line);
        self.mem.push(&mut self.pending, Token { line, kind })?;
        Ok(())
    }

    /// Queues an error token; nothing but `EndMarker` follows it.
    fn push_error(&mut self, e: CompileError) -> LResult<()> {
        let line = e.line;
        self.done = true;
        self.mem.push(&mut self.pending, Token { line, kind: Tok::Error(e) })?;
        Ok(())
    }

    fn invalid(&self, line: u32) -> CompileError {
        CompileError::invalid_syntax(self.tok_line(line))
    }

    /// Skips spaces, tabs, form feeds, comments, backslash-newline joins and
    /// (inside brackets) newlines. Stops at a newline outside brackets.
    fn skip_insignificant(&mut self) {
        while let Some(c) = self.cur() {
            match c {
                b' ' | b'\t' | 0x0c => self.pos += 1,
                b'#' => {
                    while let Some(c) = self.cur() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'\\' if self.at(1) == b'\n' => {
                    self.pos += 2;
                    self.line += 1;
                }
                b'\\' if self.pos + 1 == self.src.len() => self.pos += 1,
                b'\n' if self.paren > 0 => {
                    self.pos += 1;
                    self.line += 1;
                }
                _ => break,
            }
        }
    }

    /// At the start of a physical line: skips blank and comment-only lines
    /// and returns the indentation column of the next significant line, or
    /// `None` at end of input.
    fn scan_indent(&mut self) -> Option<u32> {
        loop {
            let mut col: u32 = 0;
            while let Some(c) = self.cur() {
                match c {
                    b' ' | 0x0c => col = col.saturating_add(1),
                    b'\t' => col = (col / 8).saturating_add(1).saturating_mul(8),
                    _ => break,
                }
                self.pos += 1;
            }
            match self.cur() {
                None => return None,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(b'#') => {
                    while let Some(c) = self.cur() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(_) => return Some(col),
            }
        }
    }

    fn produce_eof(&mut self) -> LResult<()> {
        if self.line_has_tokens {
            self.line_has_tokens = false;
            self.push(Tok::Newline, self.line)?;
        }
        while !self.indents.is_empty() {
            self.indents.pop();
            self.push(Tok::Dedent, self.line)?;
        }
        self.done = true;
        self.push(Tok::EndMarker, self.line)
    }

    /// Queues at least one token.
    fn produce(&mut self) -> LResult<()> {
        if self.done {
            return self.push(Tok::EndMarker, self.line);
        }
        if !self.started {
            self.started = true;
            match self.scan_indent() {
                None => return self.produce_eof(),
                Some(col) if col > 0 => {
                    self.mem.push(&mut self.indents, col)?;
                    return self.push(Tok::Indent, self.line);
                }
                Some(_) => {}
            }
        }
        loop {
            self.skip_insignificant();
            let Some(c) = self.cur() else {
                return self.produce_eof();
            };
            if c == b'\n' {
                let nl_line = self.line;
                self.pos += 1;
                self.line += 1;
                if !self.line_has_tokens {
                    continue;
                }
                self.line_has_tokens = false;
                return self.newline(nl_line);
            }
            break;
        }
        self.line_has_tokens = true;
        self.token()
    }

    /// Handles the end of a logical line (the newline is consumed): emits
    /// `Newline` and the indentation tokens of the next line.
    fn newline(&mut self, nl_line: u32) -> LResult<()> {
        let Some(col) = self.scan_indent() else {
            return self.push(Tok::Newline, nl_line);
        };
        let top = self.indents.last().copied().unwrap_or(0);
        if col == top {
            self.push(Tok::Newline, nl_line)
        } else if col > top {
            self.push(Tok::Newline, nl_line)?;
            self.mem.push(&mut self.indents, col)?;
            self.push(Tok::Indent, self.line)
        } else {
            let mut n = 0;
            while !self.indents.is_empty() && col < self.indents.last().copied().unwrap_or(0) {
                self.indents.pop();
                n += 1;
            }
            if self.indents.last().copied().unwrap_or(0) != col {
                return self.push_error(CompileError::new(
                    ErrorKind::IndentationError,
                    "unindent doesn't match any outer indent level",
                    self.tok_line(nl_line),
                ));
            }
            self.push(Tok::Newline, nl_line)?;
            for _ in 0..n {
                self.push(Tok::Dedent, self.line)?;
            }
            Ok(())
        }
    }

    /// Lexes one significant token starting at `self.pos`.
    fn token(&mut self) -> LResult<()> {
        let line = self.line;
        let c = self.at(0);
        if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let start = self.pos;
            while let Some(c) = self.cur() {
                if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            let word = &self.src[start..self.pos];
            if matches!(self.cur(), Some(b'\'') | Some(b'"')) {
                if let Some(p) = string::Prefix::from_word(word) {
                    return self.string_group(p, line);
                }
            }
            let Some(s) = mpy_bytecode::utf8::str(word) else {
                return self.push_error(self.invalid(line));
            };
            let kind = match Kw::from_word(s) {
                Some(k) => Tok::Kw(k),
                None => Tok::Name(self.mem.string(s)?),
            };
            return self.push(kind, line);
        }
        if c.is_ascii_digit() || (c == b'.' && self.at(1).is_ascii_digit()) {
            let n = number::scan(&self.src[self.pos..]);
            let text = &self.src[self.pos..self.pos + n];
            let kind = match number::convert(text, self.tok_line(line), self.mem) {
                Ok(k) => Tok::Number(k),
                Err(e) if e.kind == ErrorKind::MemoryError => return Err(Hard::Memory),
                Err(e) => Tok::BadNumber(e),
            };
            self.pos += n;
            return self.push(kind, line);
        }
        if c == b'\'' || c == b'"' {
            return self.string_group(string::Prefix::default(), line);
        }
        match self.operator() {
            Some((op, len)) => {
                self.pos += len;
                match op {
                    Op::LParen | Op::LBracket | Op::LBrace => {
                        self.paren = self.paren.saturating_add(1)
                    }
                    Op::RParen | Op::RBracket | Op::RBrace => {
                        self.paren = self.paren.saturating_sub(1)
                    }
                    _ => {}
                }
                self.push(Tok::Op(op), line)
            }
            None => self.push_error(self.invalid(line)),
        }
    }

    /// Recognises the operator at `self.pos` (longest match): a one-char
    /// operator from [`ONE_CHAR`], doubled (`**`, `//`, `<<`, `>>`) and/or
    /// followed by `=`, plus `!=`, `->` and `...`.
    fn operator(&self) -> Option<(Op, usize)> {
        let (a, b, c) = (self.at(0), self.at(1), self.at(2));
        match (a, b, c) {
            (b'.', b'.', b'.') => return Some((Op::Ellipsis, 3)),
            (b'-', b'>', _) => return Some((Op::Arrow, 2)),
            (b'!', b'=', _) => return Some((Op::NotEq, 2)),
            _ => {}
        }
        let i = ONE_CHAR.iter().position(|&x| x == a)?;
        let mut op = *ONE_OP.get(i)?;
        let mut len = 1;
        let doubled = match a {
            b'*' => Some(BinOp::Pow),
            b'/' => Some(BinOp::FloorDiv),
            b'<' => Some(BinOp::LShift),
            b'>' => Some(BinOp::RShift),
            _ => None,
        };
        if let (Some(d), true) = (doubled, a == b) {
            op = Op::Bin(d);
            len = 2;
        }
        if self.at(len) == b'=' {
            let eq = match op {
                Op::Bin(o) => Op::AugAssign(o),
                Op::At => Op::AugAssign(BinOp::MatMult),
                Op::Lt => Op::LtE,
                Op::Gt => Op::GtE,
                Op::Assign => Op::EqEq,
                Op::Colon => Op::Walrus,
                _ => return Some((op, len)),
            };
            return Some((eq, len + 1));
        }
        Some((op, len))
    }
}

/// The one-character operators, with their tokens in [`ONE_OP`].
const ONE_CHAR: &[u8; 23] = b"()[]{},:;.=@~+-*/%&|^<>";

/// The tokens of [`ONE_CHAR`]'s operators.
const ONE_OP: [Op; 23] = [
    Op::LParen,
    Op::RParen,
    Op::LBracket,
    Op::RBracket,
    Op::LBrace,
    Op::RBrace,
    Op::Comma,
    Op::Colon,
    Op::Semi,
    Op::Dot,
    Op::Assign,
    Op::At,
    Op::Tilde,
    Op::Bin(BinOp::Add),
    Op::Bin(BinOp::Sub),
    Op::Bin(BinOp::Mult),
    Op::Bin(BinOp::Div),
    Op::Bin(BinOp::Mod),
    Op::Bin(BinOp::BitAnd),
    Op::Bin(BinOp::BitOr),
    Op::Bin(BinOp::BitXor),
    Op::Lt,
    Op::Gt,
];

/// Tokenizes a whole source (for tests and tools): all tokens up to and
/// including `EndMarker` or the first error token. Memory is not limited.
pub fn tokenize(src: &[u8]) -> Result<Vec<Token>, CompileError> {
    let mem = Mem::new(usize::MAX);
    let mut lx = Lexer::new(src, &mem)?;
    let mut out = Vec::new();
    loop {
        let t = lx.next_token()?;
        let stop = matches!(t.kind, Tok::EndMarker | Tok::Error(_));
        mem.push(&mut out, t)?;
        if stop {
            return Ok(out);
        }
    }
}
