//! Message templates (`Out::fmt`): each argument kind renders as
//! `core::fmt` would for the format the call sites replaced.

use super::print::{Arg, Out};
use crate::types::testutil::with_vm;
use alloc::string::String;

/// `tpl` rendered with `args` into a buffer.
fn render(vm: &mut crate::Vm, tpl: &str, args: &[Arg<'_>]) -> String {
    let mut out = Out::buf();
    out.fmt(vm, tpl, args).expect("room");
    let s = String::from_utf8(out.as_bytes().to_vec()).expect("utf-8");
    if let Out::Buf(v) = out {
        vm.heap.free_vec(v);
    }
    s
}

#[test]
fn templates_match_core_fmt() {
    with_vm(|mut vm, _| {
        let vm = &mut vm;
        assert_eq!(render(vm, "no markers", &[]), "no markers");
        assert_eq!(render(vm, "", &[]), "");
        assert_eq!(render(vm, "{}", &["x".into()]), "x");
        assert_eq!(render(vm, "a {} b {} c", &["int".into(), 3usize.into()]), "a int b 3 c");
        for i in [0isize, 7, -7, 10, -10, isize::MAX, isize::MIN] {
            assert_eq!(render(vm, "[{}]", &[i.into()]), alloc::format!("[{i}]"));
        }
        for u in [0usize, 9, 10, 65535, usize::MAX] {
            assert_eq!(render(vm, "{}", &[u.into()]), alloc::format!("{u}"));
        }
        assert_eq!(render(vm, "{}", &[255u8.into()]), "255");
        for (u, w) in [(0usize, 0u8), (0, 2), (0xab, 2), (0x5, 4), (0x1f600, 8), (usize::MAX, 0), (0x123, 2)] {
            let want = alloc::format!("{u:0w$x}", w = w as usize);
            assert_eq!(render(vm, "{}", &[Arg::Hex(u, w)]), want);
        }
        assert_eq!(render(vm, "'{}' (0x{})", &['é'.into(), Arg::Hex('é' as usize, 0)]), "'é' (0xe9)");
        assert_eq!(render(vm, ": {}", &[Arg::Quoted(b"a'b\\c\n\r\t\x01\xff~")]), ": 'a\\'b\\\\c\\n\\r\\t\\x01\\xff~'");
        // Unmatched braces print as they are; markers past the arguments
        // print nothing.
        assert_eq!(render(vm, "{ } {x} }{", &[]), "{ } {x} }{");
        assert_eq!(render(vm, "{}-{}", &[1isize.into()]), "1-");
    });
}

#[test]
fn error_fmt_builds_the_message() {
    with_vm(|mut vm, _| {
        let vm = &mut vm;
        let e = vm.type_error_fmt("can't convert {} to int", &["NoneType".into()]);
        let s = vm.str_obj(e.0).expect("str");
        assert_eq!(vm.str_pinned(s), Some("can't convert NoneType to int"));
    });
}
