//! String and bytes literals, escapes, concatenation and the f-string
//! desugaring.
//!
//! Escapes (not in raw literals): `\\ \' \" \a \b \f \n \r \t \v`,
//! backslash-newline (removed), `\ooo` (1-3 octal digits; above 0xff is
//! `invalid syntax` in bytes, a code point in str), `\xhh` (exactly two hex
//! digits), `\uXXXX` and `\UXXXXXXXX` (str only, up to U+10FFFF; lone
//! surrogates are encoded like any other code point, as MicroPython does),
//! `\N{...}` (`NotImplementedError: unicode name escapes`, also in bytes,
//! raised directly). Any other backslash is kept with the following char.
//! Raw literals keep every backslash; a backslash still stops the next quote
//! or backslash from ending the literal. In f-strings (raw or not) `\{` is
//! kept as the two characters and does not start a field. Raw source bytes (non-ASCII, even
//! invalid UTF-8) are copied unchanged, in str and bytes alike.
//!
//! # f-strings
//! MicroPython's lexer rewrites `f"a{x!r:>{w}}b"` into the tokens of
//! `"a{!r:>{}}b".format((x), (w),)`; this lexer does the same:
//! * Outside replacement fields everything is copied (after escape
//!   decoding) into the format string, including `{{`, `}}` and lone `}`.
//!   Plain literals concatenated with an f-string are copied too, WITHOUT
//!   doubling their braces (MicroPython quirk: `'{' f'{x}'` formats as
//!   `'{{}'`).
//! * A `{` not followed by `{` starts a field: its expression text runs to the
//!   first `}`, `:` or `!r`/`!s` (followed by `:` or `}`) outside `[]`/`{}`
//!   nesting (round
//!   brackets are not tracked, so `f'{(lambda: 1)}'` is an error as in
//!   MicroPython). The expression text is removed from the format string and
//!   lexed separately as `(text)`. An empty field is
//!   `SyntaxError: malformed f-string`. Quotes and newlines do not end a
//!   field (MicroPython only looks for the terminators), so
//!   `f'{'a' if b else 'c'}'` works even in a single-quoted f-string.
//! * `{expr=}` keeps `expr=` in the format string (`f'{x=}'` gives
//!   `'x={}'.format((x),)`; no implicit `!r`, like MicroPython).
//! * Any other `!` stays in the expression text (`f'{a!a}'` lexes `(a!a)`,
//!   which is `invalid syntax` at the injected tokens' line, as in
//!   MicroPython).
//! * Inside a format spec a `{` starts a nested field the same way.
//! * `.format(...)` follows the whole concatenated group; the injected
//!   tokens (and the field expressions' tokens) carry the line of the token
//!   after the group, advanced by the newlines inside the fields, as
//!   MicroPython's do (it injects the field texts into its input). For the
//!   same reason every later token is shifted down by the number of
//!   newlines inside the fields (a MicroPython quirk, reproduced).

use alloc::vec::Vec;

use super::{Hard, LResult, Lexer, MAX_FSTRING_DEPTH};
use crate::error::CompileError;
use crate::mem::{Mem, Oom};
use crate::token::{Op, Tok, Token};

/// The prefix letters of a literal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Prefix {
    raw: bool,
    bytes: bool,
    fstr: bool,
}

impl Prefix {
    /// The prefix spelled by `w` (only lower-case spellings are prefixes).
    pub(crate) fn from_word(w: &[u8]) -> Option<Prefix> {
        let (raw, bytes, fstr) = match w {
            b"r" => (true, false, false),
            b"u" => (false, false, false),
            b"b" => (false, true, false),
            b"f" => (false, false, true),
            b"rb" | b"br" => (true, true, false),
            b"rf" | b"fr" => (true, false, true),
            _ => return None,
        };
        Some(Prefix { raw, bytes, fstr })
    }
}

/// Why a literal failed (small: no [`CompileError`] inside, so the many
/// `?` exits of the literal scanner stay cheap).
#[derive(Clone, Copy)]
enum Fail {
    /// `invalid syntax` at the given line, reported as an error token (the
    /// parser raises it when reached).
    Invalid(u32),
    /// `malformed f-string` at the given line, as an error token.
    Malformed(u32),
    /// Raised at once (MicroPython raises it from inside its lexer; also
    /// running out of memory).
    Hard(Hard),
}

impl From<Oom> for Fail {
    fn from(_: Oom) -> Fail {
        Fail::Hard(Hard::Memory)
    }
}

/// Appends `bytes` to `buf`.
fn put(mem: &Mem, buf: &mut Vec<u8>, bytes: &[u8]) -> Result<(), Fail> {
    mem.extend(buf, bytes)?;
    Ok(())
}

/// Appends code point `cp` (at most U+10FFFF) in (generalised) UTF-8:
/// surrogates are encoded as three bytes like any other BMP code point
/// (every other code point by core's encoder, which the run time links
/// too).
fn push_utf8(mem: &Mem, buf: &mut Vec<u8>, cp: u32) -> Result<(), Fail> {
    let mut b = [0u8; 4];
    let s: &[u8] = match char::from_u32(cp) {
        Some(c) => c.encode_utf8(&mut b).as_bytes(),
        None => {
            b = [0xe0 | (cp >> 12) as u8, 0x80 | ((cp >> 6) & 0x3f) as u8, 0x80 | (cp & 0x3f) as u8, 0];
            &b[..3]
        }
    };
    put(mem, buf, s)
}

/// Reverses the tokens `q[i..j]` (nothing if out of range).
fn reverse(q: &mut [Token], i: usize, j: usize) {
    if let Some(s) = q.get_mut(i..j) {
        s.reverse();
    }
}

impl<'a> Lexer<'a> {
    /// Lexes a group of adjacent literals of the same kind starting with
    /// prefix `p` (the prefix letters are already consumed; `self.pos` is at
    /// the opening quote) and queues the resulting tokens.
    pub(super) fn string_group(&mut self, first: Prefix, line: u32) -> LResult<()> {
        let mut p = first;
        let mut buf = Vec::new();
        let mut fargs: Vec<Vec<u8>> = Vec::new();
        let mut any_f = false;
        loop {
            any_f |= p.fstr;
            match self.literal(p, &mut buf, &mut fargs) {
                Ok(()) => {}
                Err(Fail::Invalid(l)) => return self.push_error(self.invalid(l)),
                Err(Fail::Malformed(l)) => {
                    return self.push_error(CompileError::syntax("malformed f-string", self.tok_line(l)))
                }
                Err(Fail::Hard(e)) => return Err(e),
            }
            self.skip_insignificant();
            // Another literal of the same kind follows?
            let start = self.pos;
            let mut end = start;
            while end < self.src.len() && self.src[end].is_ascii_alphabetic() {
                end += 1;
            }
            if !matches!(self.src.get(end), Some(b'\'') | Some(b'"')) {
                break;
            }
            let next = if end == start {
                Some(Prefix::default())
            } else {
                Prefix::from_word(&self.src[start..end])
            };
            match next {
                Some(n) if n.bytes == first.bytes => {
                    self.pos = end;
                    p = n;
                }
                _ => break,
            }
        }
        let kind = if first.bytes {
            Tok::Bytes(buf)
        } else {
            Tok::Str(buf)
        };
        self.push(kind, line)?;
        if any_f {
            self.inject_format(fargs)?;
        }
        Ok(())
    }

    /// Queues `.format((e1), (e2), ...)` after the already queued format
    /// string. Like MicroPython, which injects the field texts into its
    /// character stream, the injected tokens start at the line of the token
    /// that follows the group and advance over newlines inside the fields.
    #[inline(never)]
    fn inject_format(&mut self, fargs: Vec<Vec<u8>>) -> LResult<()> {
        let mark = self.pending.len();
        self.produce()?;
        // The follow tokens (queued at `mark..`) go after the injected ones:
        // these are queued behind them, then rotated in front.
        let ntail = self.pending.len() - mark;
        let first_line = self.pending.get(mark).map(|t| t.line).unwrap_or(self.line);
        let mut line = first_line;
        self.push(Tok::Op(Op::Dot), line)?;
        let format = self.mem.string("format")?;
        self.push(Tok::Name(format), line)?;
        self.push(Tok::Op(Op::LParen), line)?;
        let mut failed = false;
        for a in fargs {
            let Some(next) = self.lex_field(a, line)? else {
                failed = true;
                break;
            };
            line = next;
            self.push(Tok::Op(Op::Comma), line)?;
        }
        if !failed {
            self.push(Tok::Op(Op::RParen), line)?;
        }
        // A rotation by three reversals (smaller code than making the
        // queue contiguous and rotating the slice).
        let end = self.pending.len();
        reverse(&mut self.pending, mark, mark + ntail);
        reverse(&mut self.pending, mark + ntail, end);
        reverse(&mut self.pending, mark, end);
        let ninj = self.pending.len() - mark - ntail;
        if failed {
            // Nothing after an error token matters; drop the follow tokens.
            self.pending.truncate(mark + ninj);
            self.done = true;
        }
        // MicroPython counts the newlines of the injected text as source
        // lines, so everything after the group (from the follow token on)
        // is shifted by that many lines.
        let shift = line.saturating_sub(first_line);
        for t in self.pending.get_mut(mark + ninj..).unwrap_or_default() {
            t.line = t.line.saturating_add(shift);
            if let Tok::Error(e) | Tok::BadNumber(e) = &mut t.kind {
                e.line = e.line.saturating_add(shift);
            }
        }
        self.line = self.line.saturating_add(shift);
        Ok(())
    }

    /// Lexes one field expression `src` (already wrapped as `(text)`)
    /// starting at `line` and queues its tokens; returns the line after it
    /// (`line` advanced by its newlines), or `None` (an error token queued
    /// instead) if it is not a well-formed bracketed token sequence.
    #[inline(never)]
    fn lex_field(&mut self, src: Vec<u8>, line: u32) -> LResult<Option<u32>> {
        let start = self.pending.len();
        let e = 'soft: {
            if self.fdepth >= MAX_FSTRING_DEPTH {
                break 'soft CompileError::syntax("too complex", line);
            }
            let mut sub = Lexer::new_sub(src, line, self.fdepth + 1, self.mem);
            loop {
                let t = sub.next_tok()?;
                match t.kind {
                    Tok::EndMarker => break,
                    Tok::Newline if sub.paren == 0 => {}
                    Tok::Error(e) => break 'soft e,
                    Tok::Newline | Tok::Indent | Tok::Dedent => break 'soft CompileError::invalid_syntax(t.line),
                    _ => self.mem.push(&mut self.pending, t)?,
                }
            }
            if sub.paren != 0 || self.pending.len() == start {
                break 'soft CompileError::invalid_syntax(sub.line);
            }
            return Ok(Some(sub.line));
        };
        self.pending.truncate(start);
        self.push(Tok::Error(e), line)?;
        Ok(None)
    }

    /// Lexes one literal (at its opening quote), appending its decoded
    /// content to `buf` and its f-string field texts to `fargs`.
    #[inline(never)]
    fn literal(
        &mut self,
        p: Prefix,
        buf: &mut Vec<u8>,
        fargs: &mut Vec<Vec<u8>>,
    ) -> Result<(), Fail> {
        let start_line = self.line;
        let q = self.at(0);
        let triple = self.at(1) == q && self.at(2) == q;
        self.pos += if triple { 3 } else { 1 };
        loop {
            let Some(c) = self.cur() else {
                return Err(Fail::Invalid(start_line));
            };
            if c == q {
                if !triple {
                    self.pos += 1;
                    return Ok(());
                }
                if self.at(1) == q && self.at(2) == q {
                    self.pos += 3;
                    return Ok(());
                }
                self.copy_byte(buf)?;
                continue;
            }
            match c {
                b'\n' if !triple => return Err(Fail::Invalid(start_line)),
                b'\\' if p.raw => {
                    // The backslash, and the quote, backslash, newline or
                    // (f-string) `{` after it.
                    self.copy_byte(buf)?;
                    if matches!(self.cur(), Some(n) if n == q || n == b'\\' || n == b'\n' || (p.fstr && n == b'{')) {
                        self.copy_byte(buf)?;
                    }
                }
                b'\\' => self.escape(p, buf, start_line)?,
                b'{' if p.fstr => {
                    if self.at(1) == b'{' {
                        put(self.mem, buf, b"{{")?;
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                        self.field(buf, fargs, start_line)?;
                    }
                }
                _ => self.copy_byte(buf)?,
            }
        }
    }

    /// Copies the byte at `self.pos` into `buf` and steps past it
    /// (counting a newline's line).
    fn copy_byte(&mut self, buf: &mut Vec<u8>) -> Result<(), Fail> {
        let c = self.at(0);
        if c == b'\n' {
            self.line += 1;
        }
        self.pos += 1;
        put(self.mem, buf, &[c])
    }

    /// Reads `n` hex digits after the current position; advances past them.
    fn hex_digits(&mut self, n: usize) -> Option<u32> {
        let mut v: u32 = 0;
        for i in 0..n {
            let d = (self.at(i) as char).to_digit(16)?;
            v = v * 16 + d;
        }
        self.pos += n;
        Some(v)
    }

    /// Decodes the escape at `self.pos` (a backslash) in a non-raw literal.
    #[inline(never)]
    fn escape(&mut self, p: Prefix, buf: &mut Vec<u8>, start_line: u32) -> Result<(), Fail> {
        self.pos += 1;
        let Some(e) = self.cur() else { return Ok(()) };
        // The one-character escapes: pairs of (escape letter, byte).
        const SIMPLE: &[u8; 20] = b"\\\\''\"\"a\x07b\x08f\x0cn\nr\rt\tv\x0b";
        if let Some(&[_, b]) = SIMPLE.chunks_exact(2).find(|p| p.first() == Some(&e)) {
            put(self.mem, buf, &[b])?;
            self.pos += 1;
            return Ok(());
        }
        // The code point (a byte in bytes) of a numeric escape; the other
        // escapes are written here.
        let v = match e {
            b'\n' => {
                self.pos += 1;
                self.line += 1;
                return Ok(());
            }
            b'0'..=b'7' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while n < 3 && matches!(self.cur(), Some(b'0'..=b'7')) {
                    v = v * 8 + (self.at(0) - b'0') as u32;
                    self.pos += 1;
                    n += 1;
                }
                v
            }
            b'x' | b'u' | b'U' if !p.bytes || e == b'x' => {
                self.pos += 1;
                let n = match e {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let Some(v) = self.hex_digits(n) else {
                    return Err(Fail::Invalid(start_line));
                };
                v
            }
            b'N' => {
                return Err(Fail::Hard(Hard::NameEscape))
            }
            b'{' if p.fstr => {
                // `\{` in an f-string is a literal `\{`, not a field.
                put(self.mem, buf, b"\\{")?;
                self.pos += 1;
                return Ok(());
            }
            _ => return put(self.mem, buf, b"\\"),
        };
        if v > if p.bytes { 0xff } else { 0x10ffff } {
            return Err(Fail::Invalid(start_line));
        }
        if p.bytes {
            put(self.mem, buf, &[v as u8])
        } else {
            push_utf8(self.mem, buf, v)
        }
    }

    /// Scans one f-string replacement field (after its `{`): records the
    /// expression text, as `(text)`, in `fargs` and writes `{`, `expr=` and `!r`/`!s` into
    /// the format string. The terminating `:` or `}` is left for the caller.
    #[inline(never)]
    fn field(
        &mut self,
        buf: &mut Vec<u8>,
        fargs: &mut Vec<Vec<u8>>,
        start_line: u32,
    ) -> Result<(), Fail> {
        let start = self.pos;
        let mut depth: u32 = 0;
        loop {
            // Neither quotes nor newlines end a field (MicroPython only looks
            // for the terminators), so `f'{'a'}'` is `'{}'.format(('a'),)`.
            let Some(c) = self.cur() else {
                return Err(Fail::Invalid(start_line));
            };
            if c == b'\n' {
                self.line += 1;
            }
            match c {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    if depth == 0 {
                        if c == b'}' {
                            break;
                        }
                        return Err(Fail::Invalid(start_line));
                    }
                    depth -= 1;
                }
                b':' if depth == 0 => break,
                // `!r` / `!s` before `:` or `}` end the expression; any other
                // `!` stays in it (`!=`, or a stray `!` that then fails when
                // the expression is lexed, at the injected tokens' line, as
                // in MicroPython).
                b'!' if depth == 0
                    && matches!(self.at(1), b'r' | b's')
                    && matches!(self.at(2), b':' | b'}') =>
                {
                    break
                }
                _ => {}
            }
            self.pos += 1;
        }
        let mut text = self.src.get(start..self.pos).unwrap_or_default();
        let Some((&last, init)) = text.split_last() else {
            return Err(Fail::Malformed(start_line));
        };
        if last == b'=' {
            put(self.mem, buf, text)?;
            text = init;
        }
        // The expression as `(text)`, the source its tokens are lexed from.
        let mut expr = self.mem.with_capacity(text.len() + 2)?;
        expr.push(b'(');
        expr.extend_from_slice(text);
        expr.push(b')');
        put(self.mem, buf, &[b'{'])?;
        if self.cur() == Some(b'!') {
            let conv = self.at(1);
            put(self.mem, buf, &[b'!', conv])?;
            self.pos += 2;
        }
        self.mem.push(fargs, expr)?;
        Ok(())
    }
}
