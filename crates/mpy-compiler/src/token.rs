//! Tokens produced by [`crate::lexer::Lexer`].

use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::Constant;
use crate::error::CompileError;

/// A token with the 1-based source line it is reported at.
///
/// Line rules (observed on official MicroPython):
/// * ordinary tokens: the line of their first character (a string group:
///   the line where its first literal starts);
/// * `Newline`: the line of the newline character that ends the logical
///   line (or the last line at end of input);
/// * `Indent`/`Dedent`: the line of the first token of the new line;
/// * tokens injected by the f-string desugaring (`.format(...)` and the
///   expressions inside it): the line of the token that follows the string
///   group, advanced by newlines inside the fields; every later token is
///   shifted down by the number of those newlines (MicroPython injects the
///   field text into its input and counts its newlines as source lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// 1-based source line.
    pub line: u32,
    /// What the token is.
    pub kind: Tok,
}

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased by one level.
    Dedent,
    /// End of input (repeats forever once reached).
    EndMarker,
    /// An identifier (never a keyword).
    Name(String),
    /// A keyword.
    Kw(Kw),
    /// An operator or delimiter.
    Op(Op),
    /// A valid number literal: `Int`, `BigInt`, `Float` or `Imag`.
    Number(Constant),
    /// A malformed number literal. MicroPython raises its specific message
    /// (e.g. `invalid syntax for integer with base 16: ''`) only when the
    /// parser accepts the token as an atom; anywhere else it is plain
    /// `invalid syntax` at the token's line.
    BadNumber(CompileError),
    /// A `str` literal group (adjacent literals concatenated, escapes decoded;
    /// for f-strings the desugared format string).
    Str(Vec<u8>),
    /// A `bytes` literal group.
    Bytes(Vec<u8>),
    /// A lexical error (unterminated string, stray character, bad escape,
    /// inconsistent dedent, ...). The parser raises the carried error when it
    /// meets this token.
    Error(CompileError),
}

/// Keywords, as MicroPython's lexer knows them (`print` and `exec` are
/// names; `__debug__` is a keyword).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Kw {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    /// `__debug__`: a keyword in MicroPython (it cannot be an attribute,
    /// function or import name). The parser turns it into
    /// `ExprKind::Name("__debug__")` in expression position.
    Debug,
}

impl Kw {
    /// The keyword spelled by `s`, if any.
    pub fn from_word(s: &str) -> Option<Kw> {
        let w = s.as_bytes();
        let (text, kws) = KW_BY_LEN.get(w.len().wrapping_sub(2))?;
        text.chunks_exact(w.len()).zip(kws.iter()).find(|(t, _)| t.first() == w.first() && *t == w).map(|(_, &k)| k)
    }
}

/// The keywords grouped by length (2 to 9 letters): each group's
/// spellings concatenated, and their tokens in the same order (a table
/// instead of a `match` on strings: a fraction of the code on the board,
/// and at most eight comparisons per word).
const KW_BY_LEN: [(&[u8], &[Kw]); 8] = {
    use Kw::*;
    [
        (b"asifinisor", &[As, If, In, Is, Or]),
        (b"anddefdelfornottry", &[And, Def, Del, For, Not, Try]),
        (b"NoneTrueelifelsefrompasswith", &[None, True, Elif, Else, From, Pass, With]),
        (b"Falseasyncawaitbreakclassraiseyieldwhile", &[False, Async, Await, Break, Class, Raise, Yield, While]),
        (b"assertexceptglobalimportlambdareturn", &[Assert, Except, Global, Import, Lambda, Return]),
        (b"finally", &[Finally]),
        (b"continuenonlocal", &[Continue, Nonlocal]),
        (b"__debug__", &[Debug]),
    ]
};

/// Operators and delimiters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `;`
    Semi,
    /// `.`
    Dot,
    /// `...`
    Ellipsis,
    /// `=`
    Assign,
    /// `->`
    Arrow,
    /// `:=`
    Walrus,
    /// `@` (decorator or matrix multiply)
    At,
    /// `~`
    Tilde,
    /// A binary operator token (`+`, `-`, `*`, `/`, `//`, `%`, `**`, `<<`,
    /// `>>`, `&`, `|`, `^`; `@` is [`Op::At`]).
    Bin(crate::ast::BinOp),
    /// An augmented assignment (`+=`, ..., `@=`).
    AugAssign(crate::ast::BinOp),
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `==`
    EqEq,
    /// `<=`
    LtE,
    /// `>=`
    GtE,
    /// `!=`
    NotEq,
}

#[cfg(test)]
mod tests {
    use super::Kw;

    /// The spelling-to-keyword rule the table encodes.
    fn reference(s: &str) -> Option<Kw> {
        Some(match s {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            "__debug__" => Kw::Debug,
            _ => return None,
        })
    }

    #[test]
    fn keyword_table_matches_spellings() {
        let words = [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "__debug__",
        ];
        for w in words {
            assert!(reference(w).is_some(), "{w}");
            assert_eq!(Kw::from_word(w), reference(w), "{w}");
        }
        for w in ["", "a", "x", "ass", "Non", "none", "print", "exec", "__debug", "debug__", "finallyy", "nonlocals"] {
            assert_eq!(Kw::from_word(w), None, "{w}");
        }
    }
}
