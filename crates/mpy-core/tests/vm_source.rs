//! Source-level tests through the built-in compiler (`exec_source`) and
//! the importer, with an in-memory file system.
use mpy_core::hal::{Hal, PathKind};
use mpy_core::{Config, Obj, Vm};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

struct MemFs {
    out: Rc<RefCell<Vec<u8>>>,
    files: BTreeMap<String, String>,
}

impl Hal for MemFs {
    fn stdout_write(&mut self, data: &[u8]) {
        self.out.borrow_mut().extend_from_slice(data);
    }
    fn file_size(&mut self, path: &str) -> Option<usize> {
        self.files.get(path).map(|s| s.len())
    }
    fn read_file_into(&mut self, path: &str, buf: &mut [u8]) -> Option<usize> {
        let s = self.files.get(path)?.as_bytes();
        let n = s.len().min(buf.len());
        buf[..n].copy_from_slice(&s[..n]);
        Some(n)
    }
    fn stat(&mut self, path: &str) -> PathKind {
        if self.files.contains_key(path) {
            PathKind::File
        } else if self.files.keys().any(|k| k.starts_with(&format!("{path}/"))) {
            PathKind::Dir
        } else {
            PathKind::Missing
        }
    }
}

fn run(files: &[(&str, &str)], main: &str) -> String {
    let out = Rc::new(RefCell::new(Vec::new()));
    let files = files.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut vm = Vm::new(Config::default(), Box::new(MemFs { out: out.clone(), files })).expect("heap");
    mpy_core::runtime::init::init(&mut vm).unwrap();
    vm.set_stack_base();
    let l = vm.new_list(&[Obj::qstr(mpy_core::q::empty)]).unwrap();
    vm.sys_path = l;
    let r = mpy_core::vm::exec_source(&mut vm, main.as_bytes(), "main.py", mpy_core::vm::CompileMode::Exec);
    let mut s = String::from_utf8_lossy(&out.borrow()).into_owned();
    if let Err(e) = r {
        let mut o = mpy_core::runtime::print::Out::buf();
        let _ = mpy_core::vm::print_exception(&mut vm, e.0, &mut o);
        s.push_str(&String::from_utf8_lossy(o.as_bytes()));
    }
    s
}

#[test]
fn import_module_and_package() {
    let files = [
        ("mod_a.py", "print('loading a')\nX = 42\ndef f(): return X + 1\n_private = 1\n"),
        ("pkg/__init__.py", "print('pkg init')\nP = 'p'\n"),
        ("pkg/sub.py", "from . import P\nfrom .leaf import L\nS = P + L\n"),
        ("pkg/leaf.py", "L = 'leaf'\n"),
    ];
    let got = run(
        &files,
        "import mod_a\nimport mod_a as m2\nprint(mod_a.X, mod_a.f(), m2 is mod_a)\nfrom mod_a import *\nprint(X, f())\ntry:\n    _private\nexcept NameError:\n    print('no private')\nimport pkg.sub\nprint(pkg.sub.S, pkg.P)\nfrom pkg import leaf\nprint(leaf.L)\ntry:\n    import nothere\nexcept ImportError as e:\n    print(e)\ntry:\n    from mod_a import nope\nexcept ImportError as e:\n    print(e)\n",
    );
    assert_eq!(
        got,
        "loading a\n42 43 True\n42 43\nno private\npkg init\npleaf p\nleaf\nno module named 'nothere'\ncannot import name nope\n"
    );
}

#[test]
fn error_in_imported_module() {
    let files = [("bad.py", "x = 1\nraise ValueError('in module')\n")];
    let got = run(&files, "try:\n    import bad\nexcept ValueError as e:\n    print('caught', e)\nimport bad\n");
    assert_eq!(
        got,
        "caught in module\nTraceback (most recent call last):\n  File \"main.py\", line 5, in <module>\n  File \"bad.py\", line 2, in <module>\nValueError: in module\n"
    );
}

#[test]
fn syntax_error_traceback() {
    let got = run(&[], "x = 1\ny = (\n");
    assert!(got.starts_with("Traceback (most recent call last):\n  File \"main.py\", line "), "{got}");
    assert!(got.ends_with("SyntaxError: invalid syntax\n"), "{got}");
}

#[test]
fn exec_eval_compile() {
    let got = run(
        &[],
        "g = {'a': 2}\nexec('b = a * 3', g)\nprint(g['b'], eval('a + b', g))\nc = compile('40 + 2', 'x', 'eval')\nprint(eval(c))\ndef f():\n    return eval('k')\nk = 9\nprint(f())\n",
    );
    assert_eq!(got, "6 8\n42\n9\n");
}
