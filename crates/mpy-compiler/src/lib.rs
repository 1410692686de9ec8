//! The MicroPython compiler: source text -> tokens -> AST -> raw code
//! (bytecode plus constant tables as plain data, no heap objects).
#![no_std]
extern crate alloc;

pub mod ast;
pub mod error;
pub mod int;
pub mod lexer;
pub mod mem;
pub mod parser;
pub mod stack;
pub mod token;

pub use ast::Mode;
pub use error::{CompileError, ErrorKind};

/// Parses `source` (raw bytes) into an AST, like the first half of
/// MicroPython's `compile(source, filename, mode)`, with no memory or
/// stack limit (see [`parse_with`]).
///
/// `filename` is not stored in the tree (the compiler gets it separately); it
/// is accepted here so callers have one entry point. `mode` selects the start
/// rule. Errors are MicroPython's compile exceptions (`SyntaxError`,
/// `IndentationError`, `NotImplementedError`) with their line; see
/// [`lexer`] and [`parser`] for the exact behaviour. Never panics, whatever
/// the input.
pub fn parse(source: &[u8], filename: &str, mode: Mode) -> Result<ast::Module, CompileError> {
    let opts = CompileOptions { mode, ..CompileOptions::default() };
    parse_with(source, filename, &opts)
}

/// Parses `source` in `opts.mode` within `opts`'s memory budget, nesting
/// and stack limits: like [`parse`], plus `MemoryError` and
/// `RuntimeError: maximum recursion depth exceeded`.
pub fn parse_with(source: &[u8], filename: &str, opts: &CompileOptions) -> Result<ast::Module, CompileError> {
    let _ = filename;
    let mem = mem::Mem::new(opts.mem_limit);
    parser::parse_module(source, opts.mode, &mem, opts.max_depth, stack::StackGuard::new(opts.stack_limit))
}

pub mod compile;
pub mod emit;
mod interned;
pub mod scope;

pub use mpy_bytecode::CompiledModule;

/// Whether the identifier `name` is `word` (one out-of-line comparison
/// on the boards instead of an inlined length check and `memcmp` at
/// every name the compiler recognises).
#[cfg_attr(target_os = "none", inline(never))]
pub(crate) fn is(name: &str, word: &str) -> bool {
    name == word
}

/// Options for [`compile`], mirroring `mpy-cross`'s command line.
#[derive(Debug, Clone, Copy)]
pub struct CompileOptions {
    /// Exec (a file), Eval (one expression whose value the module code
    /// returns) or Single (one REPL input: expression statements pass
    /// their value to the builtin `__repl_print__`).
    pub mode: Mode,
    /// Optimisation level like `-O<n>`: at 1 and above `assert` statements
    /// are removed and `__debug__` is False; at 3 no line-number table is
    /// emitted.
    pub opt_level: u8,
    /// Bits of a small int on the target (`-msmall-int-bits`, default 31):
    /// ints outside ±2^(bits−1) are stored as constant objects.
    pub small_int_bits: u8,
    /// Bytes of memory the compilation may hold at once (tokens, tree,
    /// tables, bytecode and the result), like a bounded arena; past it
    /// the compilation fails with [`ErrorKind::MemoryError`]. Failures of
    /// the allocator itself are `MemoryError` too. Default: no limit
    /// (`usize::MAX`). See [`mem`].
    pub mem_limit: usize,
    /// Bytes of native stack the parser and compiler may use below the
    /// frame of the entry point (each nesting level also reserves a little
    /// for the tree's recursive destructor); past it the compilation fails
    /// with [`ErrorKind::RuntimeError`] (`maximum recursion depth
    /// exceeded`). Default: no limit (`usize::MAX`), the nesting is bounded
    /// by `max_depth` alone. See [`stack`].
    pub stack_limit: usize,
    /// Nesting levels (brackets, unary operators, blocks, trailers) the
    /// parser accepts before `SyntaxError: too complex`. Default
    /// [`parser::MAX_DEPTH`]; a caller that sets `stack_limit` may lift it
    /// (`u32::MAX`) and let the stack bound the nesting.
    pub max_depth: u32,
    /// Whether the run time already holds a string as a qstr: an equal
    /// long string literal is then a qstr (LOAD_CONST_STRING), as
    /// MicroPython's parser makes it. Default: what `mpy-cross` holds,
    /// [`is_static_qstr`]; a run time passes its own lookup (the board
    /// images: their qstr table, which keeps one copy of the strings).
    pub is_static_qstr: fn(&str) -> bool,
}

/// The default [`CompileOptions::is_static_qstr`], what official
/// `mpy-cross` holds: `s` is in `mpy_bytecode`'s static qstr table (the
/// ids `.mpy` files share) or [`is_mpy_cross_pool_qstr`].
pub fn is_static_qstr(s: &str) -> bool {
    mpy_bytecode::static_qstr::static_qstr_id(s).is_some() || is_mpy_cross_pool_qstr(s)
}

/// Whether `s` is one of the long (over 10 bytes) qstrs that official
/// `mpy-cross` has interned at start-up beyond the static `.mpy` qstr
/// list, so that an equal string literal becomes a qstr (found by
/// compiling probe files).
pub fn is_mpy_cross_pool_qstr(s: &str) -> bool {
    [
        "Interpolation",
        "format_spec",
        "maximum recursion depth exceeded",
        "interpolations",
        "StopAsyncIteration",
        "UnicodeError",
        "ViperTypeError",
        "__build_class__",
        "__complex__",
        "__contains__",
        "__repl_print__",
        "__reversed__",
        "__traceback__",
        "difference_update",
        "heap_unlock",
        "intersection",
        "intersection_update",
        "symmetric_difference",
        "symmetric_difference_update",
        "unpack_from",
    ].contains(&s)
}

impl CompileOptions {
    /// The defaults: exec mode, `-O0`, 31-bit small ints, no memory or
    /// stack limit, [`parser::MAX_DEPTH`] nesting levels.
    pub const DEFAULT: CompileOptions = CompileOptions {
        mode: Mode::Exec,
        opt_level: 0,
        small_int_bits: 31,
        mem_limit: usize::MAX,
        stack_limit: usize::MAX,
        max_depth: parser::MAX_DEPTH,
        is_static_qstr,
    };
}

impl PartialEq for CompileOptions {
    fn eq(&self, o: &CompileOptions) -> bool {
        self.mode == o.mode
            && self.opt_level == o.opt_level
            && self.small_int_bits == o.small_int_bits
            && self.mem_limit == o.mem_limit
            && self.stack_limit == o.stack_limit
            && self.max_depth == o.max_depth
            && core::ptr::fn_addr_eq(self.is_static_qstr, o.is_static_qstr)
    }
}

impl Eq for CompileOptions {}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions::DEFAULT
    }
}

/// Compiles Python `source` to a [`CompiledModule`] byte-identical to what
/// official `mpy-cross` 1.29 produces (qstr table entry 0 is `filename`).
///
/// Errors: the parser's `SyntaxError`/`IndentationError`, and compile
/// errors with MicroPython's messages (`'return' outside function`,
/// `'break' outside loop`, `identifier redefined as global`, ...) and the
/// line they were found on; `MemoryError` past `opts.mem_limit` and
/// `RuntimeError` past `opts.stack_limit`. Never panics or aborts.
pub fn compile(source: &[u8], filename: &str, opts: &CompileOptions) -> Result<CompiledModule, CompileError> {
    compile_traced(source, filename, opts).map_err(|f| f.error)
}

/// A compile error with the name of the code block it was found in
/// (`None` for errors found by the lexer/parser), as MicroPython's
/// traceback shows it (`File "x.py", line 3, in f`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileFailure {
    /// The error.
    pub error: CompileError,
    /// Block name (`<module>`, function or class name), for compiler
    /// errors only.
    pub block: Option<alloc::string::String>,
}

/// Like [`compile`], but also tells which block a compiler error is in.
pub fn compile_traced(source: &[u8], filename: &str, opts: &CompileOptions) -> Result<CompiledModule, CompileFailure> {
    compile_traced_lines(source, filename, opts, true)
}

/// Like [`compile_traced`]; `source_lines = false` omits the line-number
/// tables (`mpy-cross -X no-source-lines`).
pub fn compile_traced_lines(
    source: &[u8],
    filename: &str,
    opts: &CompileOptions,
    source_lines: bool,
) -> Result<CompiledModule, CompileFailure> {
    let mem = mem::Mem::new(opts.mem_limit);
    let stack = stack::StackGuard::new(opts.stack_limit);
    let module = parser::parse_module(source, opts.mode, &mem, opts.max_depth, stack)
        .map_err(|error| CompileFailure { error, block: None })?;
    compile::compile_ast(&module, filename, opts, Some(source), source_lines, &mem, stack)
        .map_err(|(error, block)| CompileFailure { error, block })
}

/// Compiles an already parsed module (see [`compile`]). Without the
/// source text, a parenthesized two-item tuple constant with a trailing
/// comma gets the line of its first item (the source tells where the
/// comma is).
pub fn compile_ast(module: &ast::Module, filename: &str, opts: &CompileOptions) -> Result<CompiledModule, CompileFailure> {
    let mem = mem::Mem::new(opts.mem_limit);
    let stack = stack::StackGuard::new(opts.stack_limit);
    compile::compile_ast(module, filename, opts, None, true, &mem, stack).map_err(|(error, block)| CompileFailure { error, block })
}
