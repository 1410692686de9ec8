//! The bytecode verifier: proves, before a raw code can run, everything
//! the dispatch loop relies on when it reads and writes a frame without
//! bounds checks.
//!
//! For every instruction reachable from the entry it establishes one
//! *static state*: the value-stack depth and the stack of active handler
//! blocks (which SETUP_* pushed each one, its kind, handler address and
//! recorded depth). Every path reaching an instruction must arrive in the
//! same state, every instruction must find the operands it pops and stay
//! within `n_state` slots, block pushes within `n_exc_stack`, jumps must
//! land on instruction boundaries and no path may run off the end of the
//! code. Operand indices (qstrs, constants, children, locals) are checked
//! against their tables.
//!
//! The VM's dynamic control transfers are defined so that they always land
//! in the verified state (by induction, the run-time depth and block stack
//! equal the static ones at every instruction executed):
//! - an exception caught by block B resumes at B's handler with the stack
//!   at B's recorded depth + 1 (the exception) and the blocks up to B;
//! - `return`, `break` and `continue` through a `finally`/`with` block
//!   enter its handler the same way, with a placeholder value instead of
//!   the exception and the pending action recorded in the block
//!   ([`super::frame`]);
//! - when that handler's END_FINALLY resumes a pending jump, the stack is
//!   reset to B's recorded depth (minus the `__exit__` pair for `with`),
//!   and further blocks count as running against B's handler address,
//!   exactly as [`unwind_jump_state`] computes here.
//!
//! Operand decoding ([`vuint`], [`jump`], [`small_int_len`]) is shared with
//! the dispatch loop, so both read the same values.

use crate::heap::GcVec;
use crate::state::Vm;
use crate::PyResult;
use mpy_bytecode::opcode as op;

/// Block kinds, as stored in a frame's handler blocks.
pub mod kind {
    /// SETUP_EXCEPT.
    pub const EXCEPT: usize = 0;
    /// SETUP_FINALLY.
    pub const FINALLY: usize = 1;
    /// SETUP_WITH.
    pub const WITH: usize = 2;
}

/// Decodes a vuint operand at `code[*pos]` (MSB group first), advancing
/// `pos`. Arithmetic wraps exactly as in the dispatch loop. None if the
/// code ends inside it.
#[inline]
pub fn vuint(code: &[u8], pos: &mut usize) -> Option<usize> {
    let mut v = 0usize;
    loop {
        let b = *code.get(*pos)?;
        *pos += 1;
        v = (v << 7) | (b & 0x7f) as usize;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
}

/// Decodes a jump operand at `code[*pos]` (1 or 2 bytes; signed ones are
/// biased), advancing `pos`; returns the offset relative to the end of the
/// operand. None if the code ends inside it.
#[inline]
pub fn jump(code: &[u8], pos: &mut usize, signed: bool) -> Option<isize> {
    let b0 = *code.get(*pos)?;
    if b0 < 0x80 {
        *pos += 1;
        return Some(b0 as isize - if signed { 0x40 } else { 0 });
    }
    let b1 = *code.get(*pos + 1)?;
    *pos += 2;
    Some(((b0 & 0x7f) as isize | ((b1 as isize) << 7)) - if signed { 0x4000 } else { 0 })
}

/// Length of the LOAD_CONST_SMALL_INT operand at `code[pos]` (at most 9
/// bytes, so the value fits 64 bits), None if malformed.
#[inline]
pub fn small_int_len(code: &[u8], pos: usize) -> Option<usize> {
    for n in 0..9 {
        if *code.get(pos + n)? & 0x80 == 0 {
            return Some(n + 1);
        }
    }
    None
}

/// Tables an instruction's operands index.
#[derive(Clone, Copy)]
pub struct Limits {
    /// Qstrs in the module's table.
    pub n_qstrs: usize,
    /// Constants.
    pub n_consts: usize,
    /// Nested raw codes.
    pub n_children: usize,
    /// State slots (locals and value stack).
    pub n_state: usize,
    /// Handler blocks.
    pub n_exc_stack: usize,
}

/// The largest accepted `n_state` (depths are stored in 16 bits).
pub const MAX_STATE: usize = 0xfff0;
/// The largest accepted code length (block slots hold `dest << 8 | count`
/// in a small int, which has 31 bits on 32-bit targets).
pub const MAX_CODE: usize = 1 << 21;

impl Limits {
    /// No limits: for decoding code already verified (`vm::ops`).
    pub const NONE: Limits =
        Limits { n_qstrs: usize::MAX, n_consts: usize::MAX, n_children: usize::MAX, n_state: usize::MAX, n_exc_stack: usize::MAX };
}

/// One decoded instruction: opcode, the decoded operand (vuint or child
/// index), the jump target, the extra byte and the next offset.
pub(crate) struct Instr {
    pub(crate) opc: u8,
    pub(crate) arg: usize,
    pub(crate) target: usize,
    pub(crate) extra: u8,
    pub(crate) next: usize,
}

/// The operand format of `opc` (None if unused): `op::operand` from the
/// opcode ranges, a few compares instead of its table of cases (the
/// unit test checks they agree for every byte).
fn operand(opc: u8) -> Option<mpy_bytecode::opcode::Operand> {
    use mpy_bytecode::opcode::Operand as O;
    Some(match opc {
        0x50.. => {
            // No operand: 0x50..=0x5f, 0x62..=0x69 and the compact ranges.
            if matches!(opc, 0x60 | 0x61 | 0x6a..=0x6f | 0xd4..=0xd6 | 0xfa..) {
                return None;
            }
            O::None
        }
        0x40 => O::JumpSignedAndByte,
        0x42..=0x44 => O::JumpSigned,
        0x45..=0x4b => O::JumpUnsigned,
        0x10..=0x1c => O::Qstr,
        0x20 | 0x21 => O::ChildAndByte,
        0x22 => O::SmallInt,
        0x23 => O::ConstIdx,
        0x32 | 0x33 => O::Child,
        0x24..=0x37 => O::Uint,
        _ => return None,
    })
}

/// Decodes the instruction at `ip` and checks its operand against `lim`
/// (None if malformed).
pub(crate) fn decode(code: &[u8], ip: usize, lim: &Limits) -> Option<Instr> {
    use mpy_bytecode::opcode::Operand as O;
    let opc = *code.get(ip)?;
    let mut pos = ip + 1;
    let (mut arg, mut target, mut extra) = (0, usize::MAX, 0);
    let o = operand(opc)?;
    match o {
        O::None => {}
        O::SmallInt => pos += small_int_len(code, pos)?,
        O::JumpSigned | O::JumpUnsigned | O::JumpSignedAndByte => {
            let off = jump(code, &mut pos, o != O::JumpUnsigned)?;
            let t = pos as isize + off;
            if t < 0 || t as usize >= code.len() {
                return None;
            }
            target = t as usize;
        }
        // A vuint, checked against the table it indexes (if any).
        _ => {
            arg = vuint(code, &mut pos)?;
            let max = match o {
                O::Qstr => lim.n_qstrs,
                O::ConstIdx => lim.n_consts,
                O::Child | O::ChildAndByte => lim.n_children,
                _ if (op::LOAD_FAST_N..=op::DELETE_DEREF).contains(&opc) => lim.n_state,
                _ => usize::MAX,
            };
            if arg >= max {
                return None;
            }
        }
    }
    if matches!(o, O::ChildAndByte | O::JumpSignedAndByte) {
        extra = *code.get(pos)?;
        pos += 1;
    }
    if pos > code.len() {
        return None;
    }
    if let Some(l) = op::load_fast_multi(opc).or_else(|| op::store_fast_multi(opc)) {
        if l as usize >= lim.n_state {
            return None;
        }
    }
    Some(Instr { opc, arg, target, extra, next: pos })
}

/// [`EFFECTS`] entry whose stack effect depends on the operand or the
/// block state (worked out in [`Verifier::run_block`]), or that is no
/// opcode.
const VAR: u8 = 0x80;

/// A fixed stack effect: needs and pops `pop` slots, pushes `push`.
/// (An instruction that needs more slots than it consumes is described
/// as popping all it needs and pushing the rest back: the same checks
/// and the same resulting depth.)
const fn fx(pop: u8, push: u8) -> u8 {
    pop | push << 3
}

/// Stack effects of opcodes 0x10..=0x6f, one byte each (a table instead
/// of a match: much smaller on the board).
const EFFECTS: [u8; 0x60] = {
    let mut t = [VAR; 0x60];
    let fixed: [(u8, u8); 53] = [
        (op::IMPORT_FROM, fx(1, 2)),
        (op::STORE_MAP, fx(3, 1)),
        (op::FOR_ITER, fx(4, 5)),
        (op::LOAD_CONST_STRING, fx(0, 1)),
        (op::LOAD_NAME, fx(0, 1)),
        (op::LOAD_GLOBAL, fx(0, 1)),
        (op::LOAD_CONST_SMALL_INT, fx(0, 1)),
        (op::LOAD_CONST_OBJ, fx(0, 1)),
        (op::LOAD_FAST_N, fx(0, 1)),
        (op::LOAD_DEREF, fx(0, 1)),
        (op::LOAD_CONST_FALSE, fx(0, 1)),
        (op::LOAD_CONST_NONE, fx(0, 1)),
        (op::LOAD_CONST_TRUE, fx(0, 1)),
        (op::LOAD_NULL, fx(0, 1)),
        (op::LOAD_BUILD_CLASS, fx(0, 1)),
        (op::BUILD_MAP, fx(0, 1)),
        (op::MAKE_FUNCTION, fx(0, 1)),
        (op::LOAD_ATTR, fx(1, 1)),
        (op::GET_ITER, fx(1, 1)),
        (op::LOAD_METHOD, fx(1, 2)),
        (op::LOAD_SUPER_METHOD, fx(3, 2)),
        (op::STORE_NAME, fx(1, 0)),
        (op::STORE_GLOBAL, fx(1, 0)),
        (op::STORE_FAST_N, fx(1, 0)),
        (op::STORE_DEREF, fx(1, 0)),
        (op::POP_TOP, fx(1, 0)),
        (op::IMPORT_STAR, fx(1, 0)),
        (op::STORE_ATTR, fx(2, 0)),
        (op::DELETE_NAME, fx(0, 0)),
        (op::DELETE_GLOBAL, fx(0, 0)),
        (op::DELETE_FAST, fx(0, 0)),
        (op::DELETE_DEREF, fx(0, 0)),
        (op::IMPORT_NAME, fx(2, 1)),
        (op::MAKE_FUNCTION_DEFARGS, fx(2, 1)),
        (op::LOAD_SUBSCR, fx(2, 1)),
        (op::STORE_SUBSCR, fx(3, 0)),
        (op::DUP_TOP, fx(1, 2)),
        (op::DUP_TOP_TWO, fx(2, 4)),
        (op::ROT_TWO, fx(2, 2)),
        (op::ROT_THREE, fx(3, 3)),
        (op::GET_ITER_STACK, fx(1, 4)),
        (op::YIELD_VALUE, fx(1, 1)),
        (op::YIELD_FROM, fx(2, 1)),
        (op::RETURN_VALUE, fx(1, 0)),
        (op::RAISE_OBJ, fx(1, 0)),
        (op::RAISE_FROM, fx(2, 0)),
        (op::RAISE_LAST, fx(0, 0)),
        (op::POP_JUMP_IF_TRUE, fx(1, 0)),
        (op::POP_JUMP_IF_FALSE, fx(1, 0)),
        (op::JUMP_IF_TRUE_OR_POP, fx(1, 0)),
        (op::JUMP_IF_FALSE_OR_POP, fx(1, 0)),
        (op::SETUP_WITH, fx(1, 3)),
        (op::JUMP, fx(0, 0)),
    ];
    let mut k = 0;
    while k < fixed.len() {
        t[(fixed[k].0 - 0x10) as usize] = fixed[k].1;
        k += 1;
    }
    let none = [op::SETUP_EXCEPT, op::SETUP_FINALLY, op::POP_EXCEPT_JUMP, op::UNWIND_JUMP];
    let mut k = 0;
    while k < none.len() {
        t[(none[k] - 0x10) as usize] = fx(0, 0);
        k += 1;
    }
    t
};

/// The stack effect of `opc` as an [`EFFECTS`] entry.
fn effect(opc: u8) -> u8 {
    match opc {
        0x10..=0x6f => EFFECTS[(opc - 0x10) as usize],
        0x70..=0xbf => fx(0, 1),
        0xc0..=0xcf => fx(1, 0),
        0xd0..=0xd3 => fx(1, 1),
        0xd7..=0xf9 => fx(2, 1),
        _ => VAR,
    }
}

/// Block modes: how its handler was entered (the VM's block slot 2).
mod mode {
    /// Not entered, or entered by an exception (or by falling into it).
    pub const NORMAL: u32 = 0;
    /// Entered by `return` (a value and the sentinel -1 pushed).
    pub const RETURN: u32 = 1;
    /// Entered by UNWIND_JUMP (destination and remaining count pushed).
    pub const JUMP: u32 = 2;
}

/// A node of a static block stack (one handler block and, through its
/// parent, the blocks below it), packed in four words (node ids and
/// depths fit 16 bits, code offsets 21, counts 8).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Node {
    /// The node below (0: none) in bits 0..16, the [`kind`] in 16..18,
    /// the [`mode`] from bit 18.
    link: u32,
    /// Handler offset.
    handler: u32,
    /// The value-stack depth recorded by SETUP_* in bits 0..16, the
    /// blocks on the stack (this one included) above.
    depth: u32,
    /// Pending jump destination in bits 0..24 and remaining count above
    /// ([`mode::JUMP`]).
    pend: u32,
}

const NODE_WORDS: usize = 4;

impl Node {
    fn words(&self) -> [u32; NODE_WORDS] {
        [self.link, self.handler, self.depth, self.pend]
    }

    fn parent(&self) -> usize {
        (self.link & 0xffff) as usize
    }

    fn kind(&self) -> usize {
        ((self.link >> 16) & 3) as usize
    }

    fn mode(&self) -> u32 {
        self.link >> 18
    }

    fn bsp(&self) -> usize {
        (self.depth & 0xffff) as usize
    }

    fn height(&self) -> usize {
        (self.depth >> 16) as usize
    }

    /// This block with its handler entered in `mode`, `pend` recording a
    /// pending jump.
    fn entered(&self, mode: u32, pend: u32) -> Node {
        Node { link: (self.link & 0x3_ffff) | mode << 18, pend, ..*self }
    }

    fn hash(&self) -> usize {
        let mut h: u32 = 0x811c_9dc5;
        for w in self.words() {
            h = (h ^ w).wrapping_mul(0x0100_0193);
        }
        h as usize
    }
}

/// A static state: depth in the low 16 bits, node id (0: no blocks, else
/// index + 1 into the node table) in the high 16.
fn pack(depth: usize, node: usize) -> u32 {
    (depth as u32) | ((node as u32) << 16)
}

fn unpack(s: u32) -> (usize, usize) {
    ((s & 0xffff) as usize, (s >> 16) as usize)
}

/// Most states one instruction may be reached in (each unwind mode of each
/// enclosing finally handler adds one).
const MAX_STATES_PER_LEADER: usize = 64;
/// Most block nodes per raw code.
const MAX_NODES: usize = 0xfff0;

/// The analysis' tables (all in the gc heap, freed at the end).
struct Verifier<'c> {
    code: &'c [u8],
    lim: Limits,
    /// One bit per code byte: marks the basic-block leaders while they
    /// are collected.
    marks: GcVec<u32>,
    /// Sorted offsets of the basic-block leaders.
    leaders: GcVec<u32>,
    /// Per leader: first entry index + 1 (0: not reached).
    heads: GcVec<u32>,
    /// Triples: state, next entry index + 1 for the same leader, leader.
    entries: GcVec<u32>,
    /// Node table: NODE_WORDS words per node.
    nodes: GcVec<u32>,
    /// Open-addressing index of `nodes` (node id or 0; a power-of-two
    /// size, at most half full).
    index: GcVec<u32>,
    /// Entries still to simulate.
    work: GcVec<u32>,
    /// Most entries allowed.
    budget: usize,
}

/// Sets bit `at` of bitmap `m` (if inside).
fn mark(m: &mut [u32], at: usize) {
    if let Some(w) = m.get_mut(at / 32) {
        *w |= 1 << (at % 32);
    }
}

/// Verifies the opcodes `code` of one raw code (see the module docs).
/// Returns false if any check fails.
///
/// Errors: `MemoryError` for the temporary tables (a few words per jump
/// target and handler block).
pub fn verify(vm: &mut Vm, code: &[u8], lim: &Limits) -> PyResult<bool> {
    if code.is_empty() || code.len() > MAX_CODE || lim.n_state > MAX_STATE || lim.n_exc_stack > MAX_STATE {
        return Ok(false);
    }
    let mut v = Verifier {
        code,
        lim: *lim,
        marks: GcVec::new(),
        leaders: GcVec::new(),
        heads: GcVec::new(),
        entries: GcVec::new(),
        nodes: GcVec::new(),
        index: GcVec::new(),
        work: GcVec::new(),
        budget: 0,
    };
    let r = v.run(vm);
    for t in [v.marks, v.leaders, v.heads, v.entries, v.nodes, v.index, v.work] {
        vm.heap.free_vec(t);
    }
    r
}

impl Verifier<'_> {
    fn run(&mut self, vm: &mut Vm) -> PyResult<bool> {
        let code = self.code;
        let lim = self.lim;
        let words = code.len().div_ceil(32);
        self.marks = vm.new_vec(words)?;
        let _ = self.marks.resize_within_capacity(words, 0);
        self.marks.as_mut_slice()[0] = 1;
        // Pass 0 marks the leaders (the entry, jump targets and the
        // instruction after any jump) in a bitmap over the code, counting
        // them; pass 1 collects them in order from the instruction starts,
        // clearing their marks (a mark left over is a leader inside an
        // instruction).
        let mut n = 1usize;
        for pass in 0..2 {
            let mut ip = 0;
            while ip < code.len() {
                let Some(i) = decode(code, ip, &lim) else { return Ok(false) };
                let m = self.marks.as_mut_slice();
                if pass == 0 {
                    // (decode checked the target is inside the code.)
                    if i.target != usize::MAX {
                        mark(m, i.target);
                        if i.next < code.len() {
                            mark(m, i.next);
                        }
                        n += 2;
                    }
                } else if let Some(w) = m.get_mut(ip / 32) {
                    let bit = 1 << (ip % 32);
                    if *w & bit != 0 {
                        *w &= !bit;
                        let _ = self.leaders.push_within_capacity(ip as u32);
                    }
                }
                ip = i.next;
            }
            if pass == 0 {
                self.leaders = vm.new_vec(n)?;
            }
        }
        let m = self.marks.as_slice();
        if m.iter().any(|&w| w != 0) {
            return Ok(false);
        }
        let ls = self.leaders.as_slice();
        let n = ls.len();
        self.budget = 8 * n + 256;
        self.heads = vm.new_vec(n)?;
        let _ = self.heads.resize_within_capacity(n, 0);
        self.entries = vm.new_vec(3 * n)?;
        self.work = vm.new_vec(n)?;
        if !self.reach(vm, 0, pack(0, 0))? {
            return Ok(false);
        }
        while let Some(e) = self.work.pop() {
            let e = e as usize;
            let t = self.entries.as_slice();
            let (state, li) = (t[3 * e], t[3 * e + 2] as usize);
            if !self.run_block(vm, li, state)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Records that offset `target` is reached in `state`, queueing it the
    /// first time; false if `target` is no leader or a limit is exceeded.
    fn reach(&mut self, vm: &mut Vm, target: usize, state: u32) -> PyResult<bool> {
        let Ok(li) = self.leaders.as_slice().binary_search(&(target as u32)) else { return Ok(false) };
        let head = self.heads.as_slice()[li];
        let (mut e, mut seen) = (head, 0);
        while e != 0 {
            let t = &self.entries.as_slice()[3 * (e as usize - 1)..];
            if t[0] == state {
                return Ok(true);
            }
            e = t[1];
            seen += 1;
        }
        let id = self.entries.len() / 3;
        if seen >= MAX_STATES_PER_LEADER || id >= self.budget {
            return Ok(false);
        }
        vm.vec_extend_local(&mut self.entries, &[state, head, li as u32])?;
        self.heads.as_mut_slice()[li] = id as u32 + 1;
        vm.vec_push_local(&mut self.work, id as u32)?;
        Ok(true)
    }

    fn node(&self, id: usize) -> Option<Node> {
        let i = id.checked_sub(1)? * NODE_WORDS;
        let t = self.nodes.as_slice().get(i..i + NODE_WORDS)?;
        Some(Node { link: t[0], handler: t[1], depth: t[2], pend: t[3] })
    }

    /// The id of node `nd`, added if new. None past [`MAX_NODES`].
    fn intern(&mut self, vm: &mut Vm, nd: Node) -> PyResult<Option<usize>> {
        let count = self.nodes.len() / NODE_WORDS;
        if 2 * (count + 1) > self.index.len() {
            // Grow the index (16 slots at first) and re-insert every node.
            let size = (2 * self.index.len()).max(16);
            vm.heap.free_vec(core::mem::take(&mut self.index));
            self.index = vm.new_vec(size)?;
            let _ = self.index.resize_within_capacity(size, 0);
            for id in 1..=count {
                if let Some(x) = self.node(id) {
                    let h = self.slot_of(x);
                    self.index.as_mut_slice()[h] = id as u32;
                }
            }
        }
        let h = self.slot_of(nd);
        let id = self.index.as_slice()[h] as usize;
        if id != 0 {
            return Ok(Some(id));
        }
        let id = count + 1;
        if id > MAX_NODES {
            return Ok(None);
        }
        vm.vec_extend_local(&mut self.nodes, &nd.words())?;
        self.index.as_mut_slice()[h] = id as u32;
        Ok(Some(id))
    }

    /// The index slot holding `nd`, or the free slot where it belongs.
    fn slot_of(&self, nd: Node) -> usize {
        let mask = self.index.len() - 1;
        let mut h = nd.hash() & mask;
        loop {
            let id = self.index.as_slice()[h] as usize;
            if id == 0 || self.node(id) == Some(nd) {
                return h;
            }
            h = (h + 1) & mask;
        }
    }

    /// UNWIND_JUMP (or END_FINALLY resuming one) at `ip`, depth `d`, blocks
    /// `n`, to `dest` leaving `count & 0x7f` blocks (and a for-iterator if
    /// bit 0x80 is set): mirrors `dispatch::unwind_jump`. `dest`
    /// `usize::MAX`: a `return` (or END_FINALLY resuming one) instead: the
    /// first finally/with handler not yet running is entered with the value
    /// and the sentinel on top of its recorded depth. One body for both.
    fn unwind(&mut self, vm: &mut Vm, ip: usize, mut d: usize, mut n: usize, dest: usize, mut count: usize) -> PyResult<bool> {
        let ret = dest == usize::MAX;
        while ret || count & 0x7f > 0 {
            let Some(b) = self.node(n) else { return Ok(ret) };
            count = count.wrapping_sub(1);
            if b.kind() != kind::EXCEPT && b.handler as usize > ip {
                let at = if ret { b.bsp() } else { d };
                if at + 2 > self.lim.n_state {
                    return Ok(false);
                }
                let nd = if ret { b.entered(mode::RETURN, 0) } else { b.entered(mode::JUMP, dest as u32 | (count as u32) << 24) };
                let Some(id) = self.intern(vm, nd)? else { return Ok(false) };
                return self.reach(vm, b.handler as usize, pack(at + 2, id));
            }
            if b.handler as usize <= ip {
                d = b.bsp();
            }
            n = b.parent();
        }
        if count & 0x80 != 0 {
            let Some(d4) = d.checked_sub(4) else { return Ok(false) };
            d = d4;
        }
        self.reach(vm, dest, pack(d, n))
    }

    /// Simulates the basic block at leader `li` from `state`, propagating
    /// states to its successors.
    fn run_block(&mut self, vm: &mut Vm, li: usize, state: u32) -> PyResult<bool> {
        let code = self.code;
        let (mut d, mut n) = unpack(state);
        let mut ip = self.leaders.as_slice()[li] as usize;
        let next_leader = self.leaders.as_slice().get(li + 1).map_or(usize::MAX, |&l| l as usize);
        let ns = self.lim.n_state;
        loop {
            let Some(i) = decode(code, ip, &self.lim) else { return Ok(false) };
            let top = self.node(n);
            let unwinding = top.is_some_and(|b| b.mode() != mode::NORMAL);
            // (slots needed and popped, slots pushed: see [`fx`])
            let fx = effect(i.opc);
            let u = usize::from(unwinding);
            let (pop, push): (usize, usize) = if fx & VAR == 0 {
                ((fx & 7) as usize, (fx >> 3) as usize)
            } else {
                match i.opc {
                    op::MAKE_CLOSURE => (i.extra as usize, 1),
                    op::MAKE_CLOSURE_DEFARGS => (i.extra as usize + 2, 1),
                    op::BUILD_TUPLE | op::BUILD_LIST | op::BUILD_SET => (i.arg, 1),
                    op::BUILD_SLICE => (2 + usize::from(i.arg == 3), 1),
                    op::STORE_COMP => {
                        // Pops 2 for a dict, 1 else; needs the container.
                        let p = 1 + usize::from(i.arg & 3 == 1);
                        let need = (i.arg >> 2).saturating_add(1).max(p);
                        (need, need - p)
                    }
                    op::UNPACK_SEQUENCE => (1, i.arg),
                    op::UNPACK_EX => (1, (i.arg & 0xff) + ((i.arg >> 8) & 0xff) + 1),
                    op::CALL_FUNCTION | op::CALL_FUNCTION_VAR_KW | op::CALL_METHOD | op::CALL_METHOD_VAR_KW => {
                        let var = usize::from(i.opc & 1 != 0);
                        let method = usize::from(i.opc & 2 != 0);
                        ((i.arg & 0xff) + 2 * ((i.arg >> 8) & 0xff) + var + 1 + method, 1)
                    }
                    // Unwinding: the pending action's two slots too.
                    op::WITH_CLEANUP => (3 + u, 1 + u),
                    op::END_FINALLY => (1 + u, 0),
                    _ => return Ok(false),
                }
            };
            if d < pop || d - pop + push > ns {
                // ROT_TWO/ROT_THREE check their depth at run time (raising
                // RuntimeError): MicroPython's `async with` code has a path
                // that reaches them too shallow for an exception (which
                // never takes it), so such a path just ends here.
                return Ok(matches!(i.opc, op::ROT_TWO | op::ROT_THREE) && d < pop);
            }
            let before = d;
            d = d - pop + push;
            // A branch to `i.target` in state `to` (`ends`: the only
            // successor), or an unwind (depth, blocks, destination, count
            // as [`Verifier::unwind`] takes them).
            let (mut to, mut ends, mut unw) = (None, false, None);
            match i.opc {
                op::RETURN_VALUE => unw = Some((0, n, usize::MAX, 0)),
                op::RAISE_OBJ | op::RAISE_FROM | op::RAISE_LAST => return Ok(true),
                op::JUMP => (to, ends) = (Some(pack(d, n)), true),
                op::POP_JUMP_IF_TRUE | op::POP_JUMP_IF_FALSE => to = Some(pack(d, n)),
                op::JUMP_IF_TRUE_OR_POP | op::JUMP_IF_FALSE_OR_POP => to = Some(pack(before, n)),
                op::FOR_ITER => to = Some(pack(before - 4, n)),
                op::SETUP_EXCEPT | op::SETUP_FINALLY | op::SETUP_WITH => {
                    let (k, bsp) = match i.opc {
                        op::SETUP_EXCEPT => (kind::EXCEPT, before),
                        op::SETUP_FINALLY => (kind::FINALLY, before),
                        _ => (kind::WITH, before + 1),
                    };
                    let height = top.map_or(0, |p| p.height()) + 1;
                    if height > self.lim.n_exc_stack || bsp + 2 > ns {
                        return Ok(false);
                    }
                    // (mode::NORMAL)
                    let nd = Node {
                        link: n as u32 | (k as u32) << 16,
                        handler: i.target as u32,
                        depth: bsp as u32 | (height as u32) << 16,
                        pend: 0,
                    };
                    let Some(id) = self.intern(vm, nd)? else { return Ok(false) };
                    n = id;
                    to = Some(pack(bsp + 1, n));
                }
                op::POP_EXCEPT_JUMP => {
                    let Some(b) = top else { return Ok(false) };
                    (to, ends) = (Some(pack(d, b.parent())), true);
                }
                op::END_FINALLY => match top {
                    Some(b) if b.mode() == mode::RETURN => unw = Some((0, b.parent(), usize::MAX, 0)),
                    Some(b) if b.mode() == mode::JUMP => {
                        unw = Some((d, b.parent(), (b.pend & 0xff_ffff) as usize, (b.pend >> 24) as usize))
                    }
                    Some(b) => n = b.parent(),
                    None => return Ok(false),
                },
                op::UNWIND_JUMP => unw = Some((d, n, i.target, i.extra as usize)),
                _ => {}
            }
            if let Some((d, n, dest, count)) = unw {
                return self.unwind(vm, ip, d, n, dest, count);
            }
            if let Some(s) = to {
                let ok = self.reach(vm, i.target, s)?;
                if !ok || ends {
                    return Ok(ok);
                }
            }
            if i.next >= code.len() {
                // Running off the end of the code.
                return Ok(false);
            }
            if i.next >= next_leader {
                return self.reach(vm, i.next, pack(d, n));
            }
            ip = i.next;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn operand_agrees_with_the_opcode_table() {
        for opc in 0..=255u8 {
            assert_eq!(super::operand(opc), mpy_bytecode::opcode::operand(opc), "opcode {opc:#x}");
        }
    }
}
