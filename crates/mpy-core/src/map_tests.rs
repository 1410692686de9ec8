//! Tests of [`super::Map`]: small (linear) and indexed tables, growth
//! through `Vm::map_reserve`, removal, iteration order, copying.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::{Map, LINEAR_MAX};
use crate::obj::Obj;
use crate::state::Vm;
use crate::types::dict::DictObj;
use crate::types::testutil::with_vm;
use alloc::vec::Vec;

fn i(v: isize) -> Obj {
    Obj::small_int(v)
}

/// Appends `k -> v` to dict `d`'s table through the raw API (the key is a
/// small int, whose hash is its value).
fn push(vm: &mut Vm, d: Obj, k: isize, v: isize) {
    vm.map_reserve::<DictObj>(d, 1).unwrap();
    let m = vm.table_mut(d).unwrap();
    assert!(m.push_within_capacity(i(k), i(v), k as u32));
}

fn keys(vm: &Vm, d: Obj) -> Vec<isize> {
    vm.table(d).unwrap().iter().map(|e| e.key.as_small_int().unwrap()).collect()
}

fn find(vm: &Vm, d: Obj, k: isize) -> Option<isize> {
    let m = vm.table(d).unwrap();
    let p = m.find_identical(i(k), k as u32)?;
    m.entry(p).map(|e| e.value.as_small_int().unwrap())
}

#[test]
fn small_table_is_linear_and_ordered() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        assert_eq!(vm.table(d).unwrap().capacity(), 0);
        for k in [5, 3, 9, 1] {
            push(&mut vm, d, k, k * 10);
        }
        let m = vm.table(d).unwrap();
        assert_eq!(m.len(), 4);
        assert!(m.capacity() <= LINEAR_MAX);
        assert_eq!(m.hash_at(0), None, "small tables store no hashes");
        // Every position is a candidate in a small table.
        assert_eq!(m.candidates(12345).count(), 4);
        assert_eq!(keys(&vm, d), [5, 3, 9, 1]);
        assert_eq!(find(&vm, d, 9), Some(90));
        assert_eq!(find(&vm, d, 7), None);
    });
}

#[test]
fn growth_to_indexed_keeps_order_and_hashes() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        let n = 100;
        for k in 0..n {
            push(&mut vm, d, (k * 7) % n, k);
        }
        let m = vm.table(d).unwrap();
        assert_eq!(m.len(), n as usize);
        assert!(m.capacity() >= n as usize);
        assert_eq!(m.hash_at(0), Some(0));
        let expect: Vec<isize> = (0..n).map(|k| (k * 7) % n).collect();
        assert_eq!(keys(&vm, d), expect);
        for k in 0..n {
            let key = (k * 7) % n;
            assert_eq!(find(&vm, d, key), Some(k));
            // The index narrows candidates to matching hashes.
            let m = vm.table(d).unwrap();
            assert!(m.candidates(key as u32).all(|p| m.hash_at(p) == Some(key as u32)));
        }
        assert_eq!(find(&vm, d, n + 1), None);
    });
}

#[test]
fn removal_in_small_table_shifts_entries() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        for k in 1..=5 {
            push(&mut vm, d, k, k);
        }
        let m = vm.table_mut(d).unwrap();
        let p = m.find_identical(i(3), 3).unwrap();
        let e = m.remove_at(p).unwrap();
        assert_eq!(e.key, i(3));
        assert_eq!(m.len(), 4);
        assert_eq!(m.end_pos(), 4, "no tombstones in small tables");
        assert!(m.remove_at(10).is_none());
        assert_eq!(keys(&vm, d), [1, 2, 4, 5]);
    });
}

#[test]
fn removal_in_indexed_table_leaves_places_and_compacts() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        for k in 0..40 {
            push(&mut vm, d, k, k);
        }
        for k in (0..40).step_by(2) {
            let m = vm.table_mut(d).unwrap();
            let p = m.find_identical(i(k), k as u32).unwrap();
            m.remove_at(p).unwrap();
        }
        let m = vm.table(d).unwrap();
        assert_eq!(m.len(), 20);
        let expect: Vec<isize> = (1..40).step_by(2).collect();
        assert_eq!(keys(&vm, d), expect);
        // `next_at` skips deleted places.
        let (p, e) = m.next_at(0).unwrap();
        assert_eq!((p, e.key), (1, i(1)));
        for k in (0..40).step_by(2) {
            assert_eq!(find(&vm, d, k), None);
        }
        let cap = m.capacity();
        // Refill: the table compacts (or grows) and keeps the order.
        for k in 100..140 {
            push(&mut vm, d, k, k);
        }
        let mut expect = expect;
        expect.extend(100..140);
        assert_eq!(keys(&vm, d), expect);
        assert!(vm.table(d).unwrap().capacity() >= cap);
        for &k in &expect {
            assert_eq!(find(&vm, d, k), Some(k));
        }
    });
}

#[test]
fn trailing_removals_shrink_the_end() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        for k in 0..20 {
            push(&mut vm, d, k, k);
        }
        let m = vm.table_mut(d).unwrap();
        let end = m.end_pos();
        let last = m.last_pos().unwrap();
        m.remove_at(last).unwrap();
        assert_eq!(m.end_pos(), end - 1);
        assert_eq!(m.last_pos(), Some(last - 1));
    });
}

#[test]
fn local_tables_grow_with_map_reserve_local() {
    with_vm(|mut vm, _| {
        let mut m = Map::new();
        for k in 0..30 {
            vm.map_reserve_local(&mut m, 1).unwrap();
            assert!(m.push_within_capacity(i(k), i(-k), k as u32));
        }
        assert_eq!(m.len(), 30);
        let got: Vec<isize> = m.iter().map(|e| e.value.as_small_int().unwrap()).collect();
        let expect: Vec<isize> = (0..30).map(|k| -k).collect();
        assert_eq!(got, expect);
        let p = m.find_identical(i(17), 17).unwrap();
        assert_eq!(m.entry(p).unwrap().value, i(-17));
    });
}

#[test]
fn copies_are_independent() {
    with_vm(|mut vm, _| {
        for n in [0, 3, 8, 9, 50] {
            let d = vm.new_dict().unwrap();
            for k in 0..n {
                push(&mut vm, d, k, k);
            }
            let words = vm.table(d).unwrap().buffer_words();
            let buf = vm.new_vec::<usize>(words).unwrap();
            let Ok(copy) = Map::copy_from(vm.table(d).unwrap(), buf) else { panic!("copy") };
            assert_eq!(copy.len(), n as usize);
            let got: Vec<Obj> = copy.iter().map(|e| e.key).collect();
            let orig: Vec<Obj> = vm.table(d).unwrap().iter().map(|e| e.key).collect();
            assert_eq!(got, orig);
            for k in 0..n {
                assert!(copy.find_identical(i(k), k as u32).is_some());
            }
            // Changing the original leaves the copy alone.
            vm.table_mut(d).unwrap().clear();
            assert_eq!(copy.len(), n as usize);
            // A buffer of the wrong size is handed back.
            if words > 0 {
                let wrong = vm.new_vec::<usize>(words + 64).unwrap();
                assert!(Map::copy_from(&copy, wrong).is_err());
            }
        }
    });
}

#[test]
fn python_equality_lookups() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        // Keys that are equal but not identical: 1, 1.0 and True.
        vm.dict_store(d, i(1), i(10)).unwrap();
        let one_f = vm.new_float(1.0).unwrap();
        assert_eq!(vm.dict_lookup(d, one_f).unwrap(), Some(i(10)));
        assert_eq!(vm.dict_lookup(d, Obj::TRUE).unwrap(), Some(i(10)));
        vm.dict_store(d, Obj::TRUE, i(11)).unwrap();
        assert_eq!(vm.table(d).unwrap().len(), 1);
        assert_eq!(vm.dict_lookup(d, i(1)).unwrap(), Some(i(11)));
        // A heap str finds the qstr with the same text and vice versa.
        let hs = vm.new_str_uninterned("append").unwrap();
        assert!(hs.as_qstr().is_none());
        vm.dict_store(d, hs, i(20)).unwrap();
        let qs = Obj::qstr(crate::qstr::q::append);
        assert_eq!(vm.dict_lookup(d, qs).unwrap(), Some(i(20)));
        let other = vm.new_str_uninterned("no such qstr text").unwrap();
        assert_eq!(vm.dict_lookup(d, other).unwrap(), None);
        // Unhashable keys raise, even when absent.
        let l = vm.new_list(&[]).unwrap();
        assert!(vm.dict_lookup(d, l).is_err());
        // Tuples hash by content.
        let t1 = vm.new_tuple(&[i(1), qs]).unwrap();
        let t2 = vm.new_tuple(&[i(1), qs]).unwrap();
        vm.dict_store(d, t1, i(30)).unwrap();
        assert_eq!(vm.dict_lookup(d, t2).unwrap(), Some(i(30)));
        // Growth to an indexed table keeps every kind of key.
        for k in 100..140 {
            vm.dict_store(d, i(k), i(k)).unwrap();
        }
        assert_eq!(vm.dict_lookup(d, one_f).unwrap(), Some(i(11)));
        assert_eq!(vm.dict_lookup(d, qs).unwrap(), Some(i(20)));
        assert_eq!(vm.dict_lookup(d, t2).unwrap(), Some(i(30)));
        assert_eq!(vm.dict_remove(d, t2).unwrap(), Some(i(30)));
        assert_eq!(vm.dict_lookup(d, t1).unwrap(), None);
    });
}

#[test]
fn compaction_in_place_reuses_deleted_places() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        for k in 0..64 {
            vm.dict_store(d, i(k), i(k)).unwrap();
        }
        let cap = vm.table(d).unwrap().capacity();
        let addr = vm.table(d).unwrap().buffer_words();
        // Churn: delete one, add one, many times; live stays below 3/4.
        let mut live: Vec<isize> = (0..64).collect();
        for k in 64..2000 {
            let victim = live.remove(0);
            assert_eq!(vm.dict_remove(d, i(victim)).unwrap(), Some(i(victim)));
            while live.len() * 4 + 4 > cap * 3 {
                let v2 = live.remove(0);
                vm.dict_remove(d, i(v2)).unwrap();
            }
            vm.dict_store(d, i(k), i(k)).unwrap();
            live.push(k);
        }
        let m = vm.table(d).unwrap();
        assert_eq!(m.capacity(), cap, "no growth");
        assert_eq!(m.buffer_words(), addr);
        assert_eq!(keys(&vm, d), live);
        for &k in &live {
            assert_eq!(vm.dict_lookup(d, i(k)).unwrap(), Some(i(k)));
        }
        assert_eq!(vm.dict_lookup(d, i(0)).unwrap(), None);
    });
}
