//! Byte-exact transcripts of the REPL against a scripted console and a
//! fake interpreter. Expected bytes follow official MicroPython (observed
//! on its WebAssembly build's REPL and spec/repl-protocol.md).

#[cfg(feature = "interactive")]
use mpy_repl::CompletionScope;
use mpy_repl::{Console, ExecMode, Exit, Interpreter, Outcome, Repl};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

type Out = Rc<RefCell<Vec<u8>>>;

struct TestConsole {
    input: VecDeque<u8>,
    out: Out,
    intr: Vec<Option<u8>>,
}

impl Console for TestConsole {
    fn read_byte(&mut self) -> Option<u8> {
        self.input.pop_front()
    }
    fn write(&mut self, data: &[u8]) {
        self.out.borrow_mut().extend_from_slice(data);
    }
    fn set_interrupt_char(&mut self, c: Option<u8>) {
        self.intr.push(c);
    }
}

/// A pretend interpreter: `print(X)` prints X, `1/0` raises,
/// `raise SystemExit(N)` exits, anything else in single mode echoes
/// `=<src>`; every command is recorded.
struct Fake {
    out: Out,
    ran: Vec<(String, ExecMode)>,
    resets: usize,
}

impl Interpreter for Fake {
    fn execute(&mut self, src: &[u8], mode: ExecMode) -> Outcome {
        let s = String::from_utf8_lossy(src).into_owned();
        self.ran.push((s.clone(), mode));
        if s == "1/0" {
            return Outcome::Exception;
        }
        if let Some(n) = s.strip_prefix("raise SystemExit(").and_then(|r| r.strip_suffix(')')) {
            return Outcome::SystemExit(n.parse().unwrap_or(1));
        }
        let mut o = self.out.borrow_mut();
        for line in s.lines() {
            if let Some(x) = line.trim().strip_prefix("print(").and_then(|r| r.strip_suffix(')')) {
                o.extend_from_slice(x.as_bytes());
                o.extend_from_slice(b"\r\n");
            }
        }
        Outcome::Ok
    }
    fn print_exception(&mut self) {
        self.out.borrow_mut().extend_from_slice(b"Traceback (most recent call last):\r\nZeroDivisionError: divide by zero\r\n");
    }
    #[cfg(feature = "interactive")]
    fn complete(&mut self, scope: CompletionScope<'_>, prefix: &str, visit: &mut dyn FnMut(&str)) {
        let names: &[&str] = match scope {
            CompletionScope::Names => &["__name__", "abcd", "abce", "sys"],
            CompletionScope::Attributes("sys") => &[
                "__name__", "argv", "byteorder", "exit", "implementation", "maxsize", "modules", "path", "platform",
                "print_exception", "ps1", "ps2", "stderr", "stdin", "stdout", "version", "version_info",
            ],
            CompletionScope::Attributes("sys.path") => &["append", "clear"],
            CompletionScope::Attributes(_) => &[],
            CompletionScope::Modules => &["select", "struct", "sys"],
        };
        for n in names {
            if n.starts_with(prefix) {
                visit(n);
            }
        }
    }
    fn soft_reset(&mut self) {
        self.resets += 1;
    }
    fn banner(&self) -> &str {
        "MicroPython vX on D; test"
    }
}

const BANNER: &str = "MicroPython vX on D; test\r\nType \"help()\" for more information.\r\n";

struct Run {
    out: Vec<u8>,
    exit: Exit,
    fake: Fake,
    intr: Vec<Option<u8>>,
}

fn run_with(input: &[u8], quit_allowed: bool, raw: bool) -> Run {
    let out: Out = Rc::new(RefCell::new(Vec::new()));
    let mut con = TestConsole { input: input.iter().copied().collect(), out: out.clone(), intr: Vec::new() };
    let mut fake = Fake { out: out.clone(), ran: Vec::new(), resets: 0 };
    let mut repl: Repl<64, 256> = Repl::new(quit_allowed);
    if raw {
        repl.set_mode(mpy_repl::Mode::Raw);
    }
    let exit = repl.run(&mut con, &mut fake);
    let o = out.borrow().clone();
    Run { out: o, exit, fake, intr: con.intr }
}

fn run(input: &[u8]) -> Vec<u8> {
    run_with(input, true, false).out
}

/// Output after the banner and first prompt.
fn after_banner(input: &[u8]) -> String {
    let o = run(input);
    let s = String::from_utf8_lossy(&o).into_owned();
    let head = format!("{BANNER}>>> ");
    assert!(s.starts_with(&head), "no banner: {s:?}");
    s[head.len()..].to_string()
}

#[test]
fn executes_a_line_and_quits_on_ctrl_d() {
    let r = run_with(b"print(1)\r\x04", true, false);
    assert_eq!(String::from_utf8_lossy(&r.out), format!("{BANNER}>>> print(1)\r\n1\r\n>>> \r\n"));
    assert_eq!(r.exit, Exit::Quit(0));
    assert_eq!(r.fake.ran, vec![("print(1)".to_string(), ExecMode::Single)]);
    // Ctrl-C armed only while the command ran.
    assert_eq!(r.intr, vec![None, Some(3), None]);
}

#[test]
fn end_of_input() {
    assert_eq!(run_with(b"x", true, false).exit, Exit::EndOfInput);
}

#[test]
fn crlf_is_one_enter_and_lf_alone_is_enter() {
    assert_eq!(after_banner(b"print(1)\r\nprint(2)\n"), "print(1)\r\n1\r\n>>> print(2)\r\n2\r\n>>> ");
}

#[test]
fn cursor_editing_as_official() {
    // Observed on official MicroPython: abc, Left, Left, X, Right, Ctrl-A,
    // Ctrl-E, Ctrl-B x2, Ctrl-F, Backspace, DEL, Home, End, ESC[1~, ESC[4~,
    // ESC[3~ at end, Left, ESC[3~.
    let keys: &[&[u8]] = &[
        b"abc", b"\x1b[D", b"\x1b[D", b"X", b"\x1b[C", b"\x01", b"\x05", b"\x02", b"\x02", b"\x06", b"\x08", b"\x7f",
        b"\x1b[H", b"\x1b[F", b"\x1b[1~", b"\x1b[4~", b"\x1b[3~", b"\x1b[D", b"\x1b[3~", b"\x03",
    ];
    let expect: &[&[u8]] = &[
        b"abc", b"\x08", b"\x08", b"Xbc\x08\x08", b"b", b"\x08\x08\x08", b"aXbc", b"\x08", b"\x08", b"b",
        b"\x08\x1b[Kc\x08", b"\x08\x1b[Kc\x08", b"\x08", b"ac", b"\x08\x08", b"ac", b"", b"\x08", b"\x1b[K",
        b"\r\n>>> ",
    ];
    let input: Vec<u8> = keys.concat();
    assert_eq!(after_banner(&input).as_bytes(), expect.concat().as_slice());
}

#[test]
fn emacs_kill_keys() {
    // Ctrl-K kills to the end, Ctrl-U to the start, Ctrl-D deletes under
    // the cursor on a non-empty line.
    let o = after_banner(b"abcdef\x02\x02\x0b\x03");
    assert_eq!(o, "abcdef\x08\x08\x1b[K\r\n>>> ");
    let o = after_banner(b"abcdef\x02\x02\x15\x03");
    assert_eq!(o, "abcdef\x08\x08\x08\x08\x08\x08\x1b[Kef\x08\x08\r\n>>> ");
    let o = after_banner(b"abc\x01\x04\x03");
    assert_eq!(o, "abc\x08\x08\x08\x1b[Kbc\x08\x08\r\n>>> ");
}

#[test]
fn word_moves_and_deletes() {
    // Alt-B, Ctrl-Left, Alt-F, Ctrl-Right, Ctrl-W, Alt-D.
    let o = after_banner(b"hello world foo\x1bb\x1b[1;5D\x1bf\x1b[1;5C\x03");
    assert_eq!(o, "hello world foo\x08\x08\x08\x1b[6Dworld foo\r\n>>> ");
    let o = after_banner(b"hello world\x17\x03");
    assert_eq!(o, "hello world\x1b[5D\x1b[K\r\n>>> ");
    let o = after_banner(b"hello world\x01\x1bd\x03");
    assert_eq!(o, "hello world\x1b[11D\x1b[K world\x1b[6D\r\n>>> ");
}

#[test]
#[cfg(feature = "interactive")]
fn history_up_down() {
    // Observed: x=1, y=2, Up, Up, Up (no more), Down, Ctrl-P, Ctrl-N, Ctrl-N.
    let o = after_banner(b"x=1\ry=2\r\x1b[A\x1b[A\x1b[A\x1b[B\x10\x0e\x0e\x03");
    assert_eq!(o, "x=1\r\n>>> y=2\r\n>>> y=2\x08\x08\x08x=1\x08\x08\x08y=2\x08\x08\x08x=1\x08\x08\x08y=2\x08\x08\x08\x1b[K\r\n>>> ");
}

#[test]
#[cfg(feature = "interactive")]
fn auto_indent_and_continuation() {
    // Observed: the block runs after two Enters on auto-indented lines
    // and one on an empty line.
    let o = after_banner(b"for i in range(2):\rprint(i)\r\r\r\r");
    assert_eq!(o, "for i in range(2):\r\n...     print(i)\r\n...     \r\n...     \r\n... \r\ni\r\n>>> ");
    let r = run(b"if 1:\rif 1:\rx=5\r\r\r\r");
    let s = String::from_utf8_lossy(&r).into_owned();
    assert!(s.ends_with("if 1:\r\n...     if 1:\r\n...         x=5\r\n...         \r\n...         \r\n... \r\n>>> "), "{s:?}");
    let ran = run_with(b"if 1:\rprint(5)\r\r\r\r", true, false).fake.ran;
    assert_eq!(ran, vec![("if 1:\n    print(5)\n    \n    \n".to_string(), ExecMode::Single)]);
}

#[test]
#[cfg(feature = "interactive")]
fn ctrl_c_in_continuation_and_ctrl_d_finishes() {
    let r = run_with(b"if 1:\r\x03print(2)\r", true, false);
    assert!(String::from_utf8_lossy(&r.out).ends_with("if 1:\r\n...     \r\n>>> print(2)\r\n2\r\n>>> "));
    let r = run_with(b"if 1:\rprint(3)\r\x04", true, false);
    assert_eq!(r.fake.ran, vec![("if 1:\n    print(3)\n".to_string(), ExecMode::Single)]);
}

#[test]
#[cfg(feature = "interactive")]
fn tab_completion() {
    // Unique match, common prefix, "import" keyword, indent after a space.
    assert_eq!(after_banner(b"s\t\x03"), "sys\r\n>>> ");
    assert_eq!(after_banner(b"ab\t\x03"), "abc\r\n>>> ");
    assert_eq!(after_banner(b"imp\t\x03"), "import \r\n>>> ");
    assert_eq!(after_banner(b"x = \t\x03"), "x =     \r\n>>> ");
    assert_eq!(after_banner(b"sys.pl\t\x03"), "sys.platform\r\n>>> ");
    assert_eq!(after_banner(b"[sys.path.ap\t\x03"), "[sys.path.append\r\n>>> ");
    // Several: listed in 16-column slots (as official), line re-printed.
    assert_eq!(
        after_banner(b"sys.\t\x03"),
        "sys.\r\nargv            byteorder       exit            implementation\r\n\
         maxsize         modules         path            platform\r\n\
         print_exception                 ps1             ps2\r\n\
         stderr          stdin           stdout          version\r\n\
         version_info\r\n>>> sys.\r\n>>> "
    );
    assert_eq!(after_banner(b"import s\t\x03"), "import s\r\nselect          struct          sys\r\n>>> import s\r\n>>> ");
    // The cursor goes back to where it was.
    assert_eq!(after_banner(b"sys.std)\x02\t\x03"), "sys.std)\x08\r\nstderr          stdin           stdout\r\n>>> sys.std)\x08\r\n>>> ");
}

#[test]
#[cfg(feature = "interactive")]
fn paste_mode() {
    // Observed: \r echoes "\r\n=== ", other bytes (\n too) echo as-is.
    let r = run_with(b"\x05a=1\rb=2\nprint(a+b)\r\x04", true, false);
    let s = String::from_utf8_lossy(&r.out).into_owned();
    assert_eq!(
        &s[BANNER.len()..],
        ">>> \r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== a=1\r\n=== b=2\nprint(a+b)\r\n=== \r\na+b\r\n>>> "
    );
    assert_eq!(r.fake.ran, vec![("a=1\nb=2\nprint(a+b)\n".to_string(), ExecMode::File)]);
    assert_eq!(after_banner(b"\x05x\x03"), "\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== x\r\n>>> ");
}

#[test]
fn ctrl_b_and_ctrl_c_on_empty_line() {
    assert_eq!(after_banner(b"\x02\x03"), format!("\r\n{BANNER}>>> \r\n>>> "));
}

#[test]
fn exception_and_system_exit_in_friendly_repl() {
    assert_eq!(
        after_banner(b"1/0\r"),
        "1/0\r\nTraceback (most recent call last):\r\nZeroDivisionError: divide by zero\r\n>>> "
    );
    assert_eq!(run_with(b"raise SystemExit(3)\r", true, false).exit, Exit::Quit(3));
    // Boards soft reset instead.
    let r = run_with(b"raise SystemExit(3)\r\x04", false, false);
    assert_eq!(r.fake.resets, 2);
    assert!(String::from_utf8_lossy(&r.out).ends_with(&format!("\r\nMPY: soft reboot\r\n{BANNER}>>> ")));
}

#[test]
fn raw_repl() {
    let r = run_with(b"\x01print(2)\x041/0\x04\x02", true, false);
    let s = String::from_utf8_lossy(&r.out).into_owned();
    assert_eq!(
        &s[BANNER.len()..],
        format!(
            ">>> \r\nraw REPL; CTRL-B to exit\r\n>OK2\r\n\x04\x04>OK\x04Traceback (most recent call last):\r\n\
             ZeroDivisionError: divide by zero\r\n\x04>\r\n{BANNER}>>> "
        )
    );
    assert_eq!(r.fake.ran[0], ("print(2)".to_string(), ExecMode::File));
}

#[test]
fn raw_repl_control_keys() {
    // Ctrl-C clears, Ctrl-A re-prints the banner, \x05 + other byte is
    // refused, an empty command soft resets (still raw afterwards).
    let r = run_with(b"junk\x03print(1)\x04\r\x01\x05B\x01\x04", true, true);
    assert_eq!(
        String::from_utf8_lossy(&r.out),
        "raw REPL; CTRL-B to exit\r\n>OK1\r\n\x04\x04>\r\nraw REPL; CTRL-B to exit\r\n>R\x00>OK\r\n\
         MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"
    );
    assert_eq!(r.fake.resets, 1);
    assert_eq!(r.fake.ran.len(), 1);
    // SystemExit in raw mode ends the command only.
    let r = run_with(b"raise SystemExit(4)\x04", true, true);
    assert_eq!(r.exit, Exit::EndOfInput);
    assert!(r.out.ends_with(b">OK\x04\x04>"));
}

#[test]
#[cfg(feature = "interactive")]
fn raw_paste_flow_control() {
    // Spec: R\x01, window 128 (\x80\x00), \x01; one \x01 per 128 bytes
    // consumed; \x04 acknowledged; then out\x04err\x04>.
    let mut body = b"print(pasted)\n".to_vec();
    while body.len() < 300 {
        body.extend_from_slice(b"# padding\n");
    }
    let mut input = b"\x05A\x01".to_vec();
    input.extend_from_slice(&body);
    input.push(0x04);
    let r = run_with(&input, true, true);
    let windows = body.len() / 128;
    let mut expect = b"raw REPL; CTRL-B to exit\r\n>R\x01\x80\x00\x01".to_vec();
    expect.extend(std::iter::repeat_n(1u8, windows));
    expect.extend_from_slice(b"\x04pasted\r\n\x04\x04>");
    assert_eq!(r.out, expect);
    assert_eq!(r.fake.ran, vec![(String::from_utf8_lossy(&body).into_owned(), ExecMode::File)]);
}

#[test]
#[cfg(feature = "interactive")]
fn raw_paste_ctrl_c_abandons() {
    let r = run_with(b"\x05A\x01print(1)\x03", true, true);
    assert!(r.out.ends_with(b"R\x01\x80\x00\x01\x04\x04KeyboardInterrupt: \r\n\x04>"));
    assert!(r.fake.ran.is_empty());
}

/// Without `interactive` (a VM-only board): every line runs as it is,
/// Up/Down and Tab do nothing, Ctrl-E is the End key even on an empty
/// line, and raw-paste is refused (`R\x00`) so host tools fall back to
/// the plain raw REPL.
#[test]
#[cfg(not(feature = "interactive"))]
fn vm_only_console() {
    let r = run_with(b"x=1\r\x1b[A\x10\t\rif 1:\r\x05\x04", true, false);
    let s = String::from_utf8_lossy(&r.out).into_owned();
    assert_eq!(&s[BANNER.len()..], ">>> x=1\r\n>>> \r\n>>> if 1:\r\n>>> \r\n");
    assert_eq!(r.exit, Exit::Quit(0));
    let ran: Vec<&str> = r.fake.ran.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(ran, ["x=1", "if 1:"]);
    let r = run_with(b"\x05A\x01print(1)\x04", true, true);
    assert_eq!(String::from_utf8_lossy(&r.out), "raw REPL; CTRL-B to exit\r\n>R\x00>OK1\r\n\x04\x04>");
}

#[test]
fn garbage_never_panics() {
    // A simple LCG feeding every byte value, escape sequences included.
    let mut x: u32 = 12345;
    for round in 0..200 {
        let mut input = Vec::new();
        for _ in 0..400 {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            let b = (x >> 16) as u8;
            // Avoid quitting early most of the time.
            input.push(if b == 4 && round % 2 == 0 { b'x' } else { b });
        }
        let _ = run_with(&input, round % 3 == 0, round % 5 == 0);
    }
    // A line longer than the editor holds is cut, not a crash.
    let long = vec![b'a'; 1000];
    let r = run_with(&long, true, false);
    assert_eq!(r.out.len(), BANNER.len() + 4 + 64);
}

#[test]
fn utf8_input_keeps_whole_characters() {
    // A stray continuation byte, é, another stray, a cut-off character
    // (ended by `b`), a byte that starts nothing.
    let r = run_with(b"print(a\x80\xc3\xa9\xa9\xe2\x82b\xf8z)\r\x04", true, false);
    assert_eq!(r.fake.ran, vec![("print(a\u{e9}bz)".to_string(), ExecMode::Single)]);
}

#[cfg(feature = "interactive")]
#[test]
fn history_up_and_down() {
    let r = run_with(b"print(1)\rprint(22)\r\x1b[A\x1b[A\x1b[A\x1b[B\r\x10\x0e\x0e\x0e\r\x04", true, false);
    let ran: Vec<&str> = r.fake.ran.iter().map(|(s, _)| s.as_str()).collect();
    // Up past the oldest entry stays there; Down past the newest gives an
    // empty line (which runs nothing).
    assert_eq!(ran, ["print(1)", "print(22)", "print(22)"]);
}
