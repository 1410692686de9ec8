//! Running a script, `-c` command, `-m` module or standard input, and
//! turning the outcome into an exit code.

use crate::args::{Options, Target};
use crate::hal::UnixHal;
use mpy_core::runtime::print::Out;
use mpy_core::types::exception::{ExceptionObj, KEYBOARD_INTERRUPT_TYPE, SYSTEM_EXIT_TYPE};
use mpy_core::vm::{exec_source, print_exception, CompileMode};
use mpy_core::{Config, Obj, PyErr, Vm};
use std::io::IsTerminal;

/// The version line (`--version`) and REPL banner's first line.
pub fn banner() -> String {
    format!(
        "MicroPython v1.27.0-rs{} on {}; linux [rustc] version",
        env!("CARGO_PKG_VERSION"),
        option_env!("MPY_BUILD_DATE").unwrap_or("2026-11-21")
    )
}

/// Where an uncaught exception's traceback goes.
#[derive(Clone, Copy, PartialEq)]
pub enum ErrOut {
    Stdout,
    Stderr,
}

/// Exit code for an uncaught exception, printing it (SystemExit prints
/// nothing, or its message to stderr when it is not an int).
pub fn handle_uncaught(vm: &mut Vm, e: PyErr, out: ErrOut) -> i32 {
    let exc = e.0;
    let sys_exit = Obj::from_type(&SYSTEM_EXIT_TYPE);
    let kbd = Obj::from_type(&KEYBOARD_INTERRUPT_TYPE);
    if vm.exception_match(exc, sys_exit).unwrap_or(false) {
        let args = vm.heap.get::<ExceptionObj>(exc).map_or(Obj::NULL, |x| x.args);
        let Some(&code) = vm.tuple_pinned(args).and_then(|a| a.first()) else { return 0 };
        if code == Obj::NONE {
            return 0;
        }
        if let Some(i) = code.as_small_int() {
            return (i & 0xff) as i32;
        }
        let mut err = Out::Stderr;
        if vm.print_obj(code, &mut err, mpy_core::typ::PrintKind::Str).is_ok() {
            vm.hal.stderr_write(b"\n");
        }
        return 1;
    }
    let mut o = match out {
        ErrOut::Stdout => Out::Stdout,
        ErrOut::Stderr => Out::Stderr,
    };
    let _ = print_exception(vm, exc, &mut o);
    if vm.exception_match(exc, kbd).unwrap_or(false) {
        130
    } else {
        1
    }
}

fn set_list(vm: &mut Vm, list: Obj, items: &[String]) -> Result<(), PyErr> {
    for it in items {
        let s = vm.new_str(it)?;
        mpy_core::types::list::list_append(vm, list, s)?;
    }
    Ok(())
}

/// `sys.path`: `['']` (or the script's directory) then `MICROPYPATH`'s
/// entries (default `.frozen:~/.micropython/lib:/usr/lib/micropython`).
fn initial_path(script_dir: Option<String>) -> Vec<String> {
    let mut p = vec![script_dir.unwrap_or_default()];
    let env = std::env::var("MICROPYPATH")
        .unwrap_or_else(|_| ".frozen:~/.micropython/lib:/usr/lib/micropython".into());
    let home = std::env::var("HOME").unwrap_or_default();
    for e in env.split(':') {
        if let Some(rest) = e.strip_prefix('~') {
            p.push(format!("{home}{rest}"));
        } else {
            p.push(e.to_string());
        }
    }
    p
}

/// Why [`make_vm`] failed.
enum StartError {
    /// The heap region could not be allocated.
    NoHeap,
    /// The heap is too small for start-up.
    HeapTooSmall,
}

/// Makes and initialises a VM for `opts`: heap, frozen modules,
/// `sys.path` (with `script_dir` first, or `''`) and `sys.argv`.
fn make_vm(opts: &Options, stack_limit: usize, script_dir: Option<String>, argv: &[String]) -> Result<Vm, StartError> {
    let config = Config { heap_size: opts.heap_size, opt_level: opts.opt_level, stack_limit, ..Config::default() };
    let mut vm = Vm::new(config, Box::new(UnixHal::new(stack_limit))).map_err(|_| StartError::NoHeap)?;
    // Objects the calls below hold in their locals must be seen by the
    // collector's stack scan (the caller sets the base again for its own
    // frame once it has the `Vm`).
    vm.set_stack_base();
    vm.vmstate.frozen = crate::frozen::FROZEN;
    mpy_core::runtime::init::init(&mut vm).map_err(|_| StartError::HeapTooSmall)?;
    let (path_list, argv_list) = (vm.sys_path, vm.sys_argv);
    set_list(&mut vm, path_list, &initial_path(script_dir)).map_err(|_| StartError::HeapTooSmall)?;
    set_list(&mut vm, argv_list, argv).map_err(|_| StartError::HeapTooSmall)?;
    Ok(vm)
}

/// Runs `opts`, returning the process exit code.
pub fn run(prog: &str, opts: Options, stack_limit: usize) -> i32 {
    let script_dir = match &opts.target {
        Target::File(f) => Some(match std::path::Path::new(f).parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_string_lossy().into_owned(),
            _ => String::new(),
        }),
        _ => None,
    };
    let mut argv = vec![match &opts.target {
        Target::File(f) => f.clone(),
        Target::Command(_) => "-c".into(),
        Target::Module(m) => m.clone(),
        Target::Stdin => String::new(),
    }];
    if opts.target == Target::Stdin {
        argv.clear();
    }
    argv.extend(opts.args.iter().cloned());
    let mut vm = match make_vm(&opts, stack_limit, script_dir, &argv) {
        Ok(vm) => vm,
        Err(StartError::NoHeap) => {
            eprintln!("{prog}: can't allocate a heap of {} bytes", opts.heap_size);
            return 1;
        }
        Err(StartError::HeapTooSmall) => {
            eprintln!("MemoryError: heap too small to start");
            return 1;
        }
    };
    vm.set_stack_base();
    let remake = || make_vm(&opts, stack_limit, None, &[]).ok();
    let inspect = opts.inspect || std::env::var_os("MICROPYINSPECT").is_some_and(|v| !v.is_empty());
    let code = match &opts.target {
        Target::File(f) => {
            let src = match std::fs::read(f) {
                Ok(s) => s,
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(2);
                    eprintln!("{prog}: can't open file '{f}': [Errno {errno}] {}", strerror(errno));
                    return 2;
                }
            };
            run_code(&mut vm, Code::from_path(f, src), f, true, None, &opts, ErrOut::Stdout)
        }
        Target::Command(c) => {
            run_code(&mut vm, Code::Source(c.clone().into_bytes()), "<stdin>", false, None, &opts, ErrOut::Stdout)
        }
        Target::Module(m) => match crate::run_module::find(&mut vm, m) {
            Ok((path, code, name)) => run_code(&mut vm, code, &path, true, Some(&name), &opts, ErrOut::Stderr),
            Err(code) => code,
        },
        Target::Stdin => {
            if vm.vmstate.compile.is_none() {
                eprintln!("{NO_COMPILER}");
                return 1;
            }
            if std::io::stdin().is_terminal() {
                let code = crate::repl::repl(&mut vm, &remake);
                return finish_vm(&mut vm, code, opts.verbose);
            }
            let mut src = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut src);
            run_code(&mut vm, Code::Source(src), "<stdin>", false, None, &opts, ErrOut::Stderr)
        }
    };
    // -i: the REPL follows whatever the script did (an exception or
    // `sys.exit()` included), and its exit code is the one that counts.
    let code = if inspect { crate::repl::repl(&mut vm, &remake) } else { code };
    finish_vm(&mut vm, code, opts.verbose)
}

/// The end of a run: `sys.atexit`'s function (an exception it raises is
/// reported like an uncaught one and gives the exit code), then with `-v`
/// the memory statistics (`micropython.mem_info()`).
fn finish_vm(vm: &mut Vm, code: i32, verbose: u32) -> i32 {
    let mut code = code;
    guarded(|| {
        if let Err(e) = mpy_core::modules::sys_atexit::run_atexit(vm) {
            code = handle_uncaught(vm, e, ErrOut::Stdout);
        }
    });
    if verbose > 0 {
        let _ = exec_source(vm, b"import micropython\nmicropython.mem_info()\n", "<verbose>", CompileMode::Exec);
    }
    code
}

/// Runs `f` (Python code) with the allocation guard armed, on builds
/// that have it (feature `alloc-guard`).
pub fn guarded<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(feature = "alloc-guard")]
    crate::alloc_guard::arm();
    let r = f();
    #[cfg(feature = "alloc-guard")]
    crate::alloc_guard::disarm();
    r
}

/// What the build without the `compiler` feature says for source code.
const NO_COMPILER: &str =
    "micropython: this build has no compiler (built without the 'compiler' feature): it can only run .mpy files and frozen modules";

/// Code to run: source text, `.mpy` contents, or a frozen module.
pub enum Code {
    /// Python source.
    Source(Vec<u8>),
    /// The contents of a `.mpy` file.
    Mpy(Vec<u8>),
    /// A frozen module.
    Frozen(&'static mpy_core::vm::frozen::FrozenModule),
}

impl Code {
    /// File contents: `.mpy` by extension, else source.
    pub fn from_path(path: &str, data: Vec<u8>) -> Code {
        if path.ends_with(".mpy") {
            Code::Mpy(data)
        } else {
            Code::Source(data)
        }
    }
}

/// Compiles or loads `code` (named `name`); with `-X compile-only` stops
/// there, with `-v -v` prints its bytecode first; then runs it as
/// `__main__`. Returns the exit code.
fn run_code(vm: &mut Vm, code: Code, name: &str, has_file: bool, module: Option<&str>, opts: &Options, out: ErrOut) -> i32 {
    let file = if has_file { Some(name) } else { None };
    let compiled = match code {
        Code::Source(src) => {
            if vm.vmstate.compile.is_none() {
                eprintln!("{NO_COMPILER}");
                return 1;
            }
            match mpy_core::vm::exec::compile_source(vm, &src, name, CompileMode::Exec) {
                Ok(c) => c,
                Err(e) => return handle_uncaught(vm, e, out),
            }
        }
        Code::Mpy(data) => match mpy_core::vm::frozen::parse_mpy(vm, &data) {
            Ok(c) => c,
            Err(e) => return handle_uncaught(vm, e, out),
        },
        Code::Frozen(fm) => {
            if opts.verbose >= 2 {
                println!("frozen module {}: bytecode in read-only memory", fm.path);
            }
            if opts.compile_only {
                return 0;
            }
            return guarded(|| {
                let r = run_frozen_main(vm, fm, file, module);
                finish(vm, r, out)
            });
        }
    };
    if opts.verbose >= 2 {
        vm.hal.stdout_write(crate::showbc::dump_module(&compiled).as_bytes());
    }
    if opts.compile_only {
        return 0;
    }
    guarded(|| {
        let r = main_globals(vm, file, module).and_then(|g| mpy_core::vm::exec::run_compiled(vm, &compiled, g, g).map(|_| ()));
        finish(vm, r, out)
    })
}

fn finish(vm: &mut Vm, r: Result<(), PyErr>, out: ErrOut) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => handle_uncaught(vm, e, out),
    }
}

/// Creates the `__main__` module (registered in `sys.modules`, with
/// `__file__` when running a file, and for `-m` the module's real name
/// in its global `__main__`) and returns its globals.
///
/// Errors: `MemoryError`.
fn main_globals(vm: &mut Vm, file: Option<&str>, module: Option<&str>) -> Result<Obj, PyErr> {
    // `m` stays on this stack frame: the collector scans the native stack.
    let m = mpy_core::vm::module::new_module(vm, mpy_core::q::__main__)?;
    if vm.modules.is_null() {
        vm.modules = vm.new_dict()?;
    }
    let md = vm.modules;
    vm.dict_store(md, Obj::qstr(mpy_core::q::__main__), m)?;
    let g = mpy_core::vm::module::module_globals(vm, m).unwrap_or(Obj::NULL);
    if let Some(f) = file {
        let fq = vm.intern(f)?;
        vm.dict_store(g, Obj::qstr(mpy_core::q::__file__), Obj::qstr(fq))?;
    }
    if let Some(name) = module {
        // The real name of a `-m` module, for its relative imports.
        let nq = vm.intern(name)?;
        vm.dict_store(g, Obj::qstr(mpy_core::q::__main__), Obj::qstr(nq))?;
    }
    Ok(g)
}

/// Runs frozen module `fm` as `__main__` (for `-m`).
fn run_frozen_main(
    vm: &mut Vm,
    fm: &'static mpy_core::vm::frozen::FrozenModule,
    file: Option<&str>,
    module: Option<&str>,
) -> Result<(), PyErr> {
    let g = main_globals(vm, file, module)?;
    mpy_core::vm::frozen::exec_frozen_in(vm, fm, g).map(|_| ())
}

fn strerror(errno: i32) -> &'static str {
    match errno {
        2 => "No such file or directory",
        13 => "Permission denied",
        21 => "Is a directory",
        _ => "Error",
    }
}
