//! Structural validation of loaded bytecode, so a VM can rely on basic
//! invariants of code that came from an untrusted `.mpy` file: preludes
//! decode, every instruction decodes, qstr / constant / child operands are in
//! range, local-slot operands are below `n_state`, and jump targets land on
//! instruction boundaries inside the code. (Stack depth is not checked; a VM
//! must still bounds-check its value stack.)

use core::fmt;

use crate::disasm::{decode_instr, Arg};
use crate::opcode;
use crate::prelude::Prelude;
use crate::raw_code::{CompiledModule, RawCode, RawCodeKind};
use crate::varint::DecodeError;

/// What was wrong, and where (`offset` is relative to the first opcode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidateError {
    /// A raw code is not bytecode.
    NotBytecode,
    /// The prelude does not decode.
    Prelude(DecodeError),
    /// A prelude field is out of range (name or argument qstr, cell index).
    PreludeField(&'static str),
    /// The instruction at `offset` does not decode.
    Instr {
        /// Offset of the instruction.
        offset: usize,
        /// Why.
        error: DecodeError,
    },
    /// The operand of the instruction at `offset` is out of range.
    Operand {
        /// Offset of the instruction.
        offset: usize,
        /// Which kind of operand.
        what: &'static str,
    },
    /// Raw codes nest deeper than 200 levels.
    TooDeep,
}

impl fmt::Display for ValidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidateError::NotBytecode => f.write_str("raw code is not bytecode"),
            ValidateError::Prelude(e) => write!(f, "bad prelude: {e}"),
            ValidateError::PreludeField(w) => write!(f, "bad prelude: {w} out of range"),
            ValidateError::Instr { offset, error } => {
                write!(f, "bad instruction at {offset}: {error}")
            }
            ValidateError::Operand { offset, what } => {
                write!(f, "bad operand at {offset}: {what} out of range")
            }
            ValidateError::TooDeep => f.write_str("raw codes nested too deeply"),
        }
    }
}

/// Validate one raw code (not its children) against a module with
/// `n_qstrs` qstrs and `n_consts` constants. See the module docs.
pub fn validate_raw_code(
    rc: &RawCode,
    n_qstrs: usize,
    n_consts: usize,
) -> Result<(), ValidateError> {
    if rc.kind != RawCodeKind::Bytecode {
        return Err(ValidateError::NotBytecode);
    }
    let fd = &rc.fun_data;
    let p = Prelude::decode(fd).map_err(ValidateError::Prelude)?;
    let n_state = p.sig.n_state as usize;
    if p.name as usize >= n_qstrs {
        return Err(ValidateError::PreludeField("function name"));
    }
    if p.arg_names.iter().any(|&q| q as usize >= n_qstrs) {
        return Err(ValidateError::PreludeField("argument name"));
    }
    let n_args = p.sig.n_pos_args as usize
        + p.sig.n_kwonly_args as usize
        + usize::from(p.sig.scope_flags & crate::prelude::SCOPE_FLAG_VARARGS != 0)
        + usize::from(p.sig.scope_flags & crate::prelude::SCOPE_FLAG_VARKEYWORDS != 0);
    if n_args > n_state {
        return Err(ValidateError::PreludeField("argument count"));
    }
    if p.cells(fd).iter().any(|&c| usize::from(c) >= n_state) {
        return Err(ValidateError::PreludeField("cell index"));
    }
    let code = p.code(fd);
    // Pass 1: instruction starts.
    let mut is_start = alloc::vec![false; code.len()];
    let mut ip = 0;
    while ip < code.len() {
        let i =
            decode_instr(code, ip).map_err(|error| ValidateError::Instr { offset: ip, error })?;
        is_start[ip] = true;
        ip += i.size;
    }
    // Pass 2: operands.
    let mut ip = 0;
    while ip < code.len() {
        let i =
            decode_instr(code, ip).map_err(|error| ValidateError::Instr { offset: ip, error })?;
        let bad = |what| Err(ValidateError::Operand { offset: ip, what });
        let target_ok = |t: i64| {
            usize::try_from(t)
                .ok()
                .and_then(|t| is_start.get(t).copied())
                .unwrap_or(false)
        };
        match i.arg {
            Arg::Qstr(q) if q as usize >= n_qstrs => return bad("qstr"),
            Arg::Const(c) if c as usize >= n_consts => return bad("constant"),
            Arg::Child(c) | Arg::Closure { child: c, .. } if c as usize >= rc.children.len() => {
                return bad("child")
            }
            Arg::Jump { target } | Arg::UnwindJump { target, .. } if !target_ok(target) => {
                return bad("jump target")
            }
            Arg::Uint(n)
                if matches!(
                    i.op,
                    opcode::LOAD_FAST_N
                        | opcode::STORE_FAST_N
                        | opcode::DELETE_FAST
                        | opcode::LOAD_DEREF
                        | opcode::STORE_DEREF
                        | opcode::DELETE_DEREF
                ) && n as usize >= n_state =>
            {
                return bad("local slot")
            }
            Arg::None => {
                let local = opcode::load_fast_multi(i.op).or(opcode::store_fast_multi(i.op));
                if local.is_some_and(|n| usize::from(n) >= n_state) {
                    return bad("local slot");
                }
            }
            _ => {}
        }
        ip += i.size;
    }
    Ok(())
}

fn validate_tree(rc: &RawCode, m: &CompiledModule, depth: usize) -> Result<(), ValidateError> {
    if depth > 200 {
        return Err(ValidateError::TooDeep);
    }
    validate_raw_code(rc, m.qstrs.len(), m.consts.len())?;
    for c in &rc.children {
        validate_tree(c, m, depth + 1)?;
    }
    Ok(())
}

/// Validate every raw code of a module (see [`validate_raw_code`]).
pub fn validate_module(m: &CompiledModule) -> Result<(), ValidateError> {
    validate_tree(&m.raw_code, m, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec;
    use alloc::vec::Vec;

    fn rc(code: &[u8], children: Vec<RawCode>) -> RawCode {
        // n_state 4, name qstr 0, no line table.
        let mut fun_data = vec![0x18, 0x02, 0x00];
        fun_data.extend_from_slice(code);
        RawCode {
            kind: RawCodeKind::Bytecode,
            fun_data,
            children,
        }
    }

    fn module(r: RawCode) -> CompiledModule {
        CompiledModule {
            qstrs: vec![String::from("m"), String::from("x")],
            consts: vec![],
            raw_code: r,
            small_int_bits: 31,
        }
    }

    #[test]
    fn accepts_good_code() {
        let good = rc(&[0x11, 0x01, 0x44, 0x42, 0x51, 0x63, 0xb3, 0x63], vec![]);
        assert_eq!(validate_module(&module(good)), Ok(()));
    }

    #[test]
    fn rejects_bad_operands() {
        let cases: &[(&[u8], &str)] = &[
            (&[0x11, 0x02, 0x63], "qstr"),
            (&[0x23, 0x00, 0x63], "constant"),
            (&[0x32, 0x00, 0x63], "child"),
            (&[0x42, 0x41, 0x63], "jump target"),
            (&[0x42, 0x3f, 0x63], "jump target"),
            (&[0x42, 0x50, 0x63], "jump target"),
            (&[0x24, 0x04, 0x63], "local slot"),
            (&[0xb4, 0x63], "local slot"),
        ];
        for &(code, what) in cases {
            let r = validate_module(&module(rc(code, vec![])));
            assert!(
                matches!(r, Err(ValidateError::Operand { what: w, .. }) if w == what),
                "{code:x?}: {r:?}"
            );
        }
        assert!(matches!(
            validate_module(&module(rc(&[0x42], vec![]))),
            Err(ValidateError::Instr {
                offset: 0,
                error: DecodeError::Truncated
            })
        ));
        assert!(matches!(
            validate_module(&module(rc(&[0x00], vec![]))),
            Err(ValidateError::Instr { .. })
        ));
        // Child code is validated too.
        let bad_child = rc(&[0x11, 0x09], vec![]);
        assert!(validate_module(&module(rc(&[0x32, 0x00, 0x63], vec![bad_child]))).is_err());
    }
}
