//! Tab completion: finding the word before the cursor, asking the
//! interpreter for candidates and showing them as MicroPython does (a
//! unique match or a longer common prefix is inserted; otherwise the
//! candidates are listed in 16-column slots, at most 64 columns wide, and
//! the prompt and line are printed again).

use crate::console::{spaces, Console};
use crate::interp::{CompletionScope, Interpreter};

/// What Tab does for the text before the cursor.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action<'a> {
    /// Insert 4 spaces (the word is empty and follows a space).
    Indent,
    /// Complete `prefix` in `scope`. `line_start` is true when the word
    /// starts the line (then `import` itself can be completed).
    Complete {
        /// Where to look.
        scope: CompletionScope<'a>,
        /// The part of the word to complete (after the last dot).
        prefix: &'a str,
        /// The word starts the line.
        line_start: bool,
    },
    /// Nothing to complete.
    Nothing,
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'.'
}

/// Works out what Tab should do for `before` (the line up to the cursor).
pub fn analyse(before: &[u8]) -> Action<'_> {
    let start = before.iter().rposition(|&c| !is_word(c)).map_or(0, |p| p + 1);
    let (head, word) = before.split_at(start);
    let Some(word) = mpy_bytecode::utf8::str(word) else { return Action::Nothing };
    if word.is_empty() {
        return match head.last() {
            None => Action::Complete { scope: CompletionScope::Names, prefix: "", line_start: true },
            Some(b' ') => Action::Indent,
            Some(_) => Action::Nothing,
        };
    }
    let line_start = head.iter().all(|&c| c == b' ');
    // (Bytes, not `str` patterns: the word is ASCII.)
    match word.bytes().rposition(|c| c == b'.') {
        Some(dot) => {
            let path = word.get(..dot).unwrap_or("");
            // Every dotted part of the path must be non-empty.
            let mut prev = b'.';
            for &c in path.as_bytes() {
                if c == b'.' && prev == b'.' {
                    return Action::Nothing;
                }
                prev = c;
            }
            if prev == b'.' {
                return Action::Nothing;
            }
            Action::Complete { scope: CompletionScope::Attributes(path), prefix: word.get(dot + 1..).unwrap_or(""), line_start: false }
        }
        None => {
            let h = head.strip_suffix(b" ").map(|h| {
                let t = h.iter().rposition(|&c| c != b' ').map_or(0, |p| p + 1);
                &h[..t]
            });
            let h = h.map(|h| {
                let s = h.iter().position(|&c| c != b' ').unwrap_or(h.len());
                &h[s..]
            });
            if h == Some(b"import") || h == Some(b"from") {
                return Action::Complete { scope: CompletionScope::Modules, prefix: word, line_start: false };
            }
            Action::Complete { scope: CompletionScope::Names, prefix: word, line_start }
        }
    }
}

/// The longest common prefix of the candidates, kept in the caller's
/// buffer.
struct Common<'b> {
    buf: &'b mut [u8; 128],
    len: usize,
    count: usize,
}

impl Common<'_> {
    fn add(&mut self, name: &str) {
        let b = name.as_bytes();
        if self.count == 0 {
            self.len = b.len().min(self.buf.len());
            self.buf[..self.len].copy_from_slice(&b[..self.len]);
        } else {
            let n = self.buf[..self.len].iter().zip(b).take_while(|(a, b)| a == b).count();
            self.len = n;
        }
        self.count += 1;
    }
}

/// Should `name` be offered for `prefix`? Names starting with `_` only
/// when the prefix asks for them.
fn wanted(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && (!prefix.is_empty() || !name.starts_with('_'))
}

/// Result of a completion: bytes to insert, or a listing was printed.
pub enum Completed<'b> {
    /// Insert these bytes at the cursor (may be empty: nothing happened).
    Insert(&'b [u8]),
    /// Several candidates were listed; the caller re-prints the line.
    Listed,
}

/// Runs a completion of `prefix` in `scope`; `buf` holds the candidates'
/// common prefix (the bytes to insert point into it, or are static).
pub fn complete<'b>(
    con: &mut dyn Console,
    interp: &mut dyn Interpreter,
    scope: CompletionScope<'_>,
    prefix: &str,
    line_start: bool,
    buf: &'b mut [u8; 128],
) -> Completed<'b> {
    let mut common = Common { buf, len: 0, count: 0 };
    interp.complete(scope, prefix, &mut |name| {
        if wanted(name, prefix) {
            common.add(name);
        }
    });
    let Common { buf, len, count } = common;
    if count == 0 {
        const IMPORT: &str = "import ";
        if scope == CompletionScope::Names && line_start && !prefix.is_empty() && IMPORT.starts_with(prefix) {
            return Completed::Insert(&IMPORT.as_bytes()[prefix.len()..]);
        }
        return Completed::Insert(&[]);
    }
    if count == 1 || len > prefix.len() {
        return Completed::Insert(&buf[prefix.len().min(len)..len]);
    }
    // Several candidates and nothing to add: list them.
    const SLOT: usize = 16;
    const WIDTH: usize = 4 * SLOT;
    let mut col = WIDTH;
    interp.complete(scope, prefix, &mut |name| {
        if !wanted(name, prefix) {
            return;
        }
        let n = crate::line::cols(name.as_bytes());
        let mut gap = col.div_ceil(SLOT) * SLOT - col;
        if gap < 2 {
            gap += SLOT;
        }
        if col + gap + n <= WIDTH {
            spaces(con, gap);
            col += gap + n;
        } else {
            con.write(b"\r\n");
            col = n;
        }
        con.write(name.as_bytes());
    });
    con.write(b"\r\n");
    Completed::Listed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(analyse(b""), Action::Complete { scope: CompletionScope::Names, prefix: "", line_start: true });
        assert_eq!(analyse(b"x = "), Action::Indent);
        assert_eq!(analyse(b"x="), Action::Nothing);
        assert_eq!(analyse(b"imp"), Action::Complete { scope: CompletionScope::Names, prefix: "imp", line_start: true });
        assert_eq!(
            analyse(b"[sys.path.ap"),
            Action::Complete { scope: CompletionScope::Attributes("sys.path"), prefix: "ap", line_start: false }
        );
        assert_eq!(analyse(b"sys."), Action::Complete { scope: CompletionScope::Attributes("sys"), prefix: "", line_start: false });
        assert_eq!(analyse(b"import s"), Action::Complete { scope: CompletionScope::Modules, prefix: "s", line_start: false });
        assert_eq!(analyse(b"  from  co"), Action::Complete { scope: CompletionScope::Modules, prefix: "co", line_start: false });
        assert_eq!(analyse(b"a..b"), Action::Nothing);
        assert_eq!(analyse(b".b"), Action::Nothing);
        assert_eq!(analyse(b"x = \xc3\xa9"), Action::Nothing);
    }
}
