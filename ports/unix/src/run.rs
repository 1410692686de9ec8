//! Running a script, `-c` command, `-m` module or standard input, and
//! turning the outcome into an exit code.

use crate::args::{Options, Target};
use crate::hal::UnixHal;
use mpy_core::objdata::ObjData;
use mpy_core::types::exception::{KEYBOARD_INTERRUPT_TYPE, SYSTEM_EXIT_TYPE};
use mpy_core::vm::{print_exception, CompileMode};
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
        let args = match vm.get(exc) {
            Some(ObjData::Exception(x)) => vm.seq_items(x.args).unwrap_or_default(),
            _ => Vec::new(),
        };
        let Some(&code) = args.first() else { return 0 };
        if code == Obj::NONE {
            return 0;
        }
        if let Some(i) = code.as_small_int() {
            return (i & 0xff) as i32;
        }
        if let Ok(s) = vm.str_string(code) {
            vm.hal.stderr_write(format!("{s}\n").as_bytes());
        }
        return 1;
    }
    let mut s = String::new();
    print_exception(vm, exc, &mut s);
    match out {
        ErrOut::Stdout => vm.hal.stdout_write(s.as_bytes()),
        ErrOut::Stderr => vm.hal.stderr_write(s.as_bytes()),
    }
    if vm.exception_match(exc, kbd).unwrap_or(false) {
        130
    } else {
        1
    }
}

fn set_list(vm: &mut Vm, list: Obj, items: &[String]) -> Result<(), PyErr> {
    for it in items {
        let s = vm.new_str(it)?;
        if let Some(ObjData::List(l)) = vm.get_mut(list) {
            l.push(s);
        }
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

/// Makes and initialises a VM for `opts`: heap, frozen modules,
/// `sys.path` (with `script_dir` first, or `''`) and `sys.argv`.
fn make_vm(opts: &Options, stack_limit: usize, script_dir: Option<String>, argv: &[String]) -> Option<Vm> {
    let config = Config { heap_size: opts.heap_size, opt_level: opts.opt_level, stack_limit };
    let mut vm = Vm::new(config, Box::new(UnixHal::new(stack_limit)));
    vm.vmstate.frozen = crate::frozen::FROZEN;
    mpy_core::runtime::init::init(&mut vm).ok()?;
    let (path_list, argv_list) = (vm.sys_path, vm.sys_argv);
    set_list(&mut vm, path_list, &initial_path(script_dir)).ok()?;
    set_list(&mut vm, argv_list, argv).ok()?;
    Some(vm)
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
    let Some(mut vm) = make_vm(&opts, stack_limit, script_dir.clone(), &argv) else {
        eprintln!("MemoryError: heap too small to start");
        return 1;
    };
    vm.set_stack_base();
    let remake = || make_vm(&opts, stack_limit, None, &[]);
    let inspect = opts.inspect || std::env::var_os("MICROPYINSPECT").is_some();
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
            run_code(&mut vm, Code::from_path(f, src), f, &opts, ErrOut::Stdout)
        }
        Target::Command(c) => run_code(&mut vm, Code::Source(c.clone().into_bytes()), "<stdin>", &opts, ErrOut::Stdout),
        Target::Module(m) => match find_module(&mut vm, m) {
            Some((path, code)) => run_code(&mut vm, code, &path, &opts, ErrOut::Stderr),
            None => {
                let e = vm.error(&mpy_core::types::exception::IMPORT_ERROR_TYPE, &format!("no module named '{m}'"));
                handle_uncaught(&mut vm, e, ErrOut::Stderr)
            }
        },
        Target::Stdin => {
            if vm.vmstate.compile.is_none() {
                eprintln!("{NO_COMPILER}");
                return 1;
            }
            if std::io::stdin().is_terminal() {
                return crate::repl::repl(&mut vm, &remake);
            }
            let mut src = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut src);
            run_code(&mut vm, Code::Source(src), "<stdin>", &opts, ErrOut::Stderr)
        }
    };
    if inspect && code == 0 {
        return crate::repl::repl(&mut vm, &remake);
    }
    code
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
    fn from_path(path: &str, data: Vec<u8>) -> Code {
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
fn run_code(vm: &mut Vm, code: Code, name: &str, opts: &Options, out: ErrOut) -> i32 {
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
            let r = run_frozen_main(vm, fm);
            return finish(vm, r, out);
        }
    };
    if opts.verbose >= 2 {
        vm.hal.stdout_write(mpy_bytecode::disasm::disassemble_module(&compiled).as_bytes());
    }
    if opts.compile_only {
        return 0;
    }
    let r = mpy_core::vm::exec_module(vm, &compiled, mpy_core::q::__main__).map(|_| ());
    finish(vm, r, out)
}

fn finish(vm: &mut Vm, r: Result<(), PyErr>, out: ErrOut) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => handle_uncaught(vm, e, out),
    }
}

/// Runs frozen module `fm` as `__main__` (for `-m`).
fn run_frozen_main(vm: &mut Vm, fm: &'static mpy_core::vm::frozen::FrozenModule) -> Result<(), PyErr> {
    let m = mpy_core::vm::import::new_module(vm, mpy_core::q::__main__)?;
    vm.roots.push(m);
    let r = (|| {
        let md = vm.modules;
        if !md.is_null() {
            vm.dict_store(md, Obj::qstr(mpy_core::q::__main__), m)?;
        }
        let g = mpy_core::vm::import::module_globals(vm, m).unwrap_or(Obj::NULL);
        mpy_core::vm::frozen::exec_frozen_in(vm, fm, g).map(|_| ())
    })();
    vm.roots.pop();
    r
}

/// Finds `-m` module `name` along `sys.path`: `<dir>/a/b.py` or `.mpy`, or
/// a package's `<dir>/a/b/__main__.py` or `.mpy`; under `.frozen`, the
/// frozen modules. Returns its path and code.
fn find_module(vm: &mut Vm, name: &str) -> Option<(String, Code)> {
    use mpy_core::vm::frozen::{frozen_stat, FrozenStat, FROZEN_DIR};
    let rel = name.replace('.', "/");
    let dirs: Vec<String> = vm
        .seq_items(vm.sys_path)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|o| vm.str_of(o).map(String::from))
        .collect();
    for d in dirs {
        let base = if d.is_empty() { rel.clone() } else { format!("{d}/{rel}") };
        for cand in [format!("{base}.py"), format!("{base}.mpy"), format!("{base}/__main__.py"), format!("{base}/__main__.mpy")] {
            if d == FROZEN_DIR {
                if let FrozenStat::File(fm) = frozen_stat(vm.vmstate.frozen, &cand) {
                    return Some((cand, Code::Frozen(fm)));
                }
            } else if let Ok(data) = std::fs::read(&cand) {
                let code = Code::from_path(&cand, data);
                return Some((cand, code));
            }
        }
    }
    None
}

fn strerror(errno: i32) -> &'static str {
    match errno {
        2 => "No such file or directory",
        13 => "Permission denied",
        21 => "Is a directory",
        _ => "Error",
    }
}
