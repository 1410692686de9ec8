//! Bring-up line input for the board REPL: reads one line from a
//! [`Console`] with echo and backspace, reports control keys, and tells
//! when a statement needs more lines. (The shared REPL crate, with history,
//! editing, paste and raw modes, replaces this.)

use crate::console::Console;
use alloc::vec::Vec;

/// How reading a line ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LineEnd {
    /// Enter: the line is in the buffer (without the newline).
    Enter,
    /// Ctrl-C: the line was cancelled.
    Cancel,
    /// Ctrl-D on an empty line (soft reset on a board).
    Eof,
    /// Ctrl-B on an empty line (print the banner again).
    Banner,
}

/// Reads a line into `buf` (appended), echoing what is typed.
pub fn read_line(con: &mut impl Console, buf: &mut Vec<u8>) -> LineEnd {
    let start = buf.len();
    loop {
        match con.read_byte() {
            b'\r' => {
                // A terminal sending "\r\n" leaves the '\n' behind: drop it.
                con.write(b"\r\n");
                return LineEnd::Enter;
            }
            b'\n' if buf.len() == start => {}
            b'\n' => {
                con.write(b"\r\n");
                return LineEnd::Enter;
            }
            0x03 => {
                con.write(b"\r\n");
                buf.truncate(start);
                return LineEnd::Cancel;
            }
            0x04 if buf.len() == start => {
                con.write(b"\r\n");
                return LineEnd::Eof;
            }
            0x02 if buf.len() == start => {
                con.write(b"\r\n");
                return LineEnd::Banner;
            }
            0x08 | 0x7f => {
                if buf.len() > start {
                    // Remove a whole UTF-8 character.
                    while let Some(b) = buf.pop() {
                        if b & 0xc0 != 0x80 || buf.len() == start {
                            break;
                        }
                    }
                    con.write(b"\x08 \x08");
                }
            }
            0x1b => skip_escape(con),
            b if b >= 0x20 || b == b'\t' => {
                buf.push(b);
                con.write(&[b]);
            }
            _ => {}
        }
    }
}

/// Skips the rest of an escape sequence (`ESC [ ... final` or `ESC O x`).
fn skip_escape(con: &mut impl Console) {
    match con.read_byte() {
        b'[' => loop {
            let b = con.read_byte();
            if (0x40..=0x7e).contains(&b) {
                break;
            }
        },
        b'O' => {
            con.read_byte();
        }
        _ => {}
    }
}

/// Does `text` (lines, each ending in `\n`) need more lines before it can
/// run? True inside brackets or a triple-quoted string, after a line
/// ending in `:` or `\`, and inside a compound statement until an empty
/// line.
pub fn needs_more(text: &[u8]) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<(u8, bool)> = None;
    let mut last_sig = 0u8; // last significant byte of the current line
    let mut block = false; // some line ended with ':'
    let mut i = 0;
    while let Some(&c) = text.get(i) {
        if let Some((q, triple)) = quote {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == q && (!triple || text.get(i + 1..i + 3) == Some(&[q, q][..])) {
                quote = None;
                last_sig = c;
                i += if triple { 3 } else { 1 };
                continue;
            }
            if c == b'\n' && !triple {
                quote = None;
            } else {
                i += 1;
                continue;
            }
        }
        match c {
            b'#' => {
                while text.get(i + 1).is_some_and(|&b| b != b'\n') {
                    i += 1;
                }
            }
            b'\'' | b'"' => {
                let triple = text.get(i + 1..i + 3) == Some(&[c, c][..]);
                quote = Some((c, triple));
                if triple {
                    i += 2;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'\n' => {
                if depth <= 0 && last_sig == b':' {
                    block = true;
                }
                last_sig = 0;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {}
        }
        if !matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'#') {
            last_sig = c;
        }
        i += 1;
    }
    if depth > 0 || matches!(quote, Some((_, true))) {
        return true;
    }
    let body = text.strip_suffix(b"\n").unwrap_or(text);
    let last = body.rsplit(|&b| b == b'\n').next().unwrap_or(b"");
    let last_empty = last.iter().all(|b| b.is_ascii_whitespace());
    match last.iter().rev().find(|b| !b.is_ascii_whitespace()) {
        Some(b':') | Some(b'\\') => true,
        _ => block && !last_empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    struct Script {
        input: Vec<u8>,
        out: Vec<u8>,
    }

    impl Console for Script {
        fn read_byte(&mut self) -> u8 {
            if self.input.is_empty() {
                0x03
            } else {
                self.input.remove(0)
            }
        }
        fn try_read_byte(&mut self) -> Option<u8> {
            (!self.input.is_empty()).then(|| self.input.remove(0))
        }
        fn write(&mut self, data: &[u8]) {
            self.out.extend_from_slice(data);
        }
    }

    fn read(input: &[u8]) -> (LineEnd, Vec<u8>, Vec<u8>) {
        let mut con = Script { input: input.to_vec(), out: Vec::new() };
        let mut buf = Vec::new();
        let end = read_line(&mut con, &mut buf);
        (end, buf, con.out)
    }

    #[test]
    fn line_editing() {
        assert_eq!(read(b"ab\x7fc\r"), (LineEnd::Enter, b"ac".to_vec(), b"ab\x08 \x08c\r\n".to_vec()));
        assert_eq!(read(b"\nx\r\n").0, LineEnd::Enter);
        assert_eq!(read(b"\x1b[Ax\r").1, b"x".to_vec());
        assert_eq!(read(b"xy\x03").0, LineEnd::Cancel);
        assert_eq!(read(b"\x04").0, LineEnd::Eof);
        assert_eq!(read(b"\x02").0, LineEnd::Banner);
        assert_eq!(read("é\x7f\r".as_bytes()).1, b"".to_vec());
    }

    #[test]
    fn continuation() {
        assert!(!needs_more(b"x = 1\n"));
        assert!(needs_more(b"if x:\n"));
        assert!(needs_more(b"if x:  # why\n"));
        assert!(needs_more(b"f(1,\n"));
        assert!(!needs_more(b"f(1,\n2)\n"));
        assert!(needs_more(b"s = '''abc\n"));
        assert!(!needs_more(b"s = '''abc\n'''\n"));
        assert!(needs_more(b"for i in x:\n    y\n"));
        assert!(!needs_more(b"for i in x:\n    y\n\n"));
        assert!(!needs_more(b"print('#(:')\n"));
        assert!(!needs_more(b"d = {1: 2}\n"));
        assert!(needs_more(b"x = 1 + \\\n"));
    }
}
