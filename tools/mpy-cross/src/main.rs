//! `mpy-cross`: compiles a Python source file to a `.mpy` v6.3 file,
//! accepting the official tool's command line:
//!
//! `mpy-cross [-o OUT] [-s NAME] [-O[N]] [-X emit=bytecode]
//! [-msmall-int-bits=N] [-march=ARCH] [--version] [-h] FILE.py`
//!
//! Output defaults to the input name with `.py` replaced by `.mpy`; the
//! embedded source name defaults to the input name (backslashes turned into
//! `/`). Compile errors are printed to stderr as a MicroPython traceback and
//! exit with status 1. `-march=ARCH` is accepted (bytecode-only output is
//! the same for every architecture), but code needing the native emitter
//! (`@micropython.native`/`viper`/`asm_*`, `-X emit=native`) is not
//! supported yet: a clear error and exit status 1.

use mpy_compiler::{compile_traced_lines, CompileOptions, Mode};
use std::io::Write;
use std::process::ExitCode;

const VERSION: &str = "MicroPython v1.29.0 (micropython-rs); mpy-cross emitting mpy v6.3";

fn usage(argv0: &str) -> String {
    format!(
        "usage: {argv0} [<opts>] [-X <implopt>] [--] <input filename>\n\
Options:\n\
--version : show version information\n\
-o : output file for compiled bytecode (defaults to input filename with .mpy extension, or stdout if input is stdin)\n\
-s : source filename to embed in the compiled bytecode (defaults to input file)\n\
-v : verbose (trace various operations); can be multiple\n\
-O[N] : apply bytecode optimizations of level N\n\
\n\
Target specific options:\n\
-msmall-int-bits=number : set the maximum bits used to encode a small-int\n\
-march=<arch> : set architecture for native emitter (not supported yet)\n\
\n\
Implementation specific options:\n\
  emit={{bytecode,native,viper}} -- set the default code emitter (only bytecode is supported)\n\
  heapsize=<n> -- accepted and ignored\n"
    )
}

struct Args {
    input: Option<String>,
    output: Option<String>,
    source_name: Option<String>,
    opts: CompileOptions,
    source_lines: bool,
    arch: Option<String>,
}

/// Architectures `-march=` accepts (as official mpy-cross).
const ARCHES: &[&str] = &[
    "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin", "rv32imc",
    "rv64imc", "host", "debug",
];

/// Parses an `-O` argument: `-O` = 1, `-OO..` = count, `-O<N>` = N.
fn parse_opt_level(rest: &str) -> Option<u8> {
    if rest.is_empty() {
        return Some(1);
    }
    if rest.chars().all(|c| c == 'O') {
        return u8::try_from(rest.len() + 1).ok();
    }
    rest.parse::<u8>().ok()
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(1)
}

fn parse_args(argv: &[String]) -> Result<Args, ExitCode> {
    let argv0 = argv.first().map(String::as_str).unwrap_or("mpy-cross");
    let mut a = Args {
        input: None,
        output: None,
        source_name: None,
        opts: CompileOptions::default(),
        source_lines: true,
        arch: None,
    };
    let mut i = 1;
    let mut only_files = false;
    while i < argv.len() {
        let arg = argv[i].as_str();
        i += 1;
        if only_files || !arg.starts_with('-') || arg == "-" {
            if a.input.is_some() {
                return Err(fail("input filename already given"));
            }
            a.input = Some(arg.to_string());
            continue;
        }
        match arg {
            "--" => only_files = true,
            "-h" | "--help" => {
                print!("{}", usage(argv0));
                return Err(ExitCode::from(1));
            }
            "--version" => {
                println!("{VERSION}");
                return Err(ExitCode::SUCCESS);
            }
            "-v" => {}
            "-o" | "-s" | "-X" | "-c" | "--compat" | "-b" | "--bytecode" => {
                let Some(v) = argv.get(i) else {
                    return Err(fail(&usage(argv0)));
                };
                i += 1;
                match arg {
                    "-o" => a.output = Some(v.clone()),
                    "-s" => a.source_name = Some(v.clone()),
                    "-X" => {
                        if let Some(e) = v.strip_prefix("emit=") {
                            match e {
                                "bytecode" => {}
                                "native" | "viper" => {
                                    return Err(fail(&format!(
                                        "-X emit={e}: native code emission is not supported yet by this mpy-cross"
                                    )))
                                }
                                _ => return Err(fail(&usage(argv0))),
                            }
                        } else if v == "source-lines" {
                            a.source_lines = true;
                        } else if v == "no-source-lines" {
                            a.source_lines = false;
                        } else if !v.starts_with("heapsize=") {
                            return Err(fail(&usage(argv0)));
                        }
                    }
                    "-b" | "--bytecode" => {
                        if v != "6" {
                            return Err(fail("bytecode version not supported"));
                        }
                    }
                    _ => {}
                }
            }
            _ if arg.starts_with("-O") => match parse_opt_level(&arg[2..]) {
                Some(n) => a.opts.opt_level = n,
                None => return Err(fail(&usage(argv0))),
            },
            _ if arg.starts_with("-msmall-int-bits=") => {
                match arg["-msmall-int-bits=".len()..].parse::<u8>() {
                    Ok(n) if (2..=63).contains(&n) => a.opts.small_int_bits = n,
                    _ => return Err(fail("invalid value for -msmall-int-bits")),
                }
            }
            _ if arg.starts_with("-march-flags=") => {}
            _ if arg.starts_with("-march=") => {
                // Bytecode-only output does not depend on the architecture
                // (header byte 2 stays 0), so -march is accepted; code that
                // needs the native emitter is refused at compile time.
                let arch = &arg["-march=".len()..];
                if !ARCHES.contains(&arch) {
                    print!("{}", usage(argv0));
                    return Err(ExitCode::from(1));
                }
                a.arch = Some(arch.to_string());
            }
            _ => return Err(fail(&usage(argv0))),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let Some(input) = args.input else {
        return fail("no input file");
    };
    let source = if input == "-" {
        let mut buf = Vec::new();
        if std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).is_err() {
            return fail("OSError: can't read stdin");
        }
        buf
    } else {
        match std::fs::read(&input) {
            Ok(s) => s,
            Err(_) => return fail(&format!("OSError: (2, \"can't open {input}\")")),
        }
    };
    let source_name = args.source_name.unwrap_or_else(|| input.replace('\\', "/"));
    let mut opts = args.opts;
    opts.mode = Mode::Exec;
    let module = match compile_traced_lines(&source, &source_name, &opts, args.source_lines) {
        Ok(m) => m,
        Err(f) if f.error.msg == "invalid arch" && args.arch.is_some() => {
            let arch = args.arch.unwrap_or_default();
            return fail(&format!(
                "native code emission (@micropython.native/viper/asm) for -march={arch} is not supported yet by this mpy-cross"
            ));
        }
        Err(f) => {
            // The parser reports against the file it read, the compiler
            // against the embedded source name (as official mpy-cross does).
            let shown = if f.block.is_some() { source_name.as_str() } else { input.as_str() };
            let mut msg = format!("Traceback (most recent call last):\n  File \"{}\", line {}", shown, f.error.line);
            if let Some(b) = &f.block {
                msg.push_str(&format!(", in {b}"));
            }
            eprintln!("{msg}\n{}: {}", f.error.kind.name(), f.error.msg);
            return ExitCode::from(1);
        }
    };
    let data = mpy_bytecode::write_mpy(&module);
    let out_path = match args.output {
        Some(o) => o,
        None if input == "-" => {
            let mut out = std::io::stdout();
            if out.write_all(&data).is_err() {
                return fail("OSError: can't write output");
            }
            return ExitCode::SUCCESS;
        }
        None => match input.strip_suffix(".py") {
            Some(stem) => format!("{stem}.mpy"),
            None => format!("{input}.mpy"),
        },
    };
    if std::fs::write(&out_path, &data).is_err() {
        return fail(&format!("OSError: can't open {out_path} for writing"));
    }
    ExitCode::SUCCESS
}
