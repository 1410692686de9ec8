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
}

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
