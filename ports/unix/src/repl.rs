//! The basic interactive REPL: `>>> ` / `... ` prompts, multi-line blocks,
//! expression results echoed (via `__repl_print__`).

use crate::run::{banner, handle_uncaught, ErrOut};
use mpy_core::vm::{exec_source, CompileMode};
use mpy_core::Vm;
use std::io::{BufRead, Write};

/// Does `text` need more lines before it can be compiled? True after a
/// line ending in `:` or `\`, inside brackets or a triple-quoted string,
/// and (once a block has started) until an empty line.
pub fn needs_more(text: &str) -> bool {
    let mut depth: i32 = 0;
    let mut chars = text.chars().peekable();
    let mut in_str: Option<(char, bool)> = None;
    while let Some(c) = chars.next() {
        match in_str {
            Some((q, triple)) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    if !triple {
                        in_str = None;
                    } else if chars.peek() == Some(&q) {
                        chars.next();
                        if chars.peek() == Some(&q) {
                            chars.next();
                            in_str = None;
                        }
                    }
                } else if c == '\n' && !triple {
                    in_str = None;
                }
            }
            None => match c {
                '#' => {
                    for c2 in chars.by_ref() {
                        if c2 == '\n' {
                            break;
                        }
                    }
                }
                '\'' | '"' => {
                    let mut triple = false;
                    if chars.peek() == Some(&c) {
                        chars.next();
                        if chars.peek() == Some(&c) {
                            chars.next();
                            triple = true;
                        } else {
                            continue; // empty string
                        }
                    }
                    in_str = Some((c, triple));
                }
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            },
        }
    }
    if depth > 0 || matches!(in_str, Some((_, true))) {
        return true;
    }
    let last = text.trim_end_matches('\n').lines().last().unwrap_or("");
    let t = last.trim_end();
    if t.ends_with(':') || t.ends_with('\\') {
        return true;
    }
    // Inside a compound statement: wait for an empty line.
    let first = text.trim_start();
    let compound = ["if ", "while ", "for ", "def ", "class ", "try:", "with ", "@", "async "]
        .iter()
        .any(|k| first.starts_with(k));
    compound && !text.ends_with("\n\n") && !last.trim().is_empty()
}

/// Runs the REPL until end of input; returns the exit code.
pub fn repl(vm: &mut Vm, show_banner: bool) -> i32 {
    if show_banner {
        println!("{}", banner());
        println!("Type \"help()\" for more information.");
    }
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    loop {
        print!(">>> ");
        let _ = std::io::stdout().flush();
        let mut text = String::new();
        if lines.read_line(&mut text).unwrap_or(0) == 0 {
            println!();
            return 0;
        }
        if text.trim().is_empty() {
            continue;
        }
        while needs_more(&text) {
            print!("... ");
            let _ = std::io::stdout().flush();
            let mut more = String::new();
            if lines.read_line(&mut more).unwrap_or(0) == 0 {
                break;
            }
            if more.trim().is_empty() {
                text.push('\n');
                break;
            }
            text.push_str(&more);
        }
        if let Err(e) = exec_source(vm, text.as_bytes(), "<stdin>", CompileMode::Single) {
            let code = handle_uncaught(vm, e, ErrOut::Stdout);
            let is_exit = vm
                .exception_match(e.0, mpy_core::Obj::from_type(&mpy_core::types::exception::SYSTEM_EXIT_TYPE))
                .unwrap_or(false);
            if is_exit {
                return code;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::needs_more;

    #[test]
    fn continuation() {
        assert!(!needs_more("x = 1\n"));
        assert!(needs_more("if x:\n"));
        assert!(needs_more("f(1,\n"));
        assert!(!needs_more("f(1,\n2)\n"));
        assert!(needs_more("s = '''abc\n"));
        assert!(needs_more("if x:\n    y\n"));
        assert!(!needs_more("if x:\n    y\n\n"));
        assert!(!needs_more("print('#(')\n"));
    }
}
