//! When the friendly REPL asks for another line (`... `), and how far the
//! next line is indented.

/// Does `src` need more input before it can be compiled (MicroPython's
/// `mp_repl_continue_with_input` rules)? `src` holds the lines typed so
/// far joined by `\n`, without a final newline, so an empty last line
/// shows as a trailing `\n`.
///
/// True when a triple-quoted string is open, a bracket is open (outside a
/// one-line string), the last line ends in a backslash, or the input
/// starts with a compound statement (`if`, `while`, `for`, `try`, `with`,
/// `def`, `class`, `async` or a decorator) and the last line is not empty.
pub fn continue_with_input(src: &[u8]) -> bool {
    if src.is_empty() {
        return false;
    }
    let compound = starts_compound(src);
    let scan = scan(src);
    if scan.open_triple {
        return true;
    }
    if scan.depth > 0 && !scan.open_single {
        return true;
    }
    if scan.trailing_backslash {
        return true;
    }
    compound && src.last() != Some(&b'\n')
}

const COMPOUND: [&[u8]; 8] = [b"if", b"while", b"for", b"try", b"with", b"def", b"class", b"async"];

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn starts_compound(src: &[u8]) -> bool {
    if src.first() == Some(&b'@') {
        return true;
    }
    COMPOUND.iter().any(|k| src.starts_with(k) && !src.get(k.len()).is_some_and(|&c| is_ident(c)))
}

struct Scan {
    depth: i32,
    open_single: bool,
    open_triple: bool,
    trailing_backslash: bool,
}

fn scan(src: &[u8]) -> Scan {
    let mut depth = 0i32;
    // The open quote: its byte and whether it is tripled.
    let mut quote: Option<(u8, bool)> = None;
    let mut i = 0;
    let mut trailing_backslash = false;
    while i < src.len() {
        let c = src[i];
        trailing_backslash = false;
        match quote {
            Some((q, triple)) => {
                if c == b'\\' {
                    trailing_backslash = i + 1 == src.len();
                    i += 1;
                } else if c == q {
                    if !triple {
                        quote = None;
                    } else if src.get(i + 1) == Some(&q) && src.get(i + 2) == Some(&q) {
                        quote = None;
                        i += 2;
                    }
                } else if c == b'\n' && !triple {
                    // An unterminated one-line string ends with its line.
                    quote = None;
                }
            }
            None => match c {
                b'#' => {
                    while i < src.len() && src[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'\'' | b'"' => {
                    if src.get(i + 1) == Some(&c) && src.get(i + 2) == Some(&c) {
                        quote = Some((c, true));
                        i += 2;
                    } else {
                        quote = Some((c, false));
                    }
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b'\\' => trailing_backslash = i + 1 == src.len(),
                _ => {}
            },
        }
        i += 1;
    }
    Scan {
        depth,
        open_single: matches!(quote, Some((_, false))),
        open_triple: matches!(quote, Some((_, true))),
        trailing_backslash,
    }
}

/// Number of spaces MicroPython's readline puts at the start of the next
/// continuation line, given the text so far ending in the `\n` of the line
/// just entered: that line's indentation rounded down to a multiple of 4,
/// plus 4 when it ends in `:`; none when it and the line before it both
/// hold only spaces (two "empty" lines end the auto-indent).
pub fn auto_indent(src: &[u8]) -> usize {
    // (Byte loops: no splitting iterators on the boards.)
    let Some(body) = src.strip_suffix(b"\n") else { return 0 };
    let start = line_start(body);
    let last = body.get(start..).unwrap_or(&[]);
    let lead = lead_spaces(last);
    if lead == last.len() && start > 0 {
        let before = body.get(..start - 1).unwrap_or(&[]);
        let prev = before.get(line_start(before)..).unwrap_or(&[]);
        if lead_spaces(prev) == prev.len() {
            return 0;
        }
    }
    (lead / 4 + usize::from(last.last() == Some(&b':'))) * 4
}

/// Where the last line of `s` starts (after its last `\n`, else 0).
fn line_start(s: &[u8]) -> usize {
    let mut i = s.len();
    while i > 0 && s.get(i - 1) != Some(&b'\n') {
        i -= 1;
    }
    i
}

/// How many spaces `l` starts with.
fn lead_spaces(l: &[u8]) -> usize {
    let mut n = 0;
    while l.get(n) == Some(&b' ') {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_rules() {
        assert!(!continue_with_input(b""));
        assert!(!continue_with_input(b"x = 1"));
        assert!(continue_with_input(b"if x:"));
        assert!(continue_with_input(b"if x:\n    y"));
        assert!(!continue_with_input(b"if x:\n    y\n"));
        assert!(continue_with_input(b"def f(): return 1"));
        assert!(!continue_with_input(b"iffy = 1"));
        assert!(continue_with_input(b"@deco"));
        assert!(continue_with_input(b"f(1,"));
        assert!(!continue_with_input(b"f(1,\n2)"));
        assert!(continue_with_input(b"s = '''abc"));
        assert!(!continue_with_input(b"s = '''abc'''"));
        assert!(continue_with_input(b"x = 1 + \\"));
        assert!(!continue_with_input(b"print('#(')"));
        assert!(!continue_with_input(b"print('(')"));
        assert!(!continue_with_input(b"x = '(\n"));
        assert!(!continue_with_input(b"x = 1 # (["));
        assert!(!continue_with_input(b"s = 'a\\'b'"));
    }

    #[test]
    fn indentation() {
        assert_eq!(auto_indent(b"for i in x:\n"), 4);
        assert_eq!(auto_indent(b"for i in x:\n    print(i)\n"), 4);
        assert_eq!(auto_indent(b"for i in x:\n    print(i)\n    \n"), 4);
        assert_eq!(auto_indent(b"for i in x:\n    print(i)\n    \n    \n"), 0);
        assert_eq!(auto_indent(b"if 1:\n    if 1:\n"), 8);
        assert_eq!(auto_indent(b"if 1:\n      x\n"), 4);
        assert_eq!(auto_indent(b"x\n"), 0);
        assert_eq!(auto_indent(b"x"), 0);
    }
}
