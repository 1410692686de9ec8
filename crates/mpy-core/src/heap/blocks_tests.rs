//! Unit tests of the block allocator (`blocks.rs`): placement, hints,
//! lazily cleared tables, a randomised reference model; run under Miri too.

use super::*;

fn with_heap(size: usize, f: impl FnOnce(&mut Blocks)) {
    with_heap_chunk(size, CHUNK, f)
}

/// A heap whose tables are cleared `chunk` words at a time, over
/// memory filled with a junk pattern (so that a read of a table word
/// that was never cleared shows up as a wrong result).
/// Under Miri the memory is left uninitialised instead, so such a read
/// is reported as undefined behaviour.
fn with_heap_chunk(size: usize, chunk: usize, f: impl FnOnce(&mut Blocks)) {
    let layout = core::alloc::Layout::from_size_align(size, BLOCK).unwrap();
    // SAFETY: `layout` has a non-zero size.
    let base = NonNull::new(unsafe { alloc::alloc::alloc(layout) }).unwrap();
    if !cfg!(miri) {
        // SAFETY: `base` is a fresh allocation of `size` bytes.
        unsafe { core::ptr::write_bytes(base.as_ptr(), 0xa5, size) };
    }
    // SAFETY: the allocation outlives the heap and is used by nothing
    // else.
    let mut h = unsafe { Blocks::with_chunk(base, size, false, chunk) };
    f(&mut h);
    drop(h);
    // SAFETY: allocated above with `layout`; the heap is gone.
    unsafe { alloc::alloc::dealloc(base.as_ptr(), layout) };
}

#[test]
fn big_heap_clears_its_table_lazily() {
    // 2-word chunks: a table of many more words has a gap at first.
    with_heap_chunk(40_000, 2, |h| {
        assert!(h.gap_open());
        let n = h.n_blocks();
        // Small requests fill it from the bottom, clearing as they go.
        let mut got = 0;
        while h.alloc(BLOCK, false, false).is_some() || {
            h.set_thorough();
            h.alloc(BLOCK, false, false).is_some()
        } {
            got += 1;
        }
        assert_eq!(got, n);
        assert!(!h.gap_open());
    });
    with_heap_chunk(40_000, 2, |h| {
        // Large requests fill it from the top.
        let big = 3 * EPW * BLOCK;
        let mut last = usize::MAX;
        while let Some(p) = h.alloc(big, false, false) {
            assert!((p.as_ptr() as usize) < last);
            last = p.as_ptr() as usize;
        }
        assert!(!h.gap_open());
        // A pointer into the gap of a fresh heap marks nothing.
    });
    with_heap_chunk(40_000, 2, |h| {
        let mid = h.block_ptr(h.n_blocks() / 2) as usize;
        assert_eq!(h.mark_addr(mid), None);
        assert_eq!(h.atb(h.n_blocks() / 2), FREE);
        assert_eq!(h.next_marked(0), None);
        assert_eq!(h.next_unmarked_final(0), None);
        h.sweep();
        assert_eq!(h.used_blocks(), 0);
        assert!(h.gap_open());
    });
}

#[test]
fn layout_fits_region() {
    for size in [BLOCK * 4, 1000, 4096, 16 * 1024, 100_003] {
        with_heap(size, |h| {
            assert!(h.n_blocks() > 0);
            let end = h.pool_addr() + h.n_blocks() * BLOCK;
            assert!(end <= h.base().as_ptr() as usize + size);
            assert_eq!(h.pool_addr() % BLOCK, 0);
            // Nearly all of the region is pool.
            assert!(h.n_blocks() * BLOCK * 100 >= size * 90 || size < 4096);
        });
    }
}

#[test]
fn alloc_free_reuse() {
    with_heap(4096, |h| {
        let a = h.alloc(1, false, false).unwrap().as_ptr() as usize;
        let b = h.alloc(BLOCK * 3, true, false).unwrap().as_ptr() as usize;
        let c = h.alloc(BLOCK + 1, false, false).unwrap().as_ptr() as usize;
        assert_eq!(b - a, BLOCK);
        assert_eq!(c - b, 3 * BLOCK);
        assert_eq!(h.used_blocks(), 6);
        let bb = h.block_of_addr(b).unwrap();
        assert_eq!(h.alloc_blocks(bb), 3);
        assert!(h.ftb(bb));
        assert_eq!(h.head_of(bb + 2), Some(bb));
        h.free(b);
        assert_eq!(h.used_blocks(), 3);
        assert!(!h.ftb(bb));
        assert_eq!(h.head_of(bb + 1), None);
        // A 2-block request reuses the hole.
        let d = h.alloc(2 * BLOCK, false, false).unwrap().as_ptr() as usize;
        assert_eq!(d, b);
    });
}

#[test]
fn exhaustion_and_resize() {
    with_heap(2048, |h| {
        let n = h.n_blocks();
        let a = h.alloc(BLOCK, false, false).unwrap().as_ptr() as usize;
        let ab = h.block_of_addr(a).unwrap();
        assert!(h.resize_in_place(ab, 4 * BLOCK));
        assert_eq!(h.alloc_blocks(ab), 4);
        assert!(h.resize_in_place(ab, 2 * BLOCK));
        assert_eq!(h.alloc_blocks(ab), 2);
        let mut count = 2;
        loop {
            // Past the small-object ceiling an allocation fails until
            // a collection (here: a thorough retry) lets it through.
            if h.alloc(BLOCK, false, false).is_none() {
                h.set_thorough();
                if h.alloc(BLOCK, false, false).is_none() {
                    break;
                }
            }
            count += 1;
        }
        assert_eq!(count, n);
        assert_eq!(h.used_blocks(), n);
        assert!(!h.resize_in_place(ab, 3 * BLOCK));
        h.set_thorough();
        assert!(h.alloc(1, false, false).is_none());
    });
}

#[test]
fn fresh_blocks_are_zero() {
    with_heap(1024, |h| {
        let p = h.alloc(2 * BLOCK, false, false).unwrap();
        // SAFETY: the allocation is 2 blocks long.
        unsafe { core::ptr::write_bytes(p.as_ptr(), 0xaa, 2 * BLOCK) };
        h.free(p.as_ptr() as usize);
        let q = h.alloc(2 * BLOCK, false, false).unwrap();
        let b = h.block_of_addr(q.as_ptr() as usize).unwrap();
        for i in 0..4 {
            assert_eq!(h.word(b, i), 0);
            assert_eq!(h.word(b + 1, i), 0);
        }
    });
}

/// A small deterministic random generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Iterations for the randomised tests (Miri is slow).
const ROUNDS: usize = if cfg!(miri) { 300 } else { 20_000 };

/// The reference: one entry at a time, as the first allocator did.
fn ref_alloc_blocks(e: &[u8], b: usize) -> usize {
    let mut k = b + 1;
    while k < e.len() && e[k] == TAIL {
        k += 1;
    }
    k - b
}

fn ref_sweep(e: &mut [u8]) -> usize {
    let mut used = 0;
    let mut live = false;
    for x in e.iter_mut() {
        match *x {
            MARK => {
                *x = HEAD;
                live = true;
                used += 1;
            }
            HEAD => {
                *x = FREE;
                live = false;
            }
            TAIL => {
                if live {
                    used += 1;
                } else {
                    *x = FREE;
                }
            }
            _ => live = false,
        }
    }
    used
}

fn check_consistent(h: &Blocks, model: &[u8]) {
    assert_eq!(h.entries(), model);
    let used = model.iter().filter(|&&x| x != FREE).count();
    assert_eq!(h.used_blocks(), used);
    for (b, &x) in model.iter().enumerate() {
        if x == HEAD || x == MARK {
            assert_eq!(h.alloc_blocks(b), ref_alloc_blocks(model, b), "block {b}");
        }
    }
    // The hints and skips are true: no run of `k + 1` free blocks starts
    // below `rover[k]` or inside `skip[k]` (slow under Miri, which looks
    // for undefined behaviour: checked natively).
    if cfg!(miri) {
        return;
    }
    let n = model.len();
    for k in 0..SMALL {
        let (lo, hi) = h.skip[k];
        for p in (0..h.rover[k].min(n)).chain(lo.min(n)..hi.min(n)) {
            assert!(p + k >= n || model[p..=p + k].iter().any(|&x| x != FREE), "run of {} at {p}", k + 1);
        }
    }
}

#[test]
fn word_ops_match_the_reference() {
    // Odd sizes put the sentinel at every position of the last word.
    for (seed, size, chunk) in [
        (1u64, 3000usize, CHUNK),
        (7, 4096 + 3 * BLOCK, CHUNK),
        (99, 9000, CHUNK),
        (5, 777, CHUNK),
        // Tables cleared lazily: the scans grow into the gap.
        (11, 40_000 + 5 * BLOCK, 2),
        (13, 25_000, 4),
    ] {
        with_heap_chunk(size, chunk, |h| {
            let n = h.n_blocks();
            let mut model = alloc::vec![FREE; n];
            let mut heads: alloc::vec::Vec<usize> = alloc::vec![];
            let mut r = Rng(seed);
            for _ in 0..ROUNDS / 4 {
                match r.below(10) {
                    0..=4 => {
                        let nb = if r.below(4) == 0 { 9 + r.below(3 * EPW) } else { 1 + r.below(SMALL) };
                        if r.below(3) == 0 {
                            h.set_thorough();
                        }
                        if let Some(p) = h.alloc(nb * BLOCK, false, r.below(2) == 0) {
                            let b = h.block_of_addr(p.as_ptr() as usize).unwrap();
                            assert!(model[b..b + nb].iter().all(|&x| x == FREE));
                            if nb <= SMALL {
                                // The hints are true: small requests get the lowest fit.
                                let first = (0..=n - nb).find(|&s| model[s..s + nb].iter().all(|&x| x == FREE));
                                assert_eq!(Some(b), first, "first fit for {nb}");
                            }
                            model[b] = HEAD;
                            model[b + 1..b + nb].fill(TAIL);
                            heads.push(b);
                        }
                    }
                    5..=7 if !heads.is_empty() => {
                        let b = heads.swap_remove(r.below(heads.len()));
                        let nb = ref_alloc_blocks(&model, b);
                        h.free_head(b);
                        model[b..b + nb].fill(FREE);
                    }
                    8 if !heads.is_empty() => {
                        let b = heads[r.below(heads.len())];
                        let have = ref_alloc_blocks(&model, b);
                        let want = 1 + r.below(have + 4);
                        let ok = h.resize_in_place(b, want * BLOCK);
                        let fits = want <= have || (b + want <= n && model[b + have..b + want].iter().all(|&x| x == FREE));
                        assert_eq!(ok, fits);
                        if ok {
                            model[b + 1..b + have].fill(FREE);
                            model[b + 1..b + want].fill(TAIL);
                            if want < have {
                                model[b + want..b + have].fill(FREE);
                            }
                        }
                    }
                    _ => {
                        // Mark some, sweep, compare with the reference sweep.
                        for &b in &heads {
                            if r.below(2) == 0 {
                                // An interior address marks the head too.
                                let nb = ref_alloc_blocks(&model, b);
                                let at = b + r.below(nb);
                                let addr = h.block_ptr(at) as usize + r.below(BLOCK);
                                assert_eq!(h.mark_addr(addr), Some(b));
                                assert_eq!(h.mark_addr(addr), None, "already marked");
                                model[b] = MARK;
                            }
                        }
                        let used = ref_sweep(&mut model);
                        h.sweep();
                        assert_eq!(h.used_blocks(), used);
                        heads.retain(|&b| model[b] == HEAD);
                    }
                }
                check_consistent(h, &model);
                // Free blocks have clear FTB bits.
                for (b, &x) in model.iter().enumerate() {
                    if x == FREE && !h.word_in_gap(b / EPW) {
                        assert!(!h.ftb(b), "stale FTB bit at {b}");
                    }
                }
            }
        });
    }
}

#[test]
fn filled_holes_are_skipped() {
    // A temporary freed after a longer-lived allocation (a str built in a
    // buffer): the hole is reused, and the search skips what lies between
    // it and the hint before the free, yet stays first fit.
    with_heap(20_000, |h| {
        let n = h.n_blocks();
        let mut model = alloc::vec![FREE; n];
        let mut r = Rng(3);
        for _ in 0..ROUNDS / 4 {
            let t = 1 + r.below(3);
            let Some(pt) = h.alloc(t * BLOCK, false, true) else { break };
            let nb = 1 + r.below(3);
            let Some(pk) = h.alloc(nb * BLOCK, false, false) else { break };
            for (p, len) in [(pt, t), (pk, nb)] {
                let b = h.block_of_addr(p.as_ptr() as usize).unwrap();
                let first = (0..=n - len).find(|&s| model[s..s + len].iter().all(|&x| x == FREE));
                assert_eq!(Some(b), first, "first fit for {len}");
                model[b] = HEAD;
                model[b + 1..b + len].fill(TAIL);
            }
            let b = h.block_of_addr(pt.as_ptr() as usize).unwrap();
            h.free_head(b);
            model[b..b + t].fill(FREE);
            if r.below(5) == 0 {
                // Now and then a kept block is freed too.
                let b = h.block_of_addr(pk.as_ptr() as usize).unwrap();
                h.free_head(b);
                model[b..b + nb].fill(FREE);
            }
            check_consistent(h, &model);
        }
    });
}

#[test]
fn scans_find_first_and_highest_fits() {
    with_heap(6000, |h| {
        let n = h.n_blocks();
        let mut r = Rng(3);
        for _ in 0..ROUNDS / 200 + 2 {
            // A random table of heads and free blocks.
            let mut model = alloc::vec![FREE; n];
            for (b, x) in model.iter_mut().enumerate() {
                let v = if r.below(3) == 0 { FREE } else { HEAD };
                *x = v;
                h.set_atb(b, v);
            }
            for len in 1..=3 * EPW {
                let first = (0..n.saturating_sub(len - 1)).find(|&s| model[s..s + len].iter().all(|&x| x == FREE));
                if len <= SMALL {
                    h.rover[len - 1] = 0;
                    h.skip[len - 1] = (0, 0);
                    assert_eq!(h.scan_up(len), first, "scan_up {len}");
                }
                for hi in [n, n / 2, n / 3 + 1, len] {
                    let highest = (0..(hi + 1).saturating_sub(len)).rev().find(|&s| model[s..s + len].iter().all(|&x| x == FREE));
                    assert_eq!(h.scan_down(len, hi), highest, "scan_down {len} {hi}");
                }
            }
        }
    });
}

#[test]
fn no_scan_bit_and_finalisers() {
    with_heap(4096, |h| {
        let a = h.alloc(3 * BLOCK, true, true).unwrap().as_ptr() as usize;
        let b = h.alloc(BLOCK, false, true).unwrap().as_ptr() as usize;
        let c = h.alloc(2 * BLOCK, false, false).unwrap().as_ptr() as usize;
        let (ab, bb, cb) = (h.block_of_addr(a).unwrap(), h.block_of_addr(b).unwrap(), h.block_of_addr(c).unwrap());
        assert_eq!(h.scan_blocks(ab), 1);
        assert!(h.no_scan(ab));
        assert_eq!(h.scan_blocks(bb), 1, "a one-block allocation has no tail bit");
        assert!(!h.no_scan(bb));
        assert_eq!(h.scan_blocks(cb), 2);
        assert_eq!(h.next_unmarked_final(0), Some(ab));
        assert_eq!(h.next_unmarked_final(ab + 1), None);
        // Shrinking to one block drops the bit.
        assert!(h.resize_in_place(ab, BLOCK));
        assert!(!h.ftb(ab + 1));
        assert!(h.resize_in_place(ab, 3 * BLOCK));
        assert_eq!(h.scan_blocks(ab), 3);
        h.set_no_scan(ab);
        assert_eq!(h.scan_blocks(ab), 1);
        h.mark_addr(c);
        assert_eq!(h.next_marked(0), Some(cb));
        h.sweep();
        assert_eq!(h.used_blocks(), 2);
        assert!(!h.ftb(ab) && !h.ftb(ab + 1));
    });
}

#[test]
fn small_run_helpers_match_the_general_ones() {
    let mut r = Rng(42);
    for _ in 0..2000 {
        let f = (r.next() as usize | r.next() as usize) & LO;
        for n in 1..=SMALL {
            assert_eq!(runs_small(f, n), runs(f, n), "runs of {n} in {f:#x}");
            for o in 0..=EPW - n {
                assert_eq!(head_run(n) << (2 * o), (run_mask(o, n) & !LO) ^ (3 << (2 * o)));
            }
        }
    }
}
