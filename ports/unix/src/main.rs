//! `micropython`: the unix port's command (see shared/spec/unix-cli.md).

#[cfg(feature = "alloc-guard")]
mod alloc_guard;
mod args;
mod console;
mod frozen;
mod hal;
mod repl;
mod run;
mod run_module;
mod showbc;

use std::io::Write;

#[cfg(feature = "alloc-guard")]
#[global_allocator]
static GLOBAL: alloc_guard::GuardAlloc = alloc_guard::GuardAlloc;

/// Native stack for the interpreter thread, and how much of it Python
/// recursion may use before `RuntimeError: maximum recursion depth
/// exceeded` (the rest is headroom for native code below the check).
const THREAD_STACK: usize = 64 * 1024 * 1024;
const PY_STACK_LIMIT: usize = 48 * 1024 * 1024;

const USAGE: &str = "usage: micropython [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>]
Options:
-h : print this help message
-i : enable inspection via REPL after running command/module/file
-v : verbose (trace various operations); can be multiple
-O[N] : apply bytecode optimizations of level N

Implementation specific options (-X):
  compile-only                 -- parse and compile only
  emit={bytecode,native,viper} -- set the default code emitter
  heapsize=<n>[w][K|M] -- set the heap size for the GC (default 2097152)
";

fn main() {
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let prog = argv.first().cloned().unwrap_or_else(|| "micropython".into());
    let code = match args::parse(argv.get(1..).unwrap_or(&[])) {
        args::Parsed::Help => {
            print!("{USAGE}");
            0
        }
        args::Parsed::Version => {
            println!("{}", run::banner());
            0
        }
        args::Parsed::Invalid => {
            eprintln!("Invalid command line arguments. Use -h option for help.");
            1
        }
        args::Parsed::Run(opts) => {
            // Ctrl-C raises KeyboardInterrupt at the next backward jump.
            let _ = ctrlc::set_handler(|| hal::INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed));
            let child = std::thread::Builder::new()
                .name("micropython".into())
                .stack_size(THREAD_STACK)
                .spawn(move || run::run(&prog, opts, PY_STACK_LIMIT));
            match child.map(|c| c.join()) {
                Ok(Ok(code)) => code,
                _ => {
                    eprintln!("FATAL: interpreter thread failed");
                    1
                }
            }
        }
    };
    // The terminal leaves raw mode even if the interpreter thread died.
    console::restore();
    let _ = std::io::stdout().flush();
    std::process::exit(code);
}
