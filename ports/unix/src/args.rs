//! Command-line parsing for `micropython` (the official unix port's
//! options: see shared/spec/unix-cli.md).

/// What to run.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// `micropython FILE args...`
    File(String),
    /// `-c CMD`
    Command(String),
    /// `-m MODULE`
    Module(String),
    /// No target: the REPL, or standard input when it is not a terminal.
    Stdin,
}

/// Parsed options.
#[derive(Debug, Clone)]
pub struct Options {
    /// What to run.
    pub target: Target,
    /// Arguments after the target (become `sys.argv[1:]`).
    pub args: Vec<String>,
    /// `-i`: REPL after running the target.
    pub inspect: bool,
    /// `-v` count.
    pub verbose: u32,
    /// `-O` level.
    pub opt_level: u8,
    /// `-X heapsize=`, in bytes.
    pub heap_size: usize,
    /// `-X compile-only`.
    pub compile_only: bool,
    /// `-X emit=` value.
    pub emit: String,
}

/// What the command line asks for besides running code.
#[derive(Debug)]
pub enum Parsed {
    /// Run with these options.
    Run(Options),
    /// `-h`: print usage, exit 0.
    Help,
    /// `--version`: print the version, exit 0.
    Version,
    /// Bad arguments: exit 1 with the standard message.
    Invalid,
}

/// Default heap: 2 MiB on 64-bit hosts (MicroPython's unix default is
/// 1 MiB per 32-bit word size).
pub const DEFAULT_HEAP: usize = 1024 * 1024 * (core::mem::size_of::<usize>() / 4);

/// Parses `<n>[w][K|M]` (w = words, K/M = 1024/1024²), minimum 700 bytes.
pub fn parse_heap_size(s: &str) -> Option<usize> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let mut n: usize = digits.parse().ok()?;
    let mut rest = &s[digits.len()..];
    let mut word = 1;
    if let Some(r) = rest.strip_prefix('w') {
        word = core::mem::size_of::<usize>();
        rest = r;
    }
    let mult = match rest {
        "" => 1,
        "k" | "K" => 1024,
        "m" | "M" => 1024 * 1024,
        _ => return None,
    };
    n = n.checked_mul(word)?.checked_mul(mult)?;
    Some(n.max(700))
}

/// Parses `argv[1..]`.
pub fn parse(argv: &[String]) -> Parsed {
    let mut o = Options {
        target: Target::Stdin,
        args: Vec::new(),
        inspect: false,
        verbose: 0,
        opt_level: 0,
        heap_size: DEFAULT_HEAP,
        compile_only: false,
        emit: "bytecode".into(),
    };
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-c" || a == "-m" {
            let Some(v) = argv.get(i + 1) else { return Parsed::Invalid };
            o.target = if a == "-c" { Target::Command(v.clone()) } else { Target::Module(v.clone()) };
            o.args = argv[i + 2..].to_vec();
            return Parsed::Run(o);
        } else if a == "-h" || a == "--help" {
            return Parsed::Help;
        } else if a == "--version" {
            return Parsed::Version;
        } else if a == "-i" {
            o.inspect = true;
        } else if a == "-v" {
            o.verbose += 1;
        } else if let Some(rest) = a.strip_prefix("-O") {
            if rest.is_empty() {
                o.opt_level += 1;
            } else if rest.chars().all(|c| c == 'O') {
                o.opt_level += 1 + rest.len() as u8;
            } else if let Ok(n) = rest.parse::<u8>() {
                o.opt_level = n;
            } else {
                return Parsed::Invalid;
            }
        } else if a == "-X" {
            let Some(x) = argv.get(i + 1) else { return Parsed::Invalid };
            i += 1;
            if let Some(v) = x.strip_prefix("heapsize=") {
                match parse_heap_size(v) {
                    Some(n) => o.heap_size = n,
                    None => return Parsed::Invalid,
                }
            } else if x == "compile-only" {
                o.compile_only = true;
            } else if let Some(v) = x.strip_prefix("emit=") {
                o.emit = v.into();
            } else {
                return Parsed::Invalid;
            }
        } else if a == "--" {
            if let Some(f) = argv.get(i + 1) {
                o.target = Target::File(f.clone());
                o.args = argv[i + 2..].to_vec();
            }
            return Parsed::Run(o);
        } else if a.starts_with('-') && a.len() > 1 {
            return Parsed::Invalid;
        } else {
            o.target = Target::File(a.clone());
            o.args = argv[i + 1..].to_vec();
            return Parsed::Run(o);
        }
        i += 1;
    }
    Parsed::Run(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn heap_sizes() {
        assert_eq!(parse_heap_size("16k"), Some(16384));
        assert_eq!(parse_heap_size("2M"), Some(2 << 20));
        assert_eq!(parse_heap_size("100"), Some(700));
        assert_eq!(parse_heap_size("1wk"), Some(8 * 1024));
        assert_eq!(parse_heap_size("x"), None);
        assert_eq!(parse_heap_size("12q"), None);
    }

    #[test]
    fn targets_and_options() {
        let Parsed::Run(o) = parse(&v(&["-X", "heapsize=16k", "-O2", "t.py", "a", "-c"])) else { panic!() };
        assert_eq!(o.target, Target::File("t.py".into()));
        assert_eq!(o.args, v(&["a", "-c"]));
        assert_eq!(o.heap_size, 16384);
        assert_eq!(o.opt_level, 2);
        let Parsed::Run(o) = parse(&v(&["-c", "print(1)", "x"])) else { panic!() };
        assert_eq!(o.target, Target::Command("print(1)".into()));
        assert!(matches!(parse(&v(&["-q"])), Parsed::Invalid));
        assert!(matches!(parse(&v(&["-c"])), Parsed::Invalid));
        assert!(matches!(parse(&v(&["--version"])), Parsed::Version));
    }
}
