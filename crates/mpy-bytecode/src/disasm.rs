//! Instruction decoding and a human-readable disassembler for bytecode raw
//! codes (debugging aid, `mpy-cross`-output comparison, and the base for
//! `micropython -v -v`).
//!
//! Text layout of one raw code (offsets are relative to the first opcode,
//! like MicroPython's `bc=` offsets):
//!
//! ```text
//! raw code 0.0 'f' (bytecode, 9 bytes, 0 children)
//!   signature: n_state=3 n_exc_stack=0 scope_flags=0x0 n_pos_args=1 n_kwonly_args=0 n_def_pos_args=0
//!   prelude: n_info=3 n_cell=0 code_start=5
//!   args: a
//!   lines: bc=0 line=2
//!      0  b0          LOAD_FAST_MULTI 0
//!      1  81          LOAD_CONST_SMALL_INT_MULTI 1
//!      2  f2          BINARY_OP_MULTI ADD
//!      3  63          RETURN_VALUE
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::float_repr::{complex_repr, float_repr};
use crate::line_table;
use crate::opcode::{self, Operand};
use crate::prelude::Prelude;
use crate::raw_code::{CompiledModule, Const, RawCode, RawCodeKind};
use crate::varint::{self, DecodeError};

/// A decoded operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// No operand (also for compact opcodes: their value is in the opcode).
    None,
    /// Qstr index into the module's qstr table.
    Qstr(u32),
    /// Plain unsigned operand (local index, count, packed call counts, …).
    Uint(u32),
    /// LOAD_CONST_SMALL_INT value.
    SmallInt(i64),
    /// Index into the module's constant table.
    Const(u32),
    /// Child raw-code index (MAKE_FUNCTION*).
    Child(u32),
    /// Child raw-code index and number of closed-over values (MAKE_CLOSURE*).
    Closure {
        /// Child raw-code index.
        child: u32,
        /// Closed-over values popped from the stack.
        n_closed: u8,
    },
    /// Jump with its absolute target (offset in the same code slice).
    Jump {
        /// Target offset (may be out of range in malformed code).
        target: i64,
    },
    /// UNWIND_JUMP: absolute target and the extra byte (handler count,
    /// 0x80 = also pop a for-iterator).
    UnwindJump {
        /// Target offset.
        target: i64,
        /// The raw extra byte.
        unwind: u8,
    },
}

/// One decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    /// Offset of the opcode in the code slice.
    pub offset: usize,
    /// The opcode byte.
    pub op: u8,
    /// Its decoded operand.
    pub arg: Arg,
    /// Total length in bytes.
    pub size: usize,
}

/// Decode the instruction at `code[ip]`. Jump targets are absolute: the
/// position just after the offset bytes plus the offset. Errors:
/// [`DecodeError::Truncated`] if cut, [`DecodeError::Invalid`] for an
/// unused opcode, [`DecodeError::Overflow`] for oversized operands.
pub fn decode_instr(code: &[u8], ip: usize) -> Result<Instr, DecodeError> {
    let op = *code.get(ip).ok_or(DecodeError::Truncated)?;
    let mut pos = ip + 1;
    let operand = opcode::operand(op).ok_or(DecodeError::Invalid)?;
    let extra = |pos: &mut usize| -> Result<u8, DecodeError> {
        let b = *code.get(*pos).ok_or(DecodeError::Truncated)?;
        *pos += 1;
        Ok(b)
    };
    let arg = match operand {
        Operand::None => Arg::None,
        Operand::Qstr => Arg::Qstr(varint::decode_vuint(code, &mut pos)?),
        Operand::Uint => Arg::Uint(varint::decode_vuint(code, &mut pos)?),
        Operand::ConstIdx => Arg::Const(varint::decode_vuint(code, &mut pos)?),
        Operand::Child => Arg::Child(varint::decode_vuint(code, &mut pos)?),
        Operand::SmallInt => Arg::SmallInt(varint::decode_small_int(code, &mut pos)?),
        Operand::ChildAndByte => {
            let child = varint::decode_vuint(code, &mut pos)?;
            Arg::Closure {
                child,
                n_closed: extra(&mut pos)?,
            }
        }
        Operand::JumpSigned | Operand::JumpUnsigned => {
            let off = varint::decode_jump(code, &mut pos, operand == Operand::JumpSigned)?;
            Arg::Jump {
                target: pos as i64 + i64::from(off),
            }
        }
        Operand::JumpSignedAndByte => {
            let off = varint::decode_jump(code, &mut pos, true)?;
            let target = pos as i64 + i64::from(off);
            Arg::UnwindJump {
                target,
                unwind: extra(&mut pos)?,
            }
        }
    };
    Ok(Instr {
        offset: ip,
        op,
        arg,
        size: pos - ip,
    })
}

/// Decode a whole code slice; stops at the first undecodable instruction
/// and returns the instructions so far plus the error, if any.
pub fn decode_all(code: &[u8]) -> (Vec<Instr>, Option<(usize, DecodeError)>) {
    let mut out = Vec::new();
    let mut ip = 0;
    while ip < code.len() {
        match decode_instr(code, ip) {
            Ok(i) => {
                ip += i.size;
                out.push(i);
            }
            Err(e) => return (out, Some((ip, e))),
        }
    }
    (out, None)
}

/// Python-style `repr` of a constant (strings quoted, bytes `b'…'`,
/// numbers as in `.mpy` text, tuples parenthesised).
pub fn const_repr(c: &Const) -> String {
    let mut s = String::new();
    write_const(&mut s, c);
    s
}

fn write_quoted(out: &mut String, chars: impl Iterator<Item = u32>, prefix: &str) {
    out.push_str(prefix);
    out.push('\'');
    for c in chars {
        match c {
            0x27 => out.push_str("\\'"),
            0x5c => out.push_str("\\\\"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            0x09 => out.push_str("\\t"),
            0x20..=0x7e => out.push(char::from(c as u8)),
            _ if prefix.is_empty() && c > 0x7f => out.push(char::from_u32(c).unwrap_or('?')),
            _ if c <= 0xff => {
                let _ = write!(out, "\\x{c:02x}");
            }
            _ if c <= 0xffff => {
                let _ = write!(out, "\\u{c:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{c:08x}");
            }
        }
    }
    out.push('\'');
}

fn write_const(out: &mut String, c: &Const) {
    match c {
        Const::None => out.push_str("None"),
        Const::False => out.push_str("False"),
        Const::True => out.push_str("True"),
        Const::Ellipsis => out.push_str("Ellipsis"),
        Const::Str(s) => write_quoted(out, s.chars().map(u32::from), ""),
        Const::Bytes(b) => write_quoted(out, b.iter().map(|&x| u32::from(x)), "b"),
        Const::Int(t) => out.push_str(t),
        Const::Float(x) => out.push_str(&float_repr(*x)),
        Const::Complex(x) => out.push_str(&complex_repr(*x)),
        Const::Tuple(items) => {
            out.push('(');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_const(out, it);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
    }
}

/// A qstr for display: as-is when non-empty and made of printable
/// non-space ASCII (identifiers, `<module>`, `*`), else quoted like a str.
fn qstr_name(qstrs: &[String], idx: u32) -> String {
    match qstrs.get(idx as usize) {
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && b != b'\'') => {
            s.clone()
        }
        Some(s) => {
            let mut r = String::new();
            write_quoted(&mut r, s.chars().map(u32::from), "");
            r
        }
        None => format!("<qstr #{idx}?>"),
    }
}

/// The operand text of an instruction (qstrs by name, constants by repr,
/// jumps as `-> target`).
pub fn format_operand(i: &Instr, qstrs: &[String], consts: &[Const]) -> String {
    let op = i.op;
    match i.arg {
        Arg::None => {
            if let Some(v) = opcode::multi_small_int(op) {
                format!("{v}")
            } else if let Some(n) = opcode::load_fast_multi(op).or(opcode::store_fast_multi(op)) {
                format!("{n}")
            } else if let Some(u) = opcode::unary_op(op) {
                String::from(u.name())
            } else if let Some(b) = opcode::binary_op(op) {
                String::from(b.name())
            } else {
                String::new()
            }
        }
        Arg::Qstr(q) => qstr_name(qstrs, q),
        Arg::Uint(n) => match op {
            opcode::CALL_FUNCTION
            | opcode::CALL_FUNCTION_VAR_KW
            | opcode::CALL_METHOD
            | opcode::CALL_METHOD_VAR_KW => format!("n={} nkw={}", n & 0xff, (n >> 8) & 0xff),
            opcode::UNPACK_EX => format!("left={} right={}", n & 0xff, (n >> 8) & 0xff),
            opcode::STORE_COMP => {
                let kind = ["list", "dict", "set", "?"][(n & 3) as usize];
                format!("stack={} {kind}", n >> 2)
            }
            _ => format!("{n}"),
        },
        Arg::SmallInt(v) => format!("{v}"),
        Arg::Const(c) => match consts.get(c as usize) {
            Some(k) => format!("#{c} {}", const_repr(k)),
            None => format!("#{c} <const?>"),
        },
        Arg::Child(c) => format!("child={c}"),
        Arg::Closure { child, n_closed } => format!("child={child} n_closed={n_closed}"),
        Arg::Jump { target } => format!("-> {target}"),
        Arg::UnwindJump { target, unwind } => {
            format!(
                "-> {target} unwind={}{}",
                unwind & 0x7f,
                if unwind & 0x80 != 0 { " +iter" } else { "" }
            )
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::new();
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Disassemble one raw code (not its children) into `out`, using the
/// module's `qstrs` and `consts` to show operands. `label` names it in the
/// header line (e.g. `0.1` for the second child of the module). Never
/// fails: undecodable parts are reported inline as `<error: …>`.
pub fn disassemble_raw_code(
    out: &mut String,
    label: &str,
    rc: &RawCode,
    qstrs: &[String],
    consts: &[Const],
) {
    let fd = &rc.fun_data;
    let kind = match rc.kind {
        RawCodeKind::Bytecode => "bytecode",
        RawCodeKind::NativePy => "native",
        RawCodeKind::Viper => "viper",
        RawCodeKind::Asm => "asm",
    };
    let prelude = match rc.kind {
        RawCodeKind::Bytecode => Prelude::decode(fd),
        _ => Err(DecodeError::Invalid),
    };
    let name = match &prelude {
        Ok(p) => qstr_name(qstrs, p.name),
        Err(_) => String::from("?"),
    };
    let _ = writeln!(
        out,
        "raw code {label} '{name}' ({kind}, {} bytes, {} children)",
        fd.len(),
        rc.children.len()
    );
    let p = match prelude {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(out, "  <error: undecodable prelude: {e}>");
            let _ = writeln!(out, "  data: {}", hex(fd));
            return;
        }
    };
    let s = &p.sig;
    let _ = writeln!(
        out,
        "  signature: n_state={} n_exc_stack={} scope_flags={:#x} n_pos_args={} n_kwonly_args={} n_def_pos_args={}",
        s.n_state, s.n_exc_stack, s.scope_flags, s.n_pos_args, s.n_kwonly_args, s.n_def_pos_args
    );
    let _ = writeln!(
        out,
        "  prelude: n_info={} n_cell={} code_start={}",
        p.n_info, p.n_cell, p.code_start
    );
    let _ = writeln!(
        out,
        "  prelude bytes: {}",
        hex(&fd[..p.code_start.min(fd.len())])
    );
    let args: Vec<String> = p.arg_names.iter().map(|&q| qstr_name(qstrs, q)).collect();
    let _ = writeln!(
        out,
        "  args: {}",
        if args.is_empty() {
            String::from("(none)")
        } else {
            args.join(", ")
        }
    );
    if p.n_cell > 0 {
        let cells: Vec<String> = p.cells(fd).iter().map(|c| format!("{c}")).collect();
        let _ = writeln!(out, "  cells: {}", cells.join(" "));
    }
    let lt = p.line_table(fd);
    match line_table::decode_points(lt) {
        Ok(points) => {
            let pts: Vec<String> = points
                .iter()
                .map(|(b, l)| format!("bc={b} line={l}"))
                .collect();
            let _ = writeln!(out, "  lines: {}", pts.join("; "));
        }
        Err(e) => {
            let _ = writeln!(out, "  lines: <error: {e}> ({})", hex(lt));
        }
    }
    let code = p.code(fd);
    let (instrs, err) = decode_all(code);
    for i in &instrs {
        let name = opcode::op_name(i.op).unwrap_or("?");
        let operand = format_operand(i, qstrs, consts);
        let bytes = hex(&code[i.offset..i.offset + i.size]);
        let line = format!("  {:>5}  {bytes:<11} {name} {operand}", i.offset);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some((at, e)) = err {
        let _ = writeln!(out, "  {at:>5}  <error: {e}> {}", hex(&code[at..]));
    }
}

fn disassemble_tree(out: &mut String, label: &str, rc: &RawCode, m: &CompiledModule, depth: usize) {
    disassemble_raw_code(out, label, rc, &m.qstrs, &m.consts);
    if depth > 200 {
        return;
    }
    for (i, c) in rc.children.iter().enumerate() {
        out.push('\n');
        disassemble_tree(out, &format!("{label}.{i}"), c, m, depth + 1);
    }
}

/// Disassemble a whole module: a header with the small-int bits, the qstr
/// and constant tables, then every raw code depth-first (labels `0`,
/// `0.0`, `0.1`, `0.0.0`, … following the child indices).
pub fn disassemble_module(m: &CompiledModule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "module: small_int_bits={} qstrs={} consts={}",
        m.small_int_bits,
        m.qstrs.len(),
        m.consts.len()
    );
    for (i, q) in m.qstrs.iter().enumerate() {
        let mut r = String::new();
        write_quoted(&mut r, q.chars().map(u32::from), "");
        let stat = if crate::static_qstr::static_qstr_id(q).is_some() {
            " (static)"
        } else {
            ""
        };
        let _ = writeln!(out, "  qstr {i}: {r}{stat}");
    }
    for (i, c) in m.consts.iter().enumerate() {
        let _ = writeln!(out, "  const {i}: {}", const_repr(c));
    }
    out.push('\n');
    disassemble_tree(&mut out, "0", &m.raw_code, m, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mpy::read_mpy;
    use alloc::vec;

    /// The worked example of mpy-format.md.
    const EXAMPLE: &[u8] = &[
        0x4d, 0x06, 0x00, 0x1f, 0x05, 0x00, 0x0e, b'e', b'x', b'/', b'h', b'.', b'p', b'y', 0x00,
        0x0f, 0x02, b'f', 0x00, 0x81, 0x77, 0x02, b'a', 0x00, 0x81, 0x24, 0x10, 0x04, 0x01, 0x44,
        0x32, 0x00, 0x16, 0x02, 0x11, 0x03, 0x11, 0x02, 0x82, 0x34, 0x01, 0x34, 0x01, 0x59, 0x51,
        0x63, 0x01, 0x48, 0x11, 0x06, 0x02, 0x04, 0x20, 0xb0, 0x81, 0xf2, 0x63,
    ];

    #[test]
    fn worked_example() {
        let m = read_mpy(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.qstrs, ["ex/h.py", "<module>", "f", "print", "a"]);
        assert_eq!(crate::mpy::write_mpy(&m), EXAMPLE);
        let text = disassemble_module(&m);
        let expect = "\
module: small_int_bits=31 qstrs=5 consts=0
  qstr 0: 'ex/h.py'
  qstr 1: '<module>' (static)
  qstr 2: 'f'
  qstr 3: 'print' (static)
  qstr 4: 'a'

raw code 0 '<module>' (bytecode, 20 bytes, 1 children)
  signature: n_state=3 n_exc_stack=0 scope_flags=0x0 n_pos_args=0 n_kwonly_args=0 n_def_pos_args=0
  prelude: n_info=2 n_cell=0 code_start=4
  prelude bytes: 10 04 01 44
  args: (none)
  lines: bc=0 line=1; bc=4 line=3
      0  32 00       MAKE_FUNCTION child=0
      2  16 02       STORE_NAME f
      4  11 03       LOAD_NAME print
      6  11 02       LOAD_NAME f
      8  82          LOAD_CONST_SMALL_INT_MULTI 2
      9  34 01       CALL_FUNCTION n=1 nkw=0
     11  34 01       CALL_FUNCTION n=1 nkw=0
     13  59          POP_TOP
     14  51          LOAD_CONST_NONE
     15  63          RETURN_VALUE

raw code 0.0 'f' (bytecode, 9 bytes, 0 children)
  signature: n_state=3 n_exc_stack=0 scope_flags=0x0 n_pos_args=1 n_kwonly_args=0 n_def_pos_args=0
  prelude: n_info=3 n_cell=0 code_start=5
  prelude bytes: 11 06 02 04 20
  args: a
  lines: bc=0 line=2
      0  b0          LOAD_FAST_MULTI 0
      1  81          LOAD_CONST_SMALL_INT_MULTI 1
      2  f2          BINARY_OP_MULTI ADD
      3  63          RETURN_VALUE
";
        assert_eq!(text, expect, "got:\n{text}");
    }

    #[test]
    fn decode_jumps_and_operands() {
        // JUMP +22 from offset 0: target 2 + 22.
        assert_eq!(
            decode_instr(&[0x42, 0x56], 0),
            Ok(Instr {
                offset: 0,
                op: 0x42,
                arg: Arg::Jump { target: 24 },
                size: 2
            })
        );
        // POP_JUMP_IF_TRUE -27 at offset 30: 32 - 27.
        let mut code = vec![0x59; 30];
        code.extend_from_slice(&[0x43, 0x25]);
        assert_eq!(
            decode_instr(&code, 30).map(|i| i.arg),
            Ok(Arg::Jump { target: 5 })
        );
        // UNWIND_JUMP: relative to the extra byte.
        assert_eq!(
            decode_instr(&[0x40, 0x42, 0x81], 0).map(|i| (i.arg, i.size)),
            Ok((
                Arg::UnwindJump {
                    target: 4,
                    unwind: 0x81
                },
                3
            ))
        );
        assert_eq!(
            decode_instr(&[0x22, 0xff, 0x1c], 0).map(|i| i.arg),
            Ok(Arg::SmallInt(-100))
        );
        assert_eq!(
            decode_instr(&[0x20, 0x03, 0x02], 0).map(|i| i.arg),
            Ok(Arg::Closure {
                child: 3,
                n_closed: 2
            })
        );
        assert_eq!(decode_instr(&[0x00], 0), Err(DecodeError::Invalid));
        assert_eq!(decode_instr(&[0x20, 0x03], 0), Err(DecodeError::Truncated));
        let (v, e) = decode_all(&[0x59, 0x63, 0xff]);
        assert_eq!(v.len(), 2);
        assert_eq!(e, Some((2, DecodeError::Invalid)));
    }

    #[test]
    fn operand_text() {
        let q = [String::from("x")];
        let c = [
            Const::Tuple(vec![
                Const::Int(String::from("1")),
                Const::Str(String::from("a'b")),
            ]),
            Const::Bytes(vec![0, 65]),
        ];
        let f = |code: &[u8]| {
            decode_instr(code, 0)
                .map(|i| format_operand(&i, &q, &c))
                .unwrap_or_default()
        };
        assert_eq!(f(&[0x13, 0x00]), "x");
        assert_eq!(f(&[0x13, 0x05]), "<qstr #5?>");
        let q2 = [String::new(), String::from("a b")];
        let g = |code: &[u8]| {
            decode_instr(code, 0)
                .map(|i| format_operand(&i, &q2, &[]))
                .unwrap_or_default()
        };
        assert_eq!(g(&[0x1b, 0x00]), "''");
        assert_eq!(g(&[0x10, 0x01]), "'a b'");
        assert_eq!(f(&[0x23, 0x00]), "#0 (1, 'a\\'b')");
        assert_eq!(f(&[0x23, 0x01]), "#1 b'\\x00A'");
        assert_eq!(f(&[0x36, 0x82, 0x02]), "n=2 nkw=1");
        assert_eq!(f(&[0x31, 0x84, 0x01]), "left=1 right=2");
        assert_eq!(f(&[0x2f, 0x0d]), "stack=3 dict");
        assert_eq!(f(&[0xd3]), "NOT");
        assert_eq!(f(&[0x70]), "-16");
        assert_eq!(f(&[0xc5]), "5");
        assert_eq!(const_repr(&Const::Tuple(vec![Const::None])), "(None,)");
    }

    #[test]
    fn garbage_does_not_panic() {
        let rc = RawCode {
            kind: RawCodeKind::Bytecode,
            fun_data: vec![0xff, 0xff],
            children: vec![],
        };
        let mut s = String::new();
        disassemble_raw_code(&mut s, "0", &rc, &[], &[]);
        assert!(s.contains("<error"));
        let rc = RawCode {
            kind: RawCodeKind::Bytecode,
            fun_data: vec![0x00, 0x02, 0x09, 0x43, 0x93],
            children: vec![],
        };
        let mut s = String::new();
        disassemble_raw_code(&mut s, "0", &rc, &[], &[]);
        assert!(s.contains("<error: truncated data>"), "{s}");
        assert!(s.contains("<qstr #9?>"), "{s}");
    }
}
