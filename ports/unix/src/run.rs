//! Running a script, `-c` command, `-m` module or standard input, and
//! turning the outcome into an exit code.

use crate::args::{Options, Target};
use crate::hal::UnixHal;
use mpy_core::objdata::ObjData;
use mpy_core::types::exception::{KEYBOARD_INTERRUPT_TYPE, SYSTEM_EXIT_TYPE};
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

/// Runs `opts`, returning the process exit code.
pub fn run(prog: &str, opts: Options, stack_limit: usize) -> i32 {
    let config = Config { heap_size: opts.heap_size, opt_level: opts.opt_level, stack_limit };
    let mut vm = Vm::new(config, Box::new(UnixHal::new(stack_limit)));
    vm.set_stack_base();
    if let Err(e) = mpy_core::runtime::init::init(&mut vm) {
        let _ = e;
        eprintln!("MemoryError: heap too small to start");
        return 1;
    }
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
    let (path_list, argv_list) = (vm.sys_path, vm.sys_argv);
    if set_list(&mut vm, path_list, &initial_path(script_dir)).is_err()
        || set_list(&mut vm, argv_list, &argv).is_err()
    {
        eprintln!("MemoryError: heap too small to start");
        return 1;
    }
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
            run_source(&mut vm, &src, f, &opts, ErrOut::Stdout)
        }
        Target::Command(c) => run_source(&mut vm, c.as_bytes(), "<stdin>", &opts, ErrOut::Stdout),
        Target::Module(m) => match find_module(&mut vm, m) {
            Some((path, src)) => run_source(&mut vm, &src, &path, &opts, ErrOut::Stderr),
            None => {
                let e = vm.error(&mpy_core::types::exception::IMPORT_ERROR_TYPE, &format!("no module named '{m}'"));
                handle_uncaught(&mut vm, e, ErrOut::Stderr)
            }
        },
        Target::Stdin => {
            if std::io::stdin().is_terminal() {
                return crate::repl::repl(&mut vm, true);
            }
            let mut src = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut src);
            run_source(&mut vm, &src, "<stdin>", &opts, ErrOut::Stderr)
        }
    };
    if inspect && code == 0 {
        return crate::repl::repl(&mut vm, true);
    }
    code
}

fn run_source(vm: &mut Vm, src: &[u8], name: &str, opts: &Options, out: ErrOut) -> i32 {
    if opts.compile_only {
        return match mpy_core::vm::exec::compile_source(vm, src, name, CompileMode::Exec) {
            Ok(_) => 0,
            Err(e) => handle_uncaught(vm, e, out),
        };
    }
    match exec_source(vm, src, name, CompileMode::Exec) {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e, out),
    }
}

/// Finds `-m` module `name` along `sys.path`: `<dir>/a/b.py`, or a
/// package's `<dir>/a/b/__main__.py`. Returns its path and source.
fn find_module(vm: &mut Vm, name: &str) -> Option<(String, Vec<u8>)> {
    let rel = name.replace('.', "/");
    let dirs: Vec<String> = vm
        .seq_items(vm.sys_path)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|o| vm.str_of(o).map(String::from))
        .collect();
    for d in dirs {
        let base = if d.is_empty() { rel.clone() } else { format!("{d}/{rel}") };
        for cand in [format!("{base}.py"), format!("{base}/__main__.py")] {
            if let Ok(src) = std::fs::read(&cand) {
                return Some((cand, src));
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
