//! Unit tests of the heap's typed layer (vectors, var objects, typed
//! access) on a bare heap without an interpreter, so they run under Miri
//! (`tools/miri.sh`).

use super::*;
use crate::obj::ObjBase;
use crate::types::list::{ListObj, LIST_TYPE};
use crate::types::tuple::{TupleHead, TUPLE_TYPE};

fn heap(size: usize) -> Heap {
    Heap::new_owned(size).unwrap()
}

#[test]
fn mem_free_plus_alloc_is_the_size() {
    for size in [4096, 16 * 1024, 100_001] {
        let mut h = heap(size);
        assert_eq!(h.mem_free() + h.mem_alloc(), size);
        let _ = h.alloc_raw(100, false).unwrap();
        assert_eq!(h.mem_free() + h.mem_alloc(), size);
        assert!(h.mem_free() < size);
    }
}

#[test]
fn typed_objects_and_vectors() {
    let mut h = heap(8192);
    let items: GcVec<Obj> = h.vec_with_capacity(2).unwrap();
    let l = h.alloc_obj(ListObj { base: ObjBase::new(&LIST_TYPE), items }, false).ok().unwrap();
    assert!(h.is_heap_obj(l));
    assert!(h.get::<ListObj>(l).is_some());
    assert!(h.var::<TupleHead>(l).is_none(), "type-checked");
    // Fill past the first buffer: grow in place, then by moving.
    for i in 0..40 {
        let v = &mut h.get_mut::<ListObj>(l).unwrap().items;
        if v.push_within_capacity(Obj::small_int(i)).is_err() {
            let (len, cap, addr) = (v.len(), v.capacity(), v.addr());
            match h.vec_try_grow_in_place::<Obj>(addr, cap * 2) {
                Some(r) => assert!(h.get_mut::<ListObj>(l).unwrap().items.adopt(r)),
                None => {
                    let new = h.vec_with_capacity::<Obj>(cap * 2).unwrap();
                    let old = h.get_mut::<ListObj>(l).unwrap().items.move_into(new).ok().unwrap();
                    h.free_vec(old);
                }
            }
            let v = &mut h.get_mut::<ListObj>(l).unwrap().items;
            assert_eq!(v.len(), len);
            v.push_within_capacity(Obj::small_int(i)).ok().unwrap();
        }
    }
    let v = &h.get::<ListObj>(l).unwrap().items;
    assert_eq!(v.len(), 40);
    assert!(v.as_slice().iter().enumerate().all(|(i, o)| o.as_small_int() == Some(i as isize)));
    let v = &mut h.get_mut::<ListObj>(l).unwrap().items;
    assert_eq!(v.remove(0).and_then(|o| o.as_small_int()), Some(0));
    assert!(v.insert_within_capacity(3, Obj::NONE).is_ok());
    assert_eq!(v.as_slice()[3], Obj::NONE);
    assert_eq!(v.pop().and_then(|o| o.as_small_int()), Some(39));
}

#[test]
fn var_objects_are_sized_and_pinned() {
    let mut h = heap(8192);
    let src = [Obj::small_int(7), Obj::NONE, Obj::TRUE];
    let t = h
        .alloc_var_with(TupleHead { base: ObjBase::new(&TUPLE_TYPE) }, 5, false, |items| {
            items[..3].copy_from_slice(&src);
            3
        })
        .ok()
        .unwrap();
    let pinned = h.var_pinned::<TupleHead>(t).unwrap().1;
    assert_eq!(pinned, &src);
    // Allocation elsewhere leaves pinned data in place.
    let _ = h.alloc_raw(3 * BLOCK, false).unwrap();
    assert_eq!(pinned, &src);
    assert_eq!(h.var_items::<TupleHead>(t).unwrap().len(), 3);
}

#[test]
fn strs_are_checked_utf8() {
    let mut h = heap(4096);
    let s = h.alloc_str("héllo").unwrap();
    assert_eq!(h.str_pinned(s), Some("héllo"));
    assert_eq!(h.str_hash(s), Some(crate::qstr::hash_bytes("héllo".as_bytes())));
    let bad = h.alloc_str_with(2, |b| {
        b.copy_from_slice(&[0xff, 0xfe]);
        2
    });
    assert!(matches!(bad, Some(Err(()))));
    let b = h.alloc_bytes(&[0xff, 0]).unwrap();
    assert_eq!(h.str_bytes_pinned(b), Some(&[0xff, 0][..]));
    assert_eq!(h.str_pinned(b), None, "bytes are not str");
}

#[test]
fn strs_written_by_a_str_writer() {
    let mut h = heap(4096);
    // Sized for more than is written: the str keeps what was written.
    let n = 12;
    let f = h.alloc_fresh(var::var_bytes_or_max::<StrHead>(n), false, var::no_scan::<StrHead>()).unwrap();
    let (o, buf) = strs::start_str_buf(f, n);
    let mut w = strs::StrWriter::new(buf);
    w.push("hé");
    w.push("llo");
    w.push("too long to fit");
    assert_eq!(w.len(), 6);
    let len = w.len();
    let s = h.finish_str_valid(o, n, len);
    assert_eq!(h.str_pinned(s), Some("héllo"));
    assert_eq!(h.str_hash(s), Some(crate::qstr::hash_bytes("héllo".as_bytes())));
    let t = h.alloc_str_hashed("abc", crate::qstr::hash_bytes(b"abc")).unwrap();
    assert_eq!(h.str_pinned(t), Some("abc"));
}

#[test]
fn vector_in_an_objects_allocation_is_never_freed_or_grown() {
    let mut h = heap(8192);
    let head = core::mem::size_of::<ListObj>().next_multiple_of(WORD);
    let f = h.alloc_fresh(head + 4 * WORD, false, false).unwrap();
    let start = f.p.as_ptr() as usize;
    let items: GcVec<Obj> = vec::vec_in_tail(&f, head, 4);
    assert_eq!((items.capacity(), items.addr()), (4, start + head));
    let l = write_obj(f, ListObj { base: ObjBase::new(&LIST_TYPE), items });
    let used = h.mem_alloc();
    let addr = h.get::<ListObj>(l).unwrap().items.addr();
    assert!(h.vec_try_grow_in_place::<Obj>(addr, 8).is_none(), "not an allocation head");
    assert_eq!(h.alloc_size(addr), 0);
    let old = core::mem::take(&mut h.get_mut::<ListObj>(l).unwrap().items);
    h.free_vec(old);
    assert_eq!(h.mem_alloc(), used, "freeing an interior buffer is ignored");
    assert_eq!(h.alloc_size(l.raw()), (head + 4 * WORD).div_ceil(BLOCK) * BLOCK);
    // Too little room, or none asked for: no buffer.
    let f = h.alloc_fresh(head, false, false).unwrap();
    let room = (head.div_ceil(BLOCK).max(1) * BLOCK - head) / WORD;
    assert_eq!(vec::vec_in_tail::<Obj>(&f, head, room + 1).capacity(), 0);
    assert_eq!(vec::vec_in_tail::<Obj>(&f, head, 0).capacity(), 0);
}

#[test]
fn var_keep_sets_the_length_and_gives_back_whole_blocks() {
    let mut h = heap(8192);
    let head = || TupleHead { base: ObjBase::new(&TUPLE_TYPE) };
    let before = h.blocks.used_blocks();
    // Fewer items in the same blocks: only the length changes.
    let t = h.alloc_var_with(head(), 5, false, |_| 4).ok().unwrap();
    let size = var::var_bytes::<TupleHead>(5).unwrap().div_ceil(BLOCK) * BLOCK;
    assert_eq!(h.var_items::<TupleHead>(t).unwrap().len(), 4);
    assert_eq!(h.alloc_size(t.raw()), size);
    // Far fewer: the whole blocks past them go back.
    let u = h.alloc_var_with(head(), 40, false, |_| 1).ok().unwrap();
    assert_eq!(h.var_items::<TupleHead>(u).unwrap().len(), 1);
    assert_eq!(h.alloc_size(u.raw()), var::var_bytes::<TupleHead>(1).unwrap().div_ceil(BLOCK) * BLOCK);
    assert_eq!(h.blocks.used_blocks() - before, (size + h.alloc_size(u.raw())) / BLOCK);
}

#[test]
fn decimal_len_counts_the_digits() {
    use alloc::string::ToString;
    let mut cases = alloc::vec![0u64, 1, 9, u64::MAX, u64::MAX - 1];
    let mut p = 1u64;
    for _ in 0..19 {
        p *= 10;
        cases.extend([p - 1, p, p + 1]);
    }
    for b in 0..64 {
        cases.extend([1u64 << b, (1u64 << b) - 1]);
    }
    for m in cases {
        assert_eq!(strs::decimal_len(m), m.to_string().len(), "{m}");
    }
}
