//! `.mpy` v6.3 writer (bytecode raw codes), byte-identical to the official
//! `mpy-cross` for the same module contents.

use alloc::vec::Vec;

use super::{obj_type, MPY_MAGIC, MPY_VERSION};
use crate::float_repr::{complex_repr, float_repr};
use crate::raw_code::{CompiledModule, Const, RawCode};
use crate::static_qstr::static_qstr_id;
use crate::varint::encode_vuint_usize;

fn write_qstr(out: &mut Vec<u8>, s: &str) {
    if let Some(id) = static_qstr_id(s) {
        encode_vuint_usize(out, (usize::from(id) << 1) | 1);
    } else {
        encode_vuint_usize(out, s.len() << 1);
        out.extend_from_slice(s.as_bytes());
        out.push(0);
    }
}

fn write_text(out: &mut Vec<u8>, ty: u8, text: &str) {
    out.push(ty);
    encode_vuint_usize(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

fn write_object(out: &mut Vec<u8>, c: &Const) {
    match c {
        Const::None => out.push(obj_type::NONE),
        Const::False => out.push(obj_type::FALSE),
        Const::True => out.push(obj_type::TRUE),
        Const::Ellipsis => out.push(obj_type::ELLIPSIS),
        Const::Str(s) => {
            out.push(obj_type::STR);
            encode_vuint_usize(out, s.len());
            out.extend_from_slice(s.as_bytes());
            out.push(0);
        }
        Const::Bytes(b) => {
            out.push(obj_type::BYTES);
            encode_vuint_usize(out, b.len());
            out.extend_from_slice(b);
            out.push(0);
        }
        Const::Int(t) => write_text(out, obj_type::INT, t),
        Const::Float(x) => write_text(out, obj_type::FLOAT, &float_repr(*x)),
        Const::Complex(x) => write_text(out, obj_type::COMPLEX, &complex_repr(*x)),
        Const::Tuple(items) => {
            out.push(obj_type::TUPLE);
            encode_vuint_usize(out, items.len());
            for i in items {
                write_object(out, i);
            }
        }
    }
}

fn write_raw_code(out: &mut Vec<u8>, rc: &RawCode) {
    let has_children = !rc.children.is_empty();
    let kind_len = (rc.fun_data.len() << 3) | (usize::from(has_children) << 2) | rc.kind as usize;
    encode_vuint_usize(out, kind_len);
    out.extend_from_slice(&rc.fun_data);
    if has_children {
        encode_vuint_usize(out, rc.children.len());
        for c in &rc.children {
            write_raw_code(out, c);
        }
    }
}

/// Serialise a module as a `.mpy` v6.3 file: header `4D 06 00 <bits>`, the
/// qstr table (static strings as odd-length ids, others inline with a NUL),
/// the constant objects (numbers as text, see [`crate::float_repr`]) and
/// the raw-code tree depth-first; the has-children bit is set exactly when
/// a raw code has children. Raw codes are written with their own kind (a
/// module read from a file only ever holds bytecode).
pub fn write_mpy(m: &CompiledModule) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&[MPY_MAGIC, MPY_VERSION, 0, m.small_int_bits]);
    encode_vuint_usize(&mut out, m.qstrs.len());
    encode_vuint_usize(&mut out, m.consts.len());
    for q in &m.qstrs {
        write_qstr(&mut out, q);
    }
    for c in &m.consts {
        write_object(&mut out, c);
    }
    write_raw_code(&mut out, &m.raw_code);
    out
}
