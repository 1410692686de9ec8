//! Runs a `.py` file (built-in compiler) or a `.mpy` file on the VM: a
//! test tool until the unix port lands.
//! Usage: `vmrun FILE.py|FILE.mpy` (exit 1 and a traceback on stdout on error).

use mpy_core::hal::{Hal, PathKind};
use mpy_core::{q, Config, Vm};
use std::io::Write;

struct StdHal;

impl Hal for StdHal {
    fn stdout_write(&mut self, data: &[u8]) {
        let _ = std::io::stdout().write_all(data);
    }
    fn stderr_write(&mut self, data: &[u8]) {
        let _ = std::io::stderr().write_all(data);
    }
    fn file_size(&mut self, path: &str) -> Option<usize> {
        std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len() as usize)
    }
    fn read_file_into(&mut self, path: &str, buf: &mut [u8]) -> Option<usize> {
        let data = std::fs::read(path).ok()?;
        let n = data.len().min(buf.len());
        buf[..n].copy_from_slice(&data[..n]);
        Some(n)
    }
    fn stat(&mut self, path: &str) -> PathKind {
        match std::fs::metadata(if path.is_empty() { "." } else { path }) {
            Ok(m) if m.is_dir() => PathKind::Dir,
            Ok(_) => PathKind::File,
            Err(_) => PathKind::Missing,
        }
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: vmrun FILE.mpy");
        std::process::exit(2);
    };
    let data = std::fs::read(&path).unwrap_or_default();
    let cfg = Config { stack_limit: 256 * 1024, ..Config::default() };
    let Ok(mut vm) = Vm::new(cfg, Box::new(StdHal)) else {
        eprintln!("vmrun: cannot allocate the heap");
        std::process::exit(1);
    };
    if mpy_core::runtime::init::init(&mut vm).is_err() {
        std::process::exit(1);
    }
    vm.set_stack_base();
    if let Ok(l) = vm.new_list(&[mpy_core::Obj::qstr(q::empty)]) {
        vm.sys_path = l;
    }
    let r = if path.ends_with(".py") {
        mpy_core::vm::exec_source(&mut vm, &data, &path, mpy_core::vm::CompileMode::Exec)
    } else {
        match mpy_bytecode::read_mpy(&data) {
            Ok(m) => mpy_core::vm::exec_module(&mut vm, &m, q::__main__),
            Err(_) => Err(vm.value_error("incompatible .mpy file")),
        }
    };
    let code = match r {
        Ok(_) => 0,
        Err(e) => {
            let mut out = mpy_core::runtime::print::Out::Stdout;
            let _ = mpy_core::vm::print_exception(&mut vm, e.0, &mut out);
            1
        }
    };
    let _ = std::io::stdout().flush();
    std::process::exit(code);
}
