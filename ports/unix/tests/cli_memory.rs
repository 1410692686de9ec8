//! The unix binary at heap exhaustion: the preallocated `MemoryError` still
//! carries its traceback (file, line, function of each frame), and the
//! process exits 1 with it printed, as official MicroPython does. (Not a
//! differential test: the wasm oracle's heap grows on demand.)

use std::process::Command;

fn run_src(name: &str, src: &str, heap: &str) -> (String, i32) {
    let d = std::env::temp_dir().join(format!("mpy_mem_{}_{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.py"), src).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_micropython"))
        .args(["-X", heap, "t.py"])
        .current_dir(&d)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&o.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&o.stderr));
    (text, o.status.code().unwrap_or(-1))
}

const GROW: &str = "\
def grow():
    keep = []
    while True:
        keep.append([1, 2, 3, 4, 5, 6, 7, 8])

def outer():
    grow()

";

#[test]
fn uncaught_memory_error_has_traceback() {
    let (out, rc) = run_src("uncaught", &format!("{GROW}outer()\n"), "heapsize=32k");
    assert_eq!(rc, 1, "{out}");
    let want = "Traceback (most recent call last):\n  File \"t.py\", line 9, in <module>\n  \
                File \"t.py\", line 7, in outer\n  File \"t.py\", line 4, in grow\nMemoryError";
    assert!(out.starts_with(want), "{out}");
}

#[test]
fn caught_memory_error_traceback_is_fresh_each_time() {
    let src = format!(
        "{GROW}import sys\nfor i in range(3):\n    try:\n        outer()\n    except MemoryError as e:\n        \
         sys.print_exception(e)\nprint('done')\n"
    );
    let (out, rc) = run_src("caught", &src, "heapsize=32k");
    assert_eq!(rc, 0, "{out}");
    assert_eq!(out.matches("line 4, in grow").count(), 3, "{out}");
    assert_eq!(out.matches("in <module>").count(), 3, "{out}");
    assert!(out.ends_with("done\n"), "{out}");
}
