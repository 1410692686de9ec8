//! Abstract syntax tree produced by [`crate::parser`] and consumed by the
//! scope analysis and the bytecode emitter.
//!
//! # Design: source fidelity
//!
//! The emitter must reproduce official `mpy-cross` output byte for byte, so the
//! tree keeps everything MicroPython's own parse tree keeps:
//!
//! * Every [`Stmt`] and [`Expr`] carries `line`: the 1-based source line of its
//!   first token (for a decorated `def`/`class`, the line of the `def`/`class`
//!   keyword, or of `async` for `async def`; decorators carry their own lines).
//!   This is MicroPython's rule-start line: an operator node whose first
//!   operand is parenthesised starts at that `(`; a parenthesised expression
//!   itself starts at its first inner token; tuples, lists, dicts, sets and
//!   comprehensions in brackets start at the bracket. Tokens injected by the
//!   f-string desugaring have the lines described in [`crate::token::Token`].
//!   Trailer nodes ([`ExprKind::Attribute`], [`ExprKind::Subscript`],
//!   [`ExprKind::Call`]) also carry `op_line`, the line of their `.`, `[` or
//!   `(` token, because MicroPython's trailers are separate parse nodes.
//! * No constant folding: `-1` is `UnaryOp(Neg, Int(1))`, `1 + 2` stays a
//!   [`ExprKind::BinOp`]. The compiler does MicroPython's folding.
//! * Binary operators are n-ary per precedence level exactly as MicroPython's
//!   grammar groups them (`a + b - c` is one `BinOp` with `first = a` and
//!   `rest = [(Add, b), (Sub, c)]`), while a parenthesised operand is a
//!   separate node: `(1 + 2) + x` is `BinOp(first = BinOp(1, +2), rest = [+x])`
//!   but `1 + 2 + x` is `BinOp(first = 1, rest = [+2, +x])`. This matters
//!   because MicroPython folds a rule node only when all its operands are
//!   constants. `**` is right associative and always binary
//!   (`rest.len() == 1`). `and`/`or` likewise keep one [`ExprKind::BoolOp`]
//!   per unparenthesised chain.
//! * `if`/`elif`/`else` chains keep their `elif`s ([`StmtKind::If`]), and
//!   `else`/`finally` blocks are `Option`s so that an absent block is
//!   distinguishable from `else: pass`.
//! * Adjacent string literals are already concatenated; f-strings are already
//!   desugared the way MicroPython's lexer does it: `f"a{x!r:>10}b{y}"` becomes
//!   `Call(Attribute(Constant(Str("a{!r:>10}b{}")), "format"), [x, y])`, so
//!   there is no f-string node.
//! * String contents are bytes ([`Constant::Str`] is `Box<[u8]>`) because
//!   MicroPython accepts lone surrogates such as `'\ud800'`, which it stores as
//!   their 3-byte UTF-8-style encoding (not valid Rust `str`).
//! * Names are boxed `str`s ([`Ident`]); the tree has no scope information and no
//!   load/store/delete context (the position of a node tells it).
//! * Grouping parentheses leave no node, but [`Expr::parenthesized`] records
//!   them (MicroPython compiles `a, b = b, a` and `(a, b) = (b, a)`
//!   differently).
//!
//! Boxed nodes and buffers are [`P`], [`Own`] and [`List`]: `Box` and
//! `Vec` on the desktop; on the boards leaked boxes, so that no tree type
//! has drop glue (the compile's memory is given back whole there; see
//! [`Own`]).
//!
//! Type annotations are kept (MicroPython parses and ignores them; the
//! compiler must not emit code for them).
//!
//! # What the parser checks and what it leaves to the compiler
//!
//! MicroPython's parser accepts a superset of valid programs and its
//! *compiler* raises many `SyntaxError`s (after the whole file parsed, so a
//! later parse error wins over an earlier compile error). To keep that order,
//! this parser does NOT reject, and the compiler must check (messages from
//! official `mpy-cross` 1.29):
//! * assignment / `del` / `for` / `with ... as` targets: any expression is
//!   accepted (`1 = x`, `f() = 1`: `can't assign to expression`;
//!   `del f()`: `can't delete expression`; `a, *b, *c = x`:
//!   `multiple *x in assignment`);
//! * `Starred` outside an assignment target, including inside list and tuple
//!   displays (`*a`, `[*a, 1]`: `*x must be assignment target`);
//! * call/class argument order (`positional arg after keyword arg`,
//!   `positional arg after **`, `* arg after **`, `* arg after kwarg`);
//! * `try` handler order (`default 'except' must be last`);
//! * parameter order and names (`non-default argument follows default
//!   argument`, `argument name reused`);
//! * `return`/`yield`/`await`/`break`/`continue`/`nonlocal`/`async for`
//!   placement.
//!
//! The parser itself reports the few compiler-stage errors the tree could
//! not hold: a keyword argument whose left side is not a name
//! (`LHS of keyword arg must be an id`), a `:=` target that is not a name
//! (`can't assign to expression`), a non-pair in a dict display
//! (`expecting key:value for dict`) and a pair in a set display
//! (`expecting just a value for set`). It raises them only after the whole
//! input parsed, so a later parse error still wins like in MicroPython; only
//! the relative order with other compiler errors can differ. `{**a}` and
//! `{*a}` are parse errors in MicroPython too (`invalid syntax`).

pub use crate::mem::{List, Own, P};

/// An identifier or dotted name: its text, in an exactly sized box (two
/// words, not a `String`'s three: trees hold many).
pub type Ident = Own<str>;

/// What kind of input [`crate::parse`] expects, like the third argument of
/// `compile()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// A module / file: any number of statements (`compile(..., 'exec')`).
    Exec,
    /// A single expression, optionally followed by newlines
    /// (`compile(..., 'eval')`, `eval()`).
    Eval,
    /// One interactive statement: a simple-statement line (possibly several
    /// `;`-separated statements) or one compound statement
    /// (`compile(..., 'single')`, the REPL). Expression statements print
    /// their value when compiled in this mode.
    Single,
}

/// A parsed source unit, shaped by the [`Mode`] it was parsed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Module {
    /// [`Mode::Exec`]: the statements of the file, in order.
    Exec(List<Stmt>),
    /// [`Mode::Eval`]: the single expression.
    Eval(Expr),
    /// [`Mode::Single`]: the statements of the interactive input (empty for a
    /// blank line, several for `a = 1; b = 2`, one for a compound statement).
    Single(List<Stmt>),
}

/// A statement with its source line.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// 1-based line of the statement's first token (see the module docs for
    /// `def`/`class`).
    pub line: u32,
    /// What the statement is.
    pub kind: StmtKind,
}

/// A block of statements (a suite).
pub type Body = List<Stmt>;

/// The statement forms.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// `def name(args) -> returns: body`, or `async def` when `is_async`.
    FunctionDef(P<FunctionDef>),
    /// `class name(args): body`.
    ClassDef(P<ClassDef>),
    /// `return` / `return value` (`return a, b` has a `Tuple` value).
    Return(Option<Expr>),
    /// `del t1, t2, ...`: one entry per comma-separated target
    /// (`del (a, b)` is a single `Tuple` target).
    Delete(List<Expr>),
    /// `t1 = t2 = ... = value`: `targets` in source order (at least one).
    /// `value` may be a `Yield`/`YieldFrom` expression.
    Assign(AssignStmt),
    /// `target op= value` (the value may be a yield expression). Two
    /// boxed expressions, not a boxed pair: every boxed type costs code.
    AugAssign {
        /// The operator (`+=` is [`BinOp::Add`], ...).
        op: BinOp,
        /// The target (name, attribute or subscript).
        target: P<Expr>,
        /// The right-hand side.
        value: P<Expr>,
    },
    /// `target: annotation` or `target: annotation = value`. MicroPython
    /// ignores the annotation: with a value it compiles like `target = value`.
    AnnAssign(AnnAssignStmt),
    /// `for target in iter: body else: orelse` (`async for` when
    /// `is_async`): a [`WithStmt`] with one item, the iterated expression
    /// as `context_expr` and the target as `optional_vars` (see
    /// [`ForStmt`]).
    For(P<ForStmt>),
    /// `while test: body else: orelse`: an [`IfStmt`] with exactly one
    /// clause (the test and the body) and the `else` block. One boxed
    /// type for both statements: every boxed type costs code.
    While(P<IfStmt>),
    /// `if test: body` + `elif`s + optional `else`.
    If(P<IfStmt>),
    /// `with a as x, b: body` (`async with` when `is_async`). Several items
    /// behave like nested `with` statements.
    With(P<WithStmt>),
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise(RaiseStmt),
    /// `try: body` + handlers + `else` + `finally`. At least one handler or a
    /// `finally` is present; `orelse` only with handlers.
    Try(P<TryStmt>),
    /// `assert test` / `assert test, msg`.
    Assert(AssertStmt),
    /// `import a.b.c as d, e`.
    Import(List<Alias>),
    /// `from ..mod import a as b, c` / `from . import *`.
    ImportFrom {
        /// Dotted module name after the dots; `None` for `from . import x`.
        module: Option<Ident>,
        /// Imported names; empty for `from m import *` (the grammar has no
        /// empty name list otherwise). A vector like [`StmtKind::Import`]'s:
        /// one list type for both.
        names: List<Alias>,
        /// Number of leading dots (0 = absolute import); `...` counts as 3.
        level: u32,
    },
    /// `global a, b` (each an [`Alias`] with no `asname`: one list type
    /// with the imports', less code).
    Global(List<Alias>),
    /// `nonlocal a, b` (like [`StmtKind::Global`]).
    Nonlocal(List<Alias>),
    /// An expression statement (including docstrings, bare `yield`, calls).
    Expr(Expr),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// `t1 = t2 = ... = value`: `targets` in source order (at least one).
/// `value` may be a `Yield`/`YieldFrom` expression.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignStmt {
    /// Assignment targets, left to right.
    pub targets: List<Expr>,
    /// Right-hand side (boxed alone: the statement holds the rest, see
    /// [`AnnAssignStmt`]).
    pub value: P<Expr>,
}

/// `target: annotation` or `target: annotation = value`. MicroPython
/// ignores the annotation: with a value it compiles like `target = value`.
///
/// Held in the [`Stmt`] itself, its expressions boxed one by one (like
/// [`RaiseStmt`] and [`AssertStmt`]): less code than a boxed statement
/// type of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnAssignStmt {
    /// Name, attribute or subscript.
    pub target: P<Expr>,
    /// The annotation expression (not evaluated by MicroPython).
    pub annotation: P<Expr>,
    /// Optional assigned value.
    pub value: Option<P<Expr>>,
}

/// `for target in iter: body else: orelse` (`async for` when `is_async`):
/// a [`WithStmt`] whose one item holds the iterated expression (`for x in
/// a, b` gives a `Tuple`) as `context_expr` and the loop target (`Name`,
/// `Tuple`, ... possibly with a `Starred`) as `optional_vars` (always
/// present). One boxed type for both statements: every boxed type costs
/// code.
pub type ForStmt = WithStmt;

/// The parts of a compound statement: `if`/`while` ([`IfStmt`]),
/// `for`/`with` ([`WithStmt`], [`ForStmt`]) and `try` ([`TryStmt`]), each
/// leaving the parts it has not empty (one boxed type for the five
/// statements: every boxed type costs code).
#[derive(Debug, Clone, PartialEq)]
pub struct Compound {
    /// `if`/`while`: the `if` clause, then the `elif` clauses in order (at
    /// least one; one for a `while`: one list, so that parser and
    /// compiler handle every clause alike). `try`: the `except` clauses
    /// in order. Empty for `for`/`with`.
    pub clauses: List<Clause>,
    /// `with`: the context managers, in order (at least one); `for`:
    /// exactly one (see [`ForStmt`]). Empty for the others.
    pub items: List<WithItem>,
    /// The block of a `for`, `with` or `try` (empty for `if`/`while`:
    /// their clauses hold the blocks).
    pub body: Body,
    /// The `else` block of an `if`, `while`, `for` or `try`, `None` if
    /// absent (always for a `with`; for a `try`, only with handlers).
    pub orelse: Option<Body>,
    /// A `try`'s `finally` block (`None` if absent; at least one handler
    /// or a `finally` is present).
    pub finalbody: Option<Body>,
    /// `async with` / `async for`.
    pub is_async: bool,
}

/// `if test: body` + `elif`s + optional `else` (also `while test: body
/// else: orelse`, with one clause: see [`StmtKind::While`]): a
/// [`Compound`] with `clauses` and `orelse`.
pub type IfStmt = Compound;

/// `with a as x, b: body` (`async with` when `is_async`): a [`Compound`]
/// with `items`, `body` and `is_async`. Several items behave like nested
/// `with` statements. Also a `for` loop ([`ForStmt`]).
pub type WithStmt = Compound;

/// `try: body` + handlers + `else` + `finally`: a [`Compound`] with
/// `body`, the handlers in `clauses`, `orelse` and `finalbody`.
pub type TryStmt = Compound;

/// `raise`, `raise exc`, `raise exc from cause`.
#[derive(Debug, Clone, PartialEq)]
pub struct RaiseStmt {
    /// Exception (absent for a bare re-raise).
    pub exc: Option<P<Expr>>,
    /// `from` clause (only with `exc`).
    pub cause: Option<P<Expr>>,
}

/// `assert test` / `assert test, msg`.
#[derive(Debug, Clone, PartialEq)]
pub struct AssertStmt {
    /// The asserted condition.
    pub test: P<Expr>,
    /// Optional message.
    pub msg: Option<P<Expr>>,
}

/// One `if test: body` or `elif test: body` clause of [`StmtKind::If`]: a
/// [`Clause`] whose `test` is always present and `name` absent.
pub type Elif = Clause;

/// One `expr [as target]` item of a `with` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context_expr: Expr,
    /// The `as` target (any assignment target), if present.
    pub optional_vars: Option<Expr>,
}

/// One `except [type [as name]]: body` clause of [`StmtKind::Try`].
pub type ExceptHandler = Clause;

/// A clause of a compound statement: an `if`/`elif` clause ([`Elif`]) or an
/// `except` clause ([`ExceptHandler`]). One type for both: every list type
/// of the tree costs code.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Line of the `if`/`elif`/`except` keyword.
    pub line: u32,
    /// The condition of an `if`/`elif` (always present); the exception type
    /// expression of an `except` (absent for a bare `except:`).
    pub test: Option<Expr>,
    /// `except ... as name` (only with `test`); absent in an `if`/`elif`.
    pub name: Option<Ident>,
    /// Block.
    pub body: Body,
}

/// `name [as asname]` in an import. For `import a.b.c`, `name` is the
/// dotted text `"a.b.c"` (MicroPython interns the dotted name as one string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Imported (possibly dotted) name.
    pub name: Ident,
    /// `as` name.
    pub asname: Option<Ident>,
}

/// A `def` statement, or a `class` statement ([`ClassDef`]: one boxed
/// type for both, every boxed type costs code).
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// Function or class name.
    pub name: Ident,
    /// Parameters (none for a class).
    pub args: Arguments,
    /// A class's bases and keywords (incl. `*a` / `**k`), in source order,
    /// exactly as call arguments. `class A:` and `class A():` both give an
    /// empty list; always empty for a `def`.
    pub bases: Own<[Arg]>,
    /// Return annotation (`-> expr`), ignored by MicroPython (none for a
    /// class).
    pub returns: Option<P<Expr>>,
    /// Body.
    pub body: Body,
    /// Decorator expressions, top to bottom as written (applied bottom-up).
    /// MicroPython's grammar only allows a dotted name optionally followed by
    /// one call: `@a.b` or `@a.b(args)`.
    pub decorators: List<Expr>,
    /// `async def` (false for a class).
    pub is_async: bool,
}

/// A `class` statement: a [`FunctionDef`] with the bases in
/// [`FunctionDef::bases`], no parameters, no return annotation and
/// `is_async` false.
pub type ClassDef = FunctionDef;

/// The parameter list of a `def` or `lambda`.
///
/// Defaults are attached to their parameter. Default ordering is NOT checked
/// by the parser (see the module docs). A bare `*` leaves `vararg` as
/// `None`; MicroPython accepts `def f(*):` and `lambda *: 0` even with no
/// keyword-only parameters after it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arguments {
    /// Positional-or-keyword parameters, in order. (Vectors, not exactly
    /// sized boxes: a boxed slice type costs code; most lists are short.)
    pub args: List<Param>,
    /// `*name` (`default` is always `None`).
    pub vararg: Option<Param>,
    /// Keyword-only parameters (after `*` or `*name`), in order.
    pub kwonly: List<Param>,
    /// `**name` (`default` is always `None`).
    pub kwarg: Option<Param>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Line of the parameter name.
    pub line: u32,
    /// Parameter name.
    pub name: Ident,
    /// `: annotation` (never present inside `lambda`), ignored by MicroPython.
    pub annotation: Option<P<Expr>>,
    /// `= default`.
    pub default: Option<P<Expr>>,
}

/// One argument of a call or of a class's base list, in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `expr` (a bare generator argument `f(x for x in y)` is a
    /// `Positional` [`ExprKind::Comp`] of [`CompKind::Generator`]).
    Positional(Expr),
    /// `*expr`.
    Starred(Expr),
    /// `name=expr`.
    Keyword(Ident, P<Expr>),
    /// `**expr`.
    DoubleStarred(Expr),
}

/// An expression with its source line.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// 1-based line of the expression's first token ([`Expr::line`]),
    /// shifted past two flag bits: [`Expr::parenthesized`] (bit 0) and
    /// [`Expr::interned`] (bit 1) (one word for all three: trees hold
    /// many expressions; a shift is a 16-bit Thumb instruction, a mask of
    /// the top bits a 32-bit one).
    pos: u32,
    /// What the expression is.
    pub kind: ExprKind,
}

/// The parenthesized bit of [`Expr::pos`].
const PAREN: u32 = 1;
/// The interned bit of [`Expr::pos`].
const INTERNED: u32 = 2;
/// The line bits of [`Expr::pos`].
const LINE_SHIFT: u32 = 2;

impl Expr {
    /// An expression starting on `line` (below 2^30), not parenthesized
    /// nor interned.
    pub const fn new(line: u32, kind: ExprKind) -> Expr {
        Expr { pos: line << LINE_SHIFT, kind }
    }

    /// 1-based line of the expression's first token.
    pub fn line(&self) -> u32 {
        self.pos >> LINE_SHIFT
    }

    /// A long str literal ([`Constant::Str`] longer than 10 bytes) that
    /// MicroPython's parser makes a qstr: an equal identifier came before
    /// it in the source (see `crate::interned`). Always false for other
    /// expressions; shorter literals are qstrs anyway.
    pub fn interned(&self) -> bool {
        self.pos & INTERNED != 0
    }

    /// Marks the expression as interned (see [`Expr::interned`]).
    pub fn set_interned(&mut self) {
        self.pos |= INTERNED;
    }

    /// The expression was written inside its own round brackets (a
    /// MicroPython `atom_paren`): `(x)`, `(a, b)`, `()`, `(x for x in y)`,
    /// `(yield)`, also `((a, b))`. False for a bare tuple `a, b`, for a
    /// generator that is the sole call argument `f(x for x in y)`, and for
    /// sub-expressions of a parenthesised expression. MicroPython's compiler
    /// distinguishes e.g. `a, b = b, a` (swapped with `ROT_TWO`) from
    /// `(a, b) = (b, a)` (built and unpacked as a tuple).
    pub fn parenthesized(&self) -> bool {
        self.pos & PAREN != 0
    }

    /// Marks the expression as parenthesized.
    pub fn set_parenthesized(&mut self) {
        self.pos |= PAREN;
    }

    /// The line of the `(`, `.` token of a [`ExprKind::Call`] or
    /// [`ExprKind::Attribute`] (stored as a 16-bit distance from
    /// [`Expr::line`]; the parser caps it, so an expression spanning more
    /// than 65,535 lines gets its trailer's line capped too).
    pub fn op_line(&self, dline: u16) -> u32 {
        // No overflow: a line is below 2^30.
        self.line() + u32::from(dline)
    }
}

/// The expression forms.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A literal (numbers, strings, bytes, `None`, `True`, `False`, `...`).
    Constant(Constant),
    /// An identifier (`print`, `__name__`, `True` is NOT a name: see
    /// [`Constant`]). `Name("__debug__")` is MicroPython's `__debug__`
    /// keyword: it only occurs in expression position (never as an
    /// attribute, parameter, import or keyword-argument name); the compiler
    /// treats it as the constant `True` (`False` when optimising) and
    /// rejects assigning to it with `can't assign to expression`.
    Name(Ident),
    /// `and` / `or` chain: `values.len() >= 2`, all joined by `op`.
    BoolOp {
        /// `And` or `Or`.
        op: BoolOp,
        /// Operands in order.
        values: List<Expr>,
    },
    /// n-ary binary operator chain of ONE precedence level (see module docs):
    /// `first rest[0].0 rest[0].1 rest[1].0 ...`, evaluated left to right,
    /// except `**` which always has exactly one `rest` entry.
    BinOp {
        /// Leftmost operand.
        first: P<Expr>,
        /// Following operators and operands (at least one). An exactly
        /// sized box: a vector would make every [`Expr`] a word longer on
        /// 32-bit targets.
        rest: Own<[(BinOp, Expr)]>,
    },
    /// `not x`, `-x`, `+x`, `~x`.
    UnaryOp {
        /// The operator.
        op: UnaryOp,
        /// Operand.
        operand: P<Expr>,
    },
    /// Chained comparison `left op0 c0 op1 c1 ...` (at least one pair).
    Compare {
        /// Leftmost operand.
        left: P<Expr>,
        /// Operators with their right operands.
        rest: Own<[(CmpOp, Expr)]>,
    },
    /// `body if test else orelse`.
    IfExp {
        /// Condition.
        test: P<Expr>,
        /// Value if true.
        body: P<Expr>,
        /// Value if false.
        orelse: P<Expr>,
    },
    /// `lambda args: body`: a [`FunctionDef`] with an empty name, the
    /// parameters (no annotations) in `args` and the body expression (the
    /// value returned) in `returns`, always present; no body statements,
    /// bases or decorators. (One boxed type for functions and lambdas:
    /// every boxed type costs code.)
    Lambda(P<FunctionDef>),
    /// `target := value`.
    NamedExpr {
        /// Bound name.
        target: Ident,
        /// Value.
        value: P<Expr>,
    },
    /// `yield` / `yield value` (`yield a, b` has a `Tuple` value).
    Yield(Option<P<Expr>>),
    /// `yield from value`.
    YieldFrom(P<Expr>),
    /// `await value`.
    Await(P<Expr>),
    /// `func(args)`.
    Call {
        /// Called expression.
        func: P<Expr>,
        /// Arguments in source order.
        args: Own<[Arg]>,
        /// Line of the `(` token, counted from the expression's line (see
        /// [`Expr::op_line`]).
        op_dline: u16,
    },
    /// `value.attr`.
    Attribute {
        /// Object expression.
        value: P<Expr>,
        /// Attribute name.
        attr: Ident,
        /// Line of the `.` token, counted from the expression's line (see
        /// [`Expr::op_line`]).
        op_dline: u16,
    },
    /// `value[index]`. `a[1:2]` has a `Slice` index; `a[1:2, 3]` and
    /// `a[1, 2]` have a `Tuple` index (of slices and/or expressions).
    Subscript {
        /// Subscripted expression.
        value: P<Expr>,
        /// Index, a `Slice`, or a `Tuple`.
        index: P<Expr>,
        /// Line of the `[` token.
        op_line: u32,
    },
    /// `*value` in a display, an assignment target, or a `for` target.
    /// (Starred call arguments are [`Arg::Starred`] instead.)
    Starred(P<Expr>),
    /// `lower:upper` / `lower:upper:step` (only as a subscript index or an
    /// element of a subscript's index tuple). `a[::]` and `a[:]` are the
    /// same slice (MicroPython emits the same code for both).
    Slice {
        /// Start.
        lower: Option<P<Expr>>,
        /// Stop.
        upper: Option<P<Expr>>,
        /// Step.
        step: Option<P<Expr>>,
    },
    /// `[a, *b]`.
    List(List<Expr>),
    /// `a, *b` / `(a, b)` / `()`.
    Tuple(List<Expr>),
    /// `{a, b}` (never empty: `{}` is a dict; `{*a}` is rejected by the
    /// parser like MicroPython does).
    Set(List<Expr>),
    /// `{k0: v0, k1: v1}`: keys and values alternate (`[k0, v0, k1, v1]`;
    /// one list of expressions, no item type of its own: less code).
    /// MicroPython has no `**m` unpacking in a dict display.
    Dict(List<Expr>),
    /// `[elt for ...]`, `{elt for ...}`, `{key: value for ...}`, `(elt
    /// for ...)` (also a bare generator call argument). One variant for
    /// the four: every variant costs code in each walk of the tree.
    Comp {
        /// Which comprehension.
        kind: CompKind,
        /// Element expression; for a dict comprehension, the key and the
        /// value as a two-item [`ExprKind::Dict`] display (at the key's
        /// line): a boxed pair would be one more boxed type (code).
        elt: P<Expr>,
        /// `for`/`if` clauses (at least one).
        generators: Own<[Comprehension]>,
    },
}

/// The kind of an [`ExprKind::Comp`] (in the order of the comprehension
/// scope kinds, so the compiler maps one to the other with an add; list,
/// dict, set are also the low bits of their STORE_COMP operand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompKind {
    /// `[elt for ...]`.
    List,
    /// `{key: value for ...}`.
    Dict,
    /// `{elt for ...}`.
    Set,
    /// `(elt for ...)`.
    Generator,
}

/// A literal value, as MicroPython's parser would produce it (no folding).
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True`.
    True,
    /// `False`.
    False,
    /// `...`.
    Ellipsis,
    /// An integer literal whose value fits in `i64` (always >= 0: a minus
    /// sign is a unary operator).
    Int(I64),
    /// An integer literal too large for `i64`: its value in decimal ASCII
    /// digits, no sign, no leading zeros (`0x10000000000000000` gives
    /// `"18446744073709551616"`). Same text as a `.mpy` int constant.
    BigInt(Own<str>),
    /// A float literal (`1.5`, `1e10`, `1_0.0`), with the value MicroPython's
    /// number parser gives it.
    Float(F64),
    /// An imaginary literal (`2j`, `1.5J`): the imaginary part.
    Imag(F64),
    /// A `str` literal (all adjacent literals already concatenated, escapes
    /// decoded). Bytes in MicroPython's UTF-8 encoding; may contain encoded
    /// surrogates from `\ud800`-style escapes, hence not a `String`.
    Str(Own<[u8]>),
    /// A `bytes` literal (concatenated, escapes decoded).
    Bytes(Own<[u8]>),
}

/// One `[async] for target in iter [if cond]...` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// Line of the `for` (or `async`) token.
    pub line: u32,
    /// Loop target.
    pub target: Expr,
    /// Iterated expression. For the first clause it is evaluated in the
    /// enclosing scope.
    pub iter: Expr,
    /// `if` conditions following this `for`, in order.
    pub ifs: List<Expr>,
    /// `async for`. Always `false` from this parser: MicroPython's grammar
    /// has no asynchronous comprehensions (`invalid syntax`).
    pub is_async: bool,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Binary (and augmented-assignment) operators.
///
/// Precedence levels (lowest first), each one n-ary level of
/// [`ExprKind::BinOp`]: `|`; `^`; `&`; `<<` `>>`; `+` `-`;
/// `*` `@` `/` `//` `%`; `**` (binary, right associative, binds tighter
/// than unary minus on its left: `-2**2` is `-(2**2)`).
///
/// The variants are in the order of MicroPython's binary-operator
/// opcodes (`OR` .. `POWER`): a variant's value is its opcode offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mult,
    /// `@`
    MatMult,
    /// `//`
    FloorDiv,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `**`
    Pow,
}

/// Unary operators, in the order of MicroPython's unary-operator opcodes
/// (`POSITIVE`, `NEGATIVE`, `INVERT`, `NOT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `+`
    Pos,
    /// `-`
    Neg,
    /// `~`
    Invert,
    /// `not`
    Not,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `==`
    Eq,
    /// `<=`
    LtE,
    /// `>=`
    GtE,
    /// `!=`
    NotEq,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `is`
    Is,
    /// `is not`
    IsNot,
}

/// An `i64` kept as two `u32` words: 4-byte aligned, so [`Constant`] and
/// [`Expr`] need no 8-byte alignment (and padding) on 32-bit targets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct I64([u32; 2]);

impl I64 {
    /// Holds `v`.
    pub const fn new(v: i64) -> I64 {
        I64([v as u64 as u32, (v as u64 >> 32) as u32])
    }

    /// The value.
    pub const fn get(self) -> i64 {
        (self.0[0] as u64 | (self.0[1] as u64) << 32) as i64
    }
}

impl core::fmt::Debug for I64 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.get(), f)
    }
}

/// An `f64` kept as two `u32` words (see [`I64`]); compares as an `f64`.
#[derive(Clone, Copy)]
pub struct F64([u32; 2]);

impl F64 {
    /// Holds `v`.
    pub const fn new(v: f64) -> F64 {
        let b = v.to_bits();
        F64([b as u32, (b >> 32) as u32])
    }

    /// The value.
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0[0] as u64 | (self.0[1] as u64) << 32)
    }
}

impl PartialEq for F64 {
    fn eq(&self, o: &F64) -> bool {
        self.get() == o.get()
    }
}

impl core::fmt::Debug for F64 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.get(), f)
    }
}

// Every variant's fields fit in 16 bytes with the tag (a `Vec` and a box
// in one variant do not): 20 bytes per expression.
#[cfg(target_pointer_width = "32")]
const _: () = assert!(core::mem::size_of::<Expr>() <= 20);
