//! Scopes and identifier analysis.
//!
//! Every module, class body, function, lambda, comprehension and generator
//! expression is a [`Scope`]. The compiler's scope pass records each name a
//! scope uses in [`Scope::ids`], in order of first use, with its kind:
//!
//! * a name stored in a function-like scope is local (unless declared
//!   `global`/`nonlocal`); in a module or class it stays an implicit global
//!   ("assigned", so nested functions do not close over class names);
//! * a name only loaded is an implicit global until the end of the scope
//!   pass, when it is looked up in the enclosing function scopes (class
//!   scopes and the module excluded): the first scope that has the name
//!   decides; if it binds the name there (local, cell or free) the name
//!   becomes free here, and cell in the binding scope, free in between.
//!
//! Local numbering follows MicroPython: parameters first (a `*args`
//! parameter is swapped with the last positional/keyword-only parameter at
//! the scope pass), then other locals in order of first use, then cells;
//! free variables come first of all and count as positional arguments.

use crate::mem::{MResult, Mem};
use alloc::vec::Vec;

/// What kind of code block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module (or eval / single input) body.
    Module,
    /// A class body.
    Class,
    /// A `def` (or `async def`).
    Function,
    /// A `lambda`.
    Lambda,
    /// A list comprehension.
    ListComp,
    /// A dict comprehension.
    DictComp,
    /// A set comprehension.
    SetComp,
    /// A generator expression.
    GenExpr,
}

impl ScopeKind {
    /// Function-like scopes have fast locals (everything but module/class).
    pub fn is_func_like(self) -> bool {
        !matches!(self, ScopeKind::Module | ScopeKind::Class)
    }
}

/// How a name is bound in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// Seen in a `global`/`nonlocal` statement, not decided yet.
    Undecided,
    /// Loaded but never bound here: a global (or a free var, decided at the
    /// end of the scope pass).
    GlobalImplicit,
    /// Stored in a module or class scope (emitted with NAME ops, never
    /// closed over).
    GlobalImplicitAssigned,
    /// Declared `global` (emitted with GLOBAL ops).
    GlobalExplicit,
    /// A fast local.
    Local,
    /// A local captured by an inner scope.
    Cell,
    /// A variable of an enclosing function, captured here.
    Free,
}

/// `IdInfo::flags` bit: the name is a parameter.
pub const FLAG_PARAM: u8 = 1;
/// `IdInfo::flags` bit: the name is the `*args` parameter.
pub const FLAG_STAR_PARAM: u8 = 2;
/// `IdInfo::flags` bit: the name is the `**kwargs` parameter.
pub const FLAG_DBL_STAR_PARAM: u8 = 4;

/// One identifier used by a scope (the name is borrowed from the tree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdInfo<'a> {
    /// The name.
    pub name: &'a str,
    /// How it is bound.
    pub kind: IdKind,
    /// `FLAG_*` bits.
    pub flags: u8,
    /// Fast-local / cell slot number (function-like scopes).
    pub local_num: u32,
}

/// Scope flags as stored in the bytecode signature.
pub mod flags {
    /// The function is a generator (contains `yield`, or is `async`).
    pub const GENERATOR: u8 = 0x01;
    /// Has a `**kwargs` parameter.
    pub const VARKEYWORDS: u8 = 0x02;
    /// Has a `*args` parameter.
    pub const VARARGS: u8 = 0x04;
    /// Has keyword-only parameters with defaults.
    pub const DEFKWARGS: u8 = 0x08;
}

/// One scope: its identifiers and what the prelude needs.
///
/// (`repr(C)`: the byte-sized fields first, in reach of the short
/// Thumb loads.)
#[derive(Debug)]
#[repr(C)]
pub struct Scope<'a> {
    /// What it is.
    pub kind: ScopeKind,
    /// Signature scope flags (see [`flags`]).
    pub flags: u8,
    /// `async def` (coroutines are generators in MicroPython).
    pub is_async: bool,
    /// Identifiers in order of first use.
    pub ids: Vec<IdInfo<'a>>,
    /// Enclosing scope index (None for the module).
    pub parent: Option<usize>,
    /// Name written in the prelude (`<module>`, function/class name,
    /// `<lambda>`, `<listcomp>`, ...).
    pub name: &'a str,
    /// Positional parameters (plus free variables after analysis).
    pub num_pos_args: u32,
    /// Keyword-only parameters.
    pub num_kwonly_args: u32,
    /// Positional parameters with defaults.
    pub num_def_pos_args: u32,
    /// Fast locals + cells (after [`Scope::compute_locals`]).
    pub num_locals: u32,
    /// Maximum exception-handler nesting.
    pub exc_stack_size: u32,
    /// Index of the first child scope (0: none yet). A scope's children
    /// are made during its scope pass, which runs alone, so their indexes
    /// are consecutive.
    pub first_child: u32,
    /// Number of child scopes.
    pub n_children: u32,
    /// First source line.
    pub line: u32,
    /// The tree node the scope compiles (kept here, not in a list of
    /// its own: every list type costs code).
    pub(crate) node: crate::compile::Node<'a>,
}

impl<'a> Scope<'a> {
    /// A new empty scope (allocates nothing).
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn new(kind: ScopeKind, parent: Option<usize>, name: &'a str, line: u32, node: crate::compile::Node<'a>) -> Self {
        Scope {
            node,
            kind,
            parent,
            name,
            ids: Vec::new(),
            flags: 0,
            is_async: false,
            num_pos_args: 0,
            num_kwonly_args: 0,
            num_def_pos_args: 0,
            num_locals: 0,
            exc_stack_size: 0,
            first_child: 0,
            n_children: 0,
            line,
        }
    }

    /// Index of `name` in [`Scope::ids`].
    pub fn find(&self, name: &str) -> Option<usize> {
        self.ids.iter().position(|i| i.name == name)
    }

    /// Index of `name`, adding it with `kind` if absent; the bool tells
    /// whether it was added.
    pub fn find_or_add(&mut self, mem: &Mem, name: &'a str, kind: IdKind) -> MResult<(usize, bool)> {
        if let Some(i) = self.find(name) {
            return Ok((i, false));
        }
        mem.push(&mut self.ids, IdInfo { name, kind, flags: 0, local_num: 0 })?;
        Ok((self.ids.len() - 1, true))
    }

    /// Records a store/delete of `name` (MicroPython's "get id for
    /// modification"): an implicit global becomes local in a function-like
    /// scope, or "assigned" in a module/class.
    pub fn modify(&mut self, mem: &Mem, name: &'a str) {
        let func_like = self.kind.is_func_like();
        let Ok((i, _)) = self.find_or_add(mem, name, IdKind::GlobalImplicit) else { return };
        if let Some(id) = self.ids.get_mut(i) {
            if id.kind == IdKind::GlobalImplicit {
                id.kind = if func_like { IdKind::Local } else { IdKind::GlobalImplicitAssigned };
            }
        }
    }

    /// Adds parameter `name` with `flags` (a repeated name is a
    /// SyntaxError reported by the caller: returns false; so is running
    /// out of memory, which the `Mem` records).
    pub fn add_param(&mut self, mem: &Mem, name: &'a str, flags: u8) -> bool {
        let Ok((i, added)) = self.find_or_add(mem, name, IdKind::Local) else { return true };
        if !added {
            return false;
        }
        if let Some(id) = self.ids.get_mut(i) {
            id.flags = FLAG_PARAM | flags;
        }
        true
    }

    /// Moves the `*args` parameter after the other non-`**` parameters by
    /// swapping it with the last of them (MicroPython's parameter layout).
    pub fn reorder_star_param(&mut self) {
        let mut star = None;
        let mut last = None;
        for (i, id) in self.ids.iter().enumerate() {
            if id.flags & FLAG_PARAM != 0 && id.flags & FLAG_DBL_STAR_PARAM == 0 {
                if id.flags & FLAG_STAR_PARAM != 0 && star.is_none() {
                    star = Some(i);
                }
                last = Some(i);
            }
        }
        if let (Some(s), Some(l)) = (star, last) {
            self.ids.swap(s, l);
        }
    }
}

/// Closes over `name` in the scopes enclosing `scopes[idx]` after it was
/// found bound in an enclosing function: intermediate scopes get a free
/// variable, the binding scope's local becomes a cell.
fn close_over_in_parents<'a>(mem: &Mem, scopes: &mut [Scope<'a>], idx: usize, name: &'a str) {
    let mut s = scopes[idx].parent;
    while let Some(p) = s {
        if scopes[p].parent.is_none() {
            break;
        }
        let Ok((i, _)) = scopes[p].find_or_add(mem, name, IdKind::Free) else { return };
        match scopes[p].ids[i].kind {
            IdKind::Local => {
                scopes[p].ids[i].kind = IdKind::Cell;
                return;
            }
            IdKind::Free => {}
            _ => return,
        }
        s = scopes[p].parent;
    }
}

/// Looks `name` up in the function scopes enclosing `scopes[idx]` (stopping
/// at the module); if the first scope that knows the name binds it, marks
/// it free in `idx` (returned true) and sets up cells/free vars above.
pub fn check_to_close_over(mem: &Mem, scopes: &mut [Scope<'_>], idx: usize, id_idx: usize) -> bool {
    let name = scopes[idx].ids[id_idx].name;
    let mut s = scopes[idx].parent;
    while let Some(p) = s {
        if scopes[p].parent.is_none() {
            break;
        }
        if let Some(j) = scopes[p].find(&name) {
            let k = scopes[p].ids[j].kind;
            if matches!(k, IdKind::Local | IdKind::Cell | IdKind::Free) {
                scopes[idx].ids[id_idx].kind = IdKind::Free;
                close_over_in_parents(mem, scopes, idx, name);
                return true;
            }
            return false;
        }
        s = scopes[p].parent;
    }
    false
}

/// Assigns local numbers after the scope pass (MicroPython's layout):
/// implicit globals of function-like scopes become explicit; parameters
/// and plain locals get slots in id order, then cells that are not
/// parameters; free variables (in the parent's id order) take the first
/// slots and count as positional arguments.
pub fn compute_locals(scopes: &mut [Scope<'_>], idx: usize) {
    // The scope and those before it, its parent among them (a scope is
    // created by its parent's scope pass, after it): no index checks
    // below.
    let Some((s, before)) = scopes.get_mut(..=idx).and_then(|x| x.split_last_mut()) else { return };
    let func_like = s.kind.is_func_like();
    let is_class = s.kind == ScopeKind::Class;
    let mut n = 0u32;
    for id in s.ids.iter_mut() {
        if is_class && crate::is(id.name, "__class__") {
            continue;
        }
        if func_like && id.kind == IdKind::GlobalImplicit {
            id.kind = IdKind::GlobalExplicit;
        }
        if id.kind == IdKind::Local || id.flags & FLAG_PARAM != 0 {
            id.local_num = n;
            n += 1;
        }
    }
    for id in s.ids.iter_mut() {
        if id.kind == IdKind::Cell && id.flags & FLAG_PARAM == 0 {
            id.local_num = n;
            n += 1;
        }
    }
    s.num_locals = n;
    let Some(parent) = s.parent.and_then(|p| before.get(p)) else { return };
    let mut num_free = 0u32;
    for p in &parent.ids {
        if matches!(p.kind, IdKind::Cell | IdKind::Free) {
            for id in s.ids.iter_mut() {
                if id.kind == IdKind::Free && id.name == p.name {
                    id.local_num = num_free;
                    num_free += 1;
                }
            }
        }
    }
    if num_free > 0 {
        for id in s.ids.iter_mut() {
            if id.kind != IdKind::Free || id.flags & FLAG_PARAM != 0 {
                id.local_num += num_free;
            }
        }
        s.num_pos_args += num_free;
        s.num_locals += num_free;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static MODULE: crate::ast::Module = crate::ast::Module::Exec(Vec::new());
    const NODE: crate::compile::Node<'static> = crate::compile::Node::Module(&MODULE);

    #[test]
    fn star_param_swapped_with_last() {
        // def f(a, b=1, *c, d, e=2, **g): locals a b e d c g
        let m = Mem::new(usize::MAX);
        let mut s = Scope::new(ScopeKind::Function, Some(0), "f", 1, NODE);
        for (n, f) in [("a", 0), ("b", 0), ("c", FLAG_STAR_PARAM), ("d", 0), ("e", 0), ("g", FLAG_DBL_STAR_PARAM)] {
            assert!(s.add_param(&m, n, f));
        }
        s.reorder_star_param();
        let names: Vec<&str> = s.ids.iter().map(|i| i.name).collect();
        assert_eq!(names, ["a", "b", "e", "d", "c", "g"]);
    }

    #[test]
    fn closure_cells_and_frees() {
        let m = Mem::new(usize::MAX);
        let mut scopes = alloc::vec![
            Scope::new(ScopeKind::Module, None, "<module>", 1, NODE),
            Scope::new(ScopeKind::Function, Some(0), "f", 1, NODE),
            Scope::new(ScopeKind::Function, Some(1), "g", 2, NODE),
        ];
        scopes[1].modify(&m, "x");
        scopes[1].modify(&m, "y");
        let (i, _) = scopes[2].find_or_add(&m, "x", IdKind::GlobalImplicit).unwrap_or_default();
        assert!(check_to_close_over(&m, &mut scopes, 2, i));
        let (j, _) = scopes[2].find_or_add(&m, "print", IdKind::GlobalImplicit).unwrap_or_default();
        assert!(!check_to_close_over(&m, &mut scopes, 2, j));
        assert_eq!(scopes[1].ids[0].kind, IdKind::Cell);
        for k in 0..3 {
            compute_locals(&mut scopes, k);
        }
        // f: y is local 0, x (cell) 1
        assert_eq!(scopes[1].ids[1].local_num, 0);
        assert_eq!(scopes[1].ids[0].local_num, 1);
        // g: x free in slot 0, counted as a positional arg
        assert_eq!(scopes[2].ids[0].local_num, 0);
        assert_eq!(scopes[2].num_pos_args, 1);
        assert_eq!(scopes[2].ids[1].kind, IdKind::GlobalExplicit);
    }
}
