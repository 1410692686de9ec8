//! Which long string literals MicroPython's parser makes qstrs.
//!
//! MicroPython's parser interns every identifier as a qstr while parsing,
//! and a long string literal becomes a qstr (rather than a str object) only
//! if an equal qstr already exists at that point (or is a static qstr:
//! the compiler checks that). The parser here does the same bookkeeping
//! as it takes each token from the lexer ([`LongNames::note`]): the long
//! identifiers seen so far are kept, and a long literal equal to one of
//! them is marked in the tree ([`crate::ast::Expr::interned`]). The
//! identifiers are freed when the parse ends.

use crate::mem::{MResult, Mem, StrIndex};
use crate::token::Tok;
use alloc::vec::Vec;
use core::mem::size_of;

/// Longest str literal that is always a qstr (MicroPython interns short
/// strings while parsing): only longer literals are looked up, and only
/// identifiers longer than this can equal one.
pub(crate) const SHORT_STR: usize = 10;

/// The identifiers longer than [`SHORT_STR`] the parser has taken so far.
#[derive(Debug, Default)]
pub(crate) struct LongNames {
    /// The identifiers' text, back to back.
    text: Vec<u8>,
    /// (start, end) of each identifier in `text`.
    names: Vec<(u32, u32)>,
    index: StrIndex,
}

impl LongNames {
    /// Identifier `n`.
    fn name(&self, n: u32) -> &[u8] {
        self.names.get(n as usize).and_then(|&(a, b)| self.text.get(a as usize..b as usize)).unwrap_or_default()
    }

    /// Notes token `t`, taken by the parser: a long identifier is
    /// remembered. Returns whether `t` is a long str literal equal to an
    /// identifier taken before it.
    #[inline(always)]
    pub(crate) fn note(&mut self, mem: &Mem, t: &Tok) -> MResult<bool> {
        let (s, is_name) = match t {
            Tok::Name(n) => (n.as_bytes(), true),
            Tok::Str(v) => (&v[..], false),
            _ => return Ok(false),
        };
        if s.len() <= SHORT_STR {
            return Ok(false);
        }
        self.note_long(mem, s, is_name)
    }

    /// [`LongNames::note`] for a long identifier (`is_name`) or literal
    /// `s`.
    #[inline(never)]
    fn note_long(&mut self, mem: &Mem, s: &[u8], is_name: bool) -> MResult<bool> {
        let found = self.index.find(s, &|p| self.name(p)).is_some();
        if is_name && !found {
            let (i, a) = (self.names.len() as u32, self.text.len() as u32);
            mem.extend(&mut self.text, s)?;
            mem.push(&mut self.names, (a, self.text.len() as u32))?;
            let (text, names) = (&self.text, &self.names);
            let name_at = |p: u32| names.get(p as usize).and_then(|&(a, b)| text.get(a as usize..b as usize)).unwrap_or_default();
            self.index.insert(mem, s, i, &name_at)?;
        }
        Ok(!is_name && found)
    }

    /// Credits `mem` with the lists' memory (freed when the parser is
    /// dropped, before anything else is allocated).
    pub(crate) fn release(&self, mem: &Mem) {
        mem.credit(self.text.capacity() + self.names.capacity() * size_of::<(u32, u32)>() + self.index.bytes());
    }
}
