//! Prints the AST dump of a file (debug aid): `cargo run --example dump_ast -- FILE [exec|eval|single]`.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: dump_ast FILE [exec|eval|single]");
        std::process::exit(2);
    };
    let mode = match args.get(2).map(String::as_str) {
        Some("eval") => mpy_compiler::Mode::Eval,
        Some("single") => mpy_compiler::Mode::Single,
        _ => mpy_compiler::Mode::Exec,
    };
    let src = std::fs::read(path).unwrap_or_default();
    print!("{}", common::parse_dump_mode(&src, mode));
}
