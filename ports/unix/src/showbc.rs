//! `-v -v`: the bytecode dump in the layout of official MicroPython's
//! unix port (its debug printer): for each function, in the order the
//! compiler finishes them (the module, then its functions breadth first),
//!
//! ```text
//! File t.py, code block '<module>' (descriptor: 5581d0a3c2e0, bytecode @5581d0a3c380 23 bytes)
//! Raw bytecode (code_info_size=5, bytecode_size=18):
//!  10 06 01 23 29 81 16 03 11 04 11 03 82 f2 34 01
//!  59 51 63
//! arg names:
//! (N_STATE 3)
//! (N_EXC_STACK 0)
//!   bc=0 line=1
//!   bc=3 line=2
//! 00 LOAD_CONST_SMALL_INT 1
//! 01 STORE_NAME x
//! ...
//! ```
//!
//! Addresses (hexadecimal without `0x`, as MicroPython's `%p`) are where
//! our raw code and its bytes live; jump operands are absolute offsets in
//! the bytecode; `BINARY_OP`/`UNARY_OP` show the operator number and its
//! special-method name.

use mpy_bytecode::disasm::{const_repr, decode_instr, Arg};
use mpy_bytecode::opcode as op;
use mpy_bytecode::{CompiledModule, Const, Prelude, RawCode};
use std::collections::VecDeque;
use std::fmt::Write;

/// Special-method names of the binary operators, by MicroPython number
/// (empty where there is none: `is`, exception match).
const BINARY_NAMES: [&str; 35] = [
    "__lt__", "__gt__", "__eq__", "__le__", "__ge__", "__ne__", "__contains__", "", "", "__ior__", "__ixor__",
    "__iand__", "__ilshift__", "__irshift__", "__iadd__", "__isub__", "__imul__", "__imatmul__", "__ifloordiv__",
    "__itruediv__", "__imod__", "__ipow__", "__or__", "__xor__", "__and__", "__lshift__", "__rshift__", "__add__",
    "__sub__", "__mul__", "__matmul__", "__floordiv__", "__truediv__", "__mod__", "__pow__",
];

/// Special-method names of the unary operators (`not` has none).
const UNARY_NAMES: [&str; 4] = ["__pos__", "__neg__", "__invert__", ""];

fn addr<T>(p: *const T) -> usize {
    p as usize
}

/// The dump of every raw code of `m`.
pub fn dump_module(m: &CompiledModule) -> String {
    let mut out = String::new();
    let mut queue: VecDeque<&RawCode> = VecDeque::new();
    queue.push_back(&m.raw_code);
    while let Some(rc) = queue.pop_front() {
        dump_raw_code(&mut out, rc, m);
        queue.extend(rc.children.iter());
    }
    out
}

fn qstr(m: &CompiledModule, i: u32) -> &str {
    m.qstrs.get(i as usize).map_or("?", |s| s.as_str())
}

fn dump_raw_code(out: &mut String, rc: &RawCode, m: &CompiledModule) {
    let fd = &rc.fun_data;
    let Ok(p) = Prelude::decode(fd) else {
        let _ = writeln!(out, "File {}, code block '?' (undecodable prelude)", qstr(m, 0));
        return;
    };
    let _ = writeln!(
        out,
        "File {}, code block '{}' (descriptor: {:x}, bytecode @{:x} {} bytes)",
        qstr(m, 0),
        qstr(m, p.name),
        addr(rc),
        addr(fd.as_ptr()),
        fd.len()
    );
    let prelude_size = p.code_start;
    let _ = writeln!(
        out,
        "Raw bytecode (code_info_size={}, bytecode_size={}):",
        prelude_size,
        fd.len() - prelude_size
    );
    for (i, b) in fd.iter().enumerate() {
        if i > 0 && i % 16 == 0 {
            out.push('\n');
        }
        let _ = write!(out, " {b:02x}");
    }
    out.push('\n');
    out.push_str("arg names:");
    for &a in &p.arg_names {
        let _ = write!(out, " {}", qstr(m, a));
    }
    out.push('\n');
    let _ = writeln!(out, "(N_STATE {})", p.sig.n_state);
    let _ = writeln!(out, "(N_EXC_STACK {})", p.sig.n_exc_stack);
    for c in p.cells(fd) {
        let _ = writeln!(out, "(INIT_CELL {c})");
    }
    let (mut bc, mut line) = (0u32, 1u32);
    let _ = writeln!(out, "  bc={bc} line={line}");
    for e in mpy_bytecode::line_table::entries(p.line_table(fd)) {
        let Ok((b, l)) = e else { break };
        bc = bc.saturating_add(b);
        line = line.saturating_add(l);
        let _ = writeln!(out, "  bc={bc} line={line}");
    }
    let code = p.code(fd);
    let mut ip = 0;
    while ip < code.len() {
        let Ok(i) = decode_instr(code, ip) else {
            let _ = writeln!(out, "{ip:02} code {:x}, byte code 0x{:02x} not implemented", addr(rc), code[ip]);
            break;
        };
        let _ = writeln!(out, "{ip:02} {}", instr_text(i.op, i.arg, rc, m));
        ip += i.size;
    }
}

fn child_addr(rc: &RawCode, i: u32) -> usize {
    rc.children.get(i as usize).map_or(0, |c| addr::<RawCode>(c))
}

fn const_text(m: &CompiledModule, i: u32) -> String {
    match m.consts.get(i as usize) {
        Some(c) => format!("{:x}={}", addr::<Const>(c), const_repr(c)),
        None => String::from("?"),
    }
}

/// One instruction as MicroPython's debug printer words it.
fn instr_text(opc: u8, arg: Arg, rc: &RawCode, m: &CompiledModule) -> String {
    if let Some(v) = op::multi_small_int(opc) {
        return format!("LOAD_CONST_SMALL_INT {v}");
    }
    if let Some(n) = op::load_fast_multi(opc) {
        return format!("LOAD_FAST {n}");
    }
    if let Some(n) = op::store_fast_multi(opc) {
        return format!("STORE_FAST {n}");
    }
    if let Some(u) = op::unary_op(opc) {
        return format!("UNARY_OP {} {}", u as u8, UNARY_NAMES[u as usize]);
    }
    if let Some(b) = op::binary_op(opc) {
        return format!("BINARY_OP {} {}", b as u8, BINARY_NAMES[b as usize]);
    }
    let name = op::op_name(opc).unwrap_or("?");
    match arg {
        Arg::None => String::from(name),
        Arg::Qstr(q) => match opc {
            op::LOAD_CONST_STRING | op::IMPORT_NAME | op::IMPORT_FROM => format!("{name} '{}'", qstr(m, q)),
            _ => format!("{name} {}", qstr(m, q)),
        },
        Arg::Uint(u) => match opc {
            op::CALL_FUNCTION | op::CALL_FUNCTION_VAR_KW | op::CALL_METHOD | op::CALL_METHOD_VAR_KW => {
                format!("{name} n={} nkw={}", u & 0xff, (u >> 8) & 0xff)
            }
            _ => format!("{name} {u}"),
        },
        Arg::SmallInt(v) => format!("{name} {v}"),
        Arg::Const(c) => format!("{name} {}", const_text(m, c)),
        Arg::Child(c) => format!("{name} {:x}", child_addr(rc, c)),
        Arg::Closure { child, n_closed } => format!("{name} {:x} {n_closed}", child_addr(rc, child)),
        Arg::Jump { target } => format!("{name} {target}"),
        Arg::UnwindJump { target, unwind } => format!("{name} {target} {unwind}"),
    }
}
