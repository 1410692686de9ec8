//! Print the disassembly of every raw code in `.mpy` files.
//!
//! Usage: `cargo run -p mpy-bytecode --example dump_mpy -- [--no-tables] FILE.mpy...`
//!
//! The output starts with the qstr and constant tables (omitted with
//! `--no-tables`), then one block per raw code, depth-first, labelled by
//! child path (`0`, `0.0`, `0.1`, …). Exit status 1 if a file cannot be
//! read or parsed (the error is printed).

use std::process::ExitCode;

use mpy_bytecode::disasm::disassemble_module;
use mpy_bytecode::read_mpy;

fn main() -> ExitCode {
    let mut tables = true;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--no-tables" => tables = false,
            "-h" | "--help" => {
                eprintln!("usage: dump_mpy [--no-tables] FILE.mpy...");
                return ExitCode::SUCCESS;
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: dump_mpy [--no-tables] FILE.mpy...");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for (n, f) in files.iter().enumerate() {
        if files.len() > 1 {
            if n > 0 {
                println!();
            }
            println!("=== {f}");
        }
        let data = match std::fs::read(f) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{f}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        match read_mpy(&data) {
            Ok(m) => {
                let text = disassemble_module(&m);
                if tables {
                    print!("{text}");
                } else {
                    // Skip the table block (everything before the first blank line).
                    print!(
                        "{}",
                        text.split_once("\n\n")
                            .map_or(text.as_str(), |(_, rest)| rest)
                    );
                }
            }
            Err(e) => {
                eprintln!("{f}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
