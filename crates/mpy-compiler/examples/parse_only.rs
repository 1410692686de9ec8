//! Parses a file and prints `OK` or the error (debug aid, no AST dump):
//! `cargo run --example parse_only -- FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let src = std::fs::read(&path).unwrap_or_default();
    match mpy_compiler::parse(&src, &path, mpy_compiler::Mode::Exec) {
        Ok(_) => println!("OK"),
        Err(e) => println!("ERR {} @{}", e, e.line),
    }
}
