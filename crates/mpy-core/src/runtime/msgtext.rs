//! Packed error-message text.
//!
//! An error message written as `msg!("can't convert {} to int")` is packed
//! at compile time: common words and word pieces ([`WORDS`]) become one
//! byte each, a control character no message uses (`\x01`-`\x1f` except
//! tab, newline and carriage return), or the next 32 two bytes each, a C1
//! control character (`\u{80}`-`\u{9f}`, also unused). The packed text is still a valid
//! `&str`, so every function taking a message or template (`Vm::error`,
//! `Vm::type_error_fmt`, [`Out::fmt`], ...) accepts both packed and plain
//! text; [`Out::fmt`] unpacks it as it writes it. Flash holds each word
//! once: the messages shrink by about a third.
//!
//! Text that can reach those functions at run time (not a `msg!`) must not
//! contain those control characters (C0 or C1): only messages and templates written
//! in the sources do.
//!
//! [`Out::fmt`]: crate::runtime::print::Out::fmt

/// The words, by token byte (chosen by a byte-pair count over the
/// messages, most profitable first; none for `\0`, tab, newline and
/// carriage return): a message is packed with word 1, then word 2, ...
/// A word may contain earlier words; it is packed with them. No word
/// contains `{` or `}`, so a packed template's `{}` markers stay as they
/// are.
const WORDS: [&str; 64] = [
    "",
    " argument",
    "t ",
    "e ",
    "function",
    "objec",
    "or",
    "can't convert ",
    " positional argument",
    "",
    "",
    "must be ",
    "in",
    "",
    "expected ",
    "s ",
    "er",
    "str",
    "attribut",
    "supported",
    "not ",
    "require",
    "format ",
    "en",
    "a ",
    "on",
    "d ",
    "o ",
    "comp",
    "keyword",
    "at",
    "\n  CTRL-",
    // Two-byte tokens (picked the same way over the packed messages).
    "function takes ",
    "function missing ",
    "specifi",
    "out of range",
    "has no attribute '",
    "can't ",
    "clas",
    "character",
    "     ",
    "implicitly",
    "should ",
    "invalid ",
    "() arg ",
    " type ",
    "integer",
    "with ",
    " values to unpack",
    "not in range(0x1100",
    "byte",
    "' object ",
    "generator",
    "negativ",
    " number",
    "string",
    "type",
    "tupl",
    "separator",
    "incompatible .mpy ",
    "syntax ",
    "argument ",
    "overflow",
    "divide by zero",
];

/// The token bytes: `\x01`-`\x1f` except tab, newline and carriage return.
const TOKENS: u32 = !(1 | 1 << 9 | 1 << 10 | 1 << 13);

/// The lead byte of a two-byte token: `\u{80}`-`\u{9f}` (C1 control
/// characters, which no message uses; UTF-8 `c2 80`-`c2 9f`) stand for
/// words 32-63.
const LEAD: u8 = 0xc2;

/// The word the token at the start of `t` stands for, and the token's
/// length in bytes, if `t` starts with one.
#[inline]
pub(crate) const fn token(t: &[u8]) -> Option<(usize, usize)> {
    match t {
        [b, ..] if *b < 32 && TOKENS >> *b & 1 != 0 => Some((*b as usize, 1)),
        [LEAD, c, ..] if *c >= 0x80 && *c < 0xa0 => Some((32 + (*c - 0x80) as usize, 2)),
        _ => None,
    }
}

/// The word byte `b` stands for, if it is a one-byte token.
#[cfg(test)]
pub(crate) const fn word_of(b: u8) -> Option<usize> {
    if b < 32 && TOKENS >> b & 1 != 0 {
        Some(b as usize)
    } else {
        None
    }
}

/// A work buffer of packed bytes (`M`: the unpacked text's length).
struct Buf<const M: usize> {
    b: [u8; M],
    len: usize,
}

/// `s` packed with the words before word `k` (`dict`: those words packed,
/// each after its length byte).
const fn pack_with<const M: usize>(s: &[u8], k: usize, dict: &[u8]) -> Buf<M> {
    let mut w = Buf { b: [0; M], len: s.len() };
    let mut i = 0;
    while i < s.len() {
        assert!(token(s.split_at(i).1).is_none(), "control character in a msg! text");
        assert!(s[i] != 0, "NUL in a msg! text");
        w.b[i] = s[i];
        i += 1;
    }
    let (mut t, mut at) = (0, 0);
    while t < k {
        let n = dict[at] as usize;
        if n > 0 {
            w = replace(w, dict.split_at(at + 1).1.split_at(n).0, t);
        }
        at += 1 + n;
        t += 1;
    }
    w
}

/// `w` with every non-overlapping occurrence of `word`, left to right,
/// replaced by word `k`'s token.
const fn replace<const M: usize>(w: Buf<M>, word: &[u8], k: usize) -> Buf<M> {
    let mut out = Buf { b: [0; M], len: 0 };
    let mut i = 0;
    while i < w.len {
        let mut j = 0;
        while j < word.len() && i + j < w.len && w.b[i + j] == word[j] {
            j += 1;
        }
        if j == word.len() {
            if k < 32 {
                out.b[out.len] = k as u8;
            } else {
                out.b[out.len] = LEAD;
                out.len += 1;
                out.b[out.len] = 0x80 + (k - 32) as u8;
            }
            i += j;
        } else {
            out.b[out.len] = w.b[i];
            i += 1;
        }
        out.len += 1;
    }
    out
}

/// Builds [`PACKED`] into `d` (of any size at least [`DICT_LEN`]); returns
/// it and its used length.
const fn pack_dict<const M: usize>(mut d: [u8; M]) -> ([u8; M], usize) {
    let (mut k, mut at) = (0, 0);
    while k < WORDS.len() {
        let word = WORDS[k].as_bytes();
        let mut i = 0;
        while i < word.len() {
            assert!(word[i] != b'{' && word[i] != b'}', "a brace in a msg word");
            i += 1;
        }
        let w = pack_with::<32>(word, k, d.split_at(at).0);
        d[at] = w.len as u8;
        i = 0;
        while i < w.len {
            d[at + 1 + i] = w.b[i];
            i += 1;
        }
        at += 1 + w.len;
        k += 1;
    }
    (d, at)
}

/// Size of [`DICT`].
const DICT_LEN: usize = pack_dict::<512>([0; 512]).1;

/// The words as stored (compile time): each packed with the words before
/// it, after its length byte.
const PACKED: [u8; DICT_LEN] = pack_dict::<DICT_LEN>([0; DICT_LEN]).0;

/// [`PACKED`] in flash, for unpacking.
static DICT: [u8; DICT_LEN] = PACKED;

/// Length of `s` packed (`M`: `s.len()`; for [`msg!`](crate::msg)).
pub const fn packed_len<const M: usize>(s: &str) -> usize {
    pack_with::<M>(s.as_bytes(), WORDS.len(), &PACKED).len
}

/// `s` packed into `N` bytes (`M`: `s.len()`, `N`: [`packed_len`]; for
/// [`msg!`](crate::msg)).
pub const fn pack<const M: usize, const N: usize>(s: &str) -> [u8; N] {
    let w = pack_with::<M>(s.as_bytes(), WORDS.len(), &PACKED);
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = w.b[i];
        i += 1;
    }
    out
}

/// Unpacked length of packed text `p`.
const fn unpacked_len(p: &[u8]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < p.len() {
        let (d, t) = step(p, i);
        n += d;
        i += t;
    }
    n
}

/// The unpacked length of the token or byte at `p[i]`, and its length in
/// `p`.
const fn step(p: &[u8], i: usize) -> (usize, usize) {
    match token(p.split_at(i).1) {
        Some((k, t)) => (unpacked_len(packed_word(k)), t),
        None => (1, 1),
    }
}

/// Word `k` as packed in [`PACKED`] (compile time).
const fn packed_word(k: usize) -> &'static [u8] {
    let (mut t, mut at) = (0, 0);
    while t < k {
        at += 1 + PACKED[at] as usize;
        t += 1;
    }
    PACKED.split_at(at + 1).1.split_at(PACKED[at] as usize).0
}

/// The start of packed text `p` that unpacks to its first `n` bytes, so a
/// message that starts another is stored once (compile time; fails to
/// compile if byte `n` falls inside a word).
pub const fn head(p: &'static str, n: usize) -> &'static str {
    let (b, mut i, mut len) = (p.as_bytes(), 0, 0);
    while len < n {
        let (d, t) = step(b, i);
        len += d;
        i += t;
    }
    assert!(len == n, "msg head inside a packed word");
    p.split_at(i).0
}

/// Word `k` as stored in flash (packed).
pub(crate) fn word(mut k: usize) -> &'static [u8] {
    let mut d: &'static [u8] = &DICT;
    while let Some((&n, rest)) = d.split_first() {
        let (w, rest) = rest.split_at_checked(usize::from(n)).unwrap_or((rest, &[]));
        if k == 0 {
            return w;
        }
        k -= 1;
        d = rest;
    }
    &[]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unpacks `s` into a byte vector (test helper, no VM).
    fn unpack(s: &[u8], v: &mut std::vec::Vec<u8>) {
        let mut i = 0;
        while i < s.len() {
            match token(&s[i..]) {
                Some((k, n)) => {
                    unpack(word(k), v);
                    i += n;
                }
                None => {
                    v.push(s[i]);
                    i += 1;
                }
            }
        }
    }

    #[test]
    fn tokens_round_trip() {
        for (i, w) in WORDS.iter().enumerate() {
            let mut v = std::vec::Vec::new();
            unpack(word(i), &mut v);
            assert_eq!(v, w.as_bytes());
            if i < 32 {
                assert_eq!(word_of(i as u8).is_some(), !w.is_empty());
            } else {
                assert_eq!(token(&[LEAD, 0x80 + (i - 32) as u8]), Some((i, 2)));
            }
        }
        for b in [0, b'\t', b'\n', b'\r', b' ', 32, 127, 255] {
            assert_eq!(word_of(b), None);
        }
    }

    #[test]
    fn messages_round_trip() {
        let m = crate::msg!("can't convert '{}' object to str implicitly");
        assert!(m.len() < 30);
        let mut v = std::vec::Vec::new();
        unpack(m.as_bytes(), &mut v);
        assert_eq!(v, b"can't convert '{}' object to str implicitly");
        let mut v = std::vec::Vec::new();
        unpack(crate::runtime::exc::msg::MISSING_ARG.as_bytes(), &mut v);
        assert_eq!(v, b"function missing required positional argument ");
        let mut v = std::vec::Vec::new();
        unpack(crate::runtime::exc::msg::MISSING_ARG_N.as_bytes(), &mut v);
        assert_eq!(v, b"function missing required positional argument #{}");
        let m = crate::msg!("xyz\tq\n");
        assert_eq!(m, "xyz\tq\n");
    }
}
