//! The block allocator: one region of memory holding an allocation table,
//! a finaliser table and a pool of fixed-size blocks.
//!
//! Layout of the region (all of it, exactly the configured heap size):
//!
//! ```text
//! [ pad ][ ATB: 2 bits per block ][ FTB: 1 bit per block ][ pad ][ pool: n_blocks * BLOCK ][ slack ]
//! ```
//!
//! Each block's 2-bit ATB entry is [`FREE`], [`HEAD`] (first block of an
//! allocation), [`TAIL`] (a following block of the same allocation) or
//! [`MARK`] (a head the collector has marked). An allocation is a head and
//! the tails after it. Both tables are whole machine words (word-aligned,
//! at most a few bytes of padding), so the allocator, the collector and
//! the sweep work on 4 * WORD entries at a time with bit operations. The
//! ATB always ends with at least one sentinel entry past the last block,
//! set to [`HEAD`]: a scan for free or tail entries stops there without a
//! bounds check.
//!
//! FTB bits: the bit of a head says the object has a finaliser; the bit of
//! an allocation's first tail says its tail blocks hold no pointers (str
//! and bytes data, big-int digits, byte buffers: the collector scans only
//! the first block, which holds the object header). The bits of free
//! blocks are always clear. Only the tables are initialised when the heap
//! is made (blocks are zeroed when allocated), so making a heap is cheap.
//!
//! A big heap initialises even its tables lazily, so that making it costs
//! the same at any size (a board's boot with a 3.5 MiB heap would
//! otherwise spend most of its time clearing a 56 KiB table): at first
//! only [`CHUNK`] table words at each end are cleared. The words between
//! (the *gap*, words `lo .. hi`) are uninitialised and stand for free
//! blocks; the cleared words right next to it (`lo - 1` and `hi`, the
//! *guards*) are kept free, so any read that runs past the end of an
//! allocation, or looks at free neighbours of a freed run, meets a
//! cleared free entry before it could reach the gap. The scans stop before
//! a guard and clear the next chunk of the gap (the bottom-up scan of
//! small requests grows the lower part, the top-down scan of large ones
//! the upper part), so allocations are placed exactly as in a fully
//! cleared table; the collector skips the gap, and pointers into it are
//! not heap objects. The small-request fast path compares its hint with
//! the scan bound `up_end` instead of the table's end: no extra cost.
//!
//! This is the only code that touches the region's bytes through raw
//! pointers; everything above works with block indices and the safe
//! accessors in [`super`].

use core::ptr::NonNull;

/// Bytes in a machine word.
pub const WORD: usize = core::mem::size_of::<usize>();
/// Bytes in a gc block: 4 words (16 on 32-bit targets, 32 on 64-bit).
pub const BLOCK: usize = 4 * WORD;

/// ATB entry: the block is free.
pub const FREE: u8 = 0;
/// ATB entry: the block starts an allocation.
pub const HEAD: u8 = 1;
/// ATB entry: the block continues the allocation before it.
pub const TAIL: u8 = 2;
/// ATB entry: a head marked live by the collector.
pub const MARK: u8 = 3;

/// Requests of up to this many blocks are "small": first fit from the
/// bottom of the heap; larger ones are placed from the top down.
const SMALL: usize = 8;
/// Number of search hints: one per small request size.
const ROVERS: usize = SMALL;
/// Table words cleared at a time in a big heap (even): at each end when
/// the heap is made, then as the scans reach the uncleared gap. 256 words
/// cover 64 KiB of pool on 32-bit targets (256 KiB on 64-bit). Heaps
/// whose table has at most `4 * CHUNK` words are cleared whole at once.
pub const CHUNK: usize = 256;

/// ATB entries per table word.
const EPW: usize = 4 * WORD;
/// FTB bits per table word.
const FPW: usize = 8 * WORD;
/// The low bit of every 2-bit entry of a table word.
const LO: usize = usize::MAX / 3;

/// Low bits of the entries of `w` that are FREE.
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn free_bits(w: usize) -> usize {
    !w & !(w >> 1) & LO
}

/// Low bits of the entries of `w` that are TAIL.
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn tail_bits(w: usize) -> usize {
    (w >> 1) & !w & LO
}

/// Low bits of the entries of `w` that are HEAD (unmarked).
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn head_bits(w: usize) -> usize {
    w & !(w >> 1) & LO
}

/// Low bits of the entries of `w` that are MARK.
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn mark_bits(w: usize) -> usize {
    w & (w >> 1) & LO
}

/// Low bits of the entries of `w` that are not FREE.
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn used_bits(w: usize) -> usize {
    (w | (w >> 1)) & LO
}

/// The bits of entries `0..o` of a word (`o < EPW`).
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn below(o: usize) -> usize {
    (1usize << (2 * o)) - 1
}

/// The bits of entries `o..o + cnt` of a word (`cnt >= 1`, `o + cnt <= EPW`).
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn run_mask(o: usize, cnt: usize) -> usize {
    let hi = if o + cnt >= EPW { usize::MAX } else { below(o + cnt) };
    hi & !below(o)
}

/// Index of the entry of the highest set bit of `x` (non-zero).
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn top_entry(x: usize) -> usize {
    (usize::BITS - 1 - x.leading_zeros()) as usize / 2
}

/// Low bits of the entries `k` of a word such that entries `k .. k + n`
/// are all free (`f` = [`free_bits`] of the word). Runs do not continue
/// past the word's last entry.
#[cfg_attr(not(target_os = "none"), inline(always))]
fn runs(f: usize, n: usize) -> usize {
    if n > EPW {
        return 0;
    }
    let mut m = f;
    let mut have = 1;
    // Invariant: bit 2k of `m` is set iff entries k .. k + have are free.
    while have < n && m != 0 {
        let s = have.min(n - have);
        m &= m >> (2 * s);
        have += s;
    }
    m
}

/// [`runs`] for a small request (`1 <= n <= SMALL`), unrolled: three
/// doubling steps at most, none when `n` is a constant 1.
#[cfg_attr(not(target_os = "none"), inline(always))]
fn runs_small(f: usize, n: usize) -> usize {
    if cfg!(target_os = "none") {
        // Boards: the one loop (flash).
        return runs(f, n);
    }
    let mut m = f;
    if n >= 2 {
        m &= m >> 2; // runs of 2
    }
    if n >= 3 {
        m &= m >> (2 * (n - 2).min(2)); // runs of min(n, 4)
    }
    if n >= 5 {
        m &= m >> (2 * (n - 4)); // runs of n
    }
    m
}

/// ATB entries of a new allocation of `n <= SMALL` blocks at entry 0 of a
/// word: HEAD, then `n - 1` TAILs.
#[cfg_attr(not(target_os = "none"), inline(always))]
const fn head_run(n: usize) -> usize {
    ((usize::MAX / 3) << 1 & below(n)) ^ (HEAD as usize | TAIL as usize)
}

/// Packs the low entry bits of `x` (bits 0, 2, 4, ...) into its low
/// `EPW` bits (bit `k` = entry `k`), the FTB's order.
#[inline]
fn compress(mut x: usize) -> usize {
    x &= LO;
    x = (x | (x >> 1)) & (usize::MAX / 5); // 0x3333...
    x = (x | (x >> 2)) & (usize::MAX / 17); // 0x0f0f...
    x = (x | (x >> 4)) & (usize::MAX / 257); // 0x00ff...
    x = (x | (x >> 8)) & (usize::MAX / 65537); // 0x0000ffff...
    if usize::BITS == 64 {
        x = (x | (x >> 16)) & (u32::MAX as usize);
    }
    x
}

/// The region and its tables. Not `Clone`: it owns the region.
pub struct Blocks {
    /// Start of the region, with provenance over all of it.
    base: NonNull<u8>,
    /// Region size in bytes.
    size: usize,
    /// The ATB (word-aligned, inside the region, with its provenance):
    /// kept as a pointer so that a table access is one load.
    atb: *mut usize,
    /// Words of the ATB (`n_blocks + 1` entries rounded up: the rest are
    /// sentinels).
    atb_words: usize,
    /// The FTB, just after the ATB (as `atb`).
    ftb: *mut usize,
    /// Words of the FTB (two per ATB word, rounded up).
    ftb_words: usize,
    /// Block 0 (BLOCK-aligned address, inside the region, with its
    /// provenance).
    pool: *mut u8,
    /// Number of blocks in the pool.
    n_blocks: usize,
    /// Search hints: no run of at least `k + 1` free blocks starts
    /// below `rover[k]`. Allocation only consumes free blocks, so it keeps
    /// them true; freeing moves them back.
    rover: [usize; ROVERS],
    /// Blocks allocated (heads and tails) after the last collection, less
    /// those freed one by one since (modulo 2^BITS: it may go "below
    /// zero" when blocks taken since are freed): [`Blocks::used_blocks`]
    /// adds the blocks taken since (`small_since_gc`, `large_since_gc`),
    /// so an allocation updates no count of its own.
    used_base: usize,
    /// Start of the lowest large allocation made since the last
    /// collection: the next one goes below it.
    top: usize,
    /// The next request looks at every hole before failing (set after a
    /// collection, for the allocation that triggered it): if no small
    /// request was met since it was set (`small_since_gc` is still
    /// `thorough_at`; the small paths do not clear it themselves), and no
    /// other request took it.
    thorough: bool,
    /// `small_since_gc` when `thorough` was set.
    thorough_at: usize,
    /// Small requests that would end above this block ask for a
    /// collection first (once enough has been allocated since the last
    /// one), so the small objects that survive collections stay in the
    /// lower part of the heap and the upper part keeps long free runs for
    /// large ones.
    ceiling: usize,
    /// Blocks taken by small requests since the last collection.
    small_since_gc: usize,
    /// Blocks taken by large requests and by growth in place since the
    /// last collection: with `small_since_gc`, what the heap's
    /// `gc.threshold()` counts (no counter of its own on the small paths).
    large_since_gc: usize,
    /// Whether the region came from the global allocator at start-up (and
    /// goes back to it on drop).
    owned: bool,
    /// ATB words `0 .. lo` are initialised (word `lo - 1` is the lower
    /// guard while the gap is open). Even, or `atb_words` once closed.
    lo: usize,
    /// ATB words `hi .. atb_words` are initialised (word `hi` is the upper
    /// guard while the gap is open). Even, or `atb_words` once closed.
    /// The gap `lo .. hi` is open while `lo < hi`.
    hi: usize,
    /// `scan_up` and the fast path look at words below this one: the lower
    /// guard while the gap is open, else `atb_words`.
    up_end: usize,
    /// `scan_down` clears more of the gap before moving below this word
    /// (the one above the upper guard); 0 once the gap is closed.
    down_stop: usize,
    /// Table words cleared per step ([`CHUNK`]; smaller in tests).
    chunk: usize,
    /// Known-full stretches: no run of at least `k + 1` free blocks starts
    /// in `skip[k].0 .. skip[k].1`. Set when a free moves `rover[k]` back
    /// to a hole (the old hint becomes the far end), so that once the hole
    /// is filled again the search does not rescan what was allocated above
    /// it; kept true by later frees, cleared by a sweep. Desktop only:
    /// always empty on the boards (flash).
    #[cfg(not(target_os = "none"))]
    skip: [(usize, usize); ROVERS],
}

/// Table sizes and offsets for `n` blocks in a region at `addr`:
/// (ATB offset, ATB words, FTB offset, FTB words, pool offset).
fn layout(addr: usize, n: usize) -> (usize, usize, usize, usize, usize) {
    let atb_off = addr.next_multiple_of(WORD) - addr;
    let atb_words = (n + 1).div_ceil(EPW);
    let ftb_words = atb_words.div_ceil(2);
    let ftb_off = atb_off + atb_words * WORD;
    let pool_off = (addr + ftb_off + ftb_words * WORD).next_multiple_of(BLOCK) - addr;
    (atb_off, atb_words, ftb_off, ftb_words, pool_off)
}

impl Blocks {
    /// Lays out a heap in `size` bytes at `base` and clears its tables.
    ///
    /// # Safety
    /// `base..base + size` must be memory the caller gives to this heap for
    /// as long as it lives (readable, writable, not used by anything else),
    /// and `base` must carry provenance over all of it.
    pub unsafe fn new(base: NonNull<u8>, size: usize, owned: bool) -> Blocks {
        // SAFETY: forwarded from the caller.
        unsafe { Blocks::with_chunk(base, size, owned, CHUNK) }
    }

    /// [`Blocks::new`], clearing the tables `chunk` words at a time
    /// (even, at least 2).
    ///
    /// # Safety
    /// As [`Blocks::new`].
    pub(crate) unsafe fn with_chunk(base: NonNull<u8>, size: usize, owned: bool, chunk: usize) -> Blocks {
        // Blocks needed so that tables + pool fit: per block, BLOCK bytes of
        // pool plus 3 bits of tables; plus padding and alignment.
        let addr = base.as_ptr() as usize;
        let usable = size.saturating_sub(BLOCK + 3 * WORD);
        let mut n = usable * 8 / (BLOCK * 8 + 3);
        while n > 0 && layout(addr, n).4 + n * BLOCK > size {
            n -= 1;
        }
        let (atb_off, atb_words, ftb_off, ftb_words, pool_off) = layout(addr, n);
        // The tables and the pool lie inside the region (`layout`, and the
        // loop above for the pool's end); `wrapping_add` keeps `base`'s
        // provenance.
        let p = base.as_ptr();
        let mut h = Blocks {
            base,
            size,
            atb: p.wrapping_add(atb_off).cast::<usize>(),
            atb_words,
            ftb: p.wrapping_add(ftb_off).cast::<usize>(),
            ftb_words,
            pool: p.wrapping_add(pool_off),
            n_blocks: n,
            rover: [0; ROVERS],
            used_base: 0,
            top: n,
            thorough: false,
            thorough_at: 0,
            ceiling: n / 2,
            small_since_gc: 0,
            large_since_gc: 0,
            owned,
            lo: atb_words,
            hi: atb_words,
            up_end: atb_words,
            down_stop: 0,
            chunk: chunk.max(2) & !1,
            #[cfg(not(target_os = "none"))]
            skip: [(0, 0); ROVERS],
        };
        if n == 0 {
            return h;
        }
        if atb_words > 4 * h.chunk {
            // Clear a chunk at each end; the gap between stays as it is.
            h.lo = h.chunk;
            h.hi = (atb_words - h.chunk) & !1;
            h.up_end = h.lo - 1;
            h.down_stop = h.hi + 1;
            h.clear_words(0, h.lo);
            h.clear_words(h.hi, atb_words);
        } else {
            h.clear_words(0, atb_words);
        }
        h.set_sentinels();
        h
    }

    /// Clears ATB words `a .. b` (`a` even) and the FTB words of their
    /// blocks, making them initialised free entries.
    fn clear_words(&mut self, a: usize, b: usize) {
        debug_assert!(a % 2 == 0 && a <= b && b <= self.atb_words);
        // SAFETY: ATB words `a .. b` and FTB words `a / 2 .. ceil(b / 2)`
        // lie inside the region this heap owns (`layout`), and `&mut self`
        // means no one else uses them.
        unsafe {
            core::ptr::write_bytes(self.atb.add(a), 0, b - a);
            core::ptr::write_bytes(self.ftb.add(a / 2), 0, b.div_ceil(2) - a / 2);
        }
    }

    /// Is the gap of uninitialised table words open?
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn gap_open(&self) -> bool {
        self.lo < self.hi
    }

    /// Is table word `i` in the gap (uninitialised)?
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn word_in_gap(&self, i: usize) -> bool {
        i.wrapping_sub(self.lo) < self.hi - self.lo
    }

    /// Clears the next chunk of the gap from below (the lower guard
    /// becomes an ordinary word). False if the gap is closed already.
    #[cold]
    fn grow_up(&mut self) -> bool {
        if !self.gap_open() {
            return false;
        }
        let new_lo = (self.lo + self.chunk).min(self.hi);
        self.clear_words(self.lo, new_lo);
        self.lo = new_lo;
        self.up_end = new_lo - 1;
        self.close_if_met();
        true
    }

    /// Clears the next chunk of the gap from above (the upper guard
    /// becomes an ordinary word). False if the gap is closed already.
    #[cold]
    fn grow_down(&mut self) -> bool {
        if !self.gap_open() {
            return false;
        }
        let new_hi = self.hi.saturating_sub(self.chunk).max(self.lo);
        self.clear_words(new_hi, self.hi);
        self.hi = new_hi;
        self.down_stop = new_hi + 1;
        self.close_if_met();
        true
    }

    /// Once the two initialised parts meet, the whole table is ordinary.
    fn close_if_met(&mut self) {
        if self.lo >= self.hi {
            self.lo = self.atb_words;
            self.hi = self.atb_words;
            self.up_end = self.atb_words;
            self.down_stop = 0;
        }
    }

    /// Makes table word `i` an ordinary initialised word (neither in the
    /// gap nor a guard), clearing the gap from below up to it.
    fn ensure_word(&mut self, i: usize) {
        while self.gap_open() && i + 1 >= self.lo && i <= self.hi {
            self.grow_up();
        }
    }

    /// The sentinel entries (past the last block, in the last ATB word),
    /// as HEAD bits.
    #[inline]
    fn sentinel_bits(&self) -> usize {
        LO & !below(self.n_blocks % EPW)
    }

    /// Sets the sentinel entries to HEAD.
    fn set_sentinels(&mut self) {
        let i = self.atb_words - 1;
        let s = self.sentinel_bits();
        let w = self.aw(i) & !(s | (s << 1));
        self.set_aw(i, w | s);
    }

    /// Region size in bytes.
    #[inline]
    pub fn size(&self) -> usize {
        self.size
    }

    /// Number of blocks in the pool.
    #[inline]
    pub fn n_blocks(&self) -> usize {
        self.n_blocks
    }

    /// Blocks allocated (boards: one shared copy of the sum).
    #[cfg_attr(not(target_os = "none"), inline)]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn used_blocks(&self) -> usize {
        self.used_base.wrapping_add(self.small_since_gc).wrapping_add(self.large_since_gc)
    }

    /// Blocks allocated since the last collection (by new allocations and
    /// growth in place; frees do not count).
    #[inline]
    pub fn since_gc_blocks(&self) -> usize {
        self.small_since_gc + self.large_since_gc
    }

    /// Makes the next request thorough (see `thorough`): after a
    /// collection, and in tests.
    #[inline]
    pub fn set_thorough(&mut self) {
        self.thorough = true;
        self.thorough_at = self.small_since_gc;
    }

    /// Was the region allocated by the heap itself?
    pub fn owned(&self) -> bool {
        self.owned
    }

    /// The region's start pointer (for releasing an owned region).
    pub fn base(&self) -> NonNull<u8> {
        self.base
    }

    /// Address of block 0.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn pool_addr(&self) -> usize {
        self.pool as usize
    }

    /// Pointer to the start of block `b` (with the region's provenance).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn block_ptr(&self, b: usize) -> *mut u8 {
        self.pool.wrapping_add(b * BLOCK)
    }

    /// The block containing address `addr`, if it is inside the pool.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn block_of_addr(&self, addr: usize) -> Option<usize> {
        let off = addr.wrapping_sub(self.pool_addr());
        if off < self.n_blocks * BLOCK {
            Some(off / BLOCK)
        } else {
            None
        }
    }

    /// Is `addr` inside the pool?
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn contains(&self, addr: usize) -> bool {
        addr.wrapping_sub(self.pool_addr()) < self.n_blocks * BLOCK
    }

    /// ATB word `i` (< atb_words): entries `EPW * i ..`, entry `k` in bits
    /// `2k, 2k + 1`.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn aw(&self, i: usize) -> usize {
        debug_assert!(i < self.atb_words);
        // SAFETY: word `i` of the ATB lies inside the region this heap
        // owns (`layout`), at a word-aligned address (`atb`).
        unsafe { *self.atb.add(i) }
    }

    /// Sets ATB word `i`.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn set_aw(&mut self, i: usize, w: usize) {
        debug_assert!(i < self.atb_words);
        // SAFETY: as in `aw`; `&mut self` means no one else reads it now.
        unsafe { *self.atb.add(i) = w }
    }

    /// FTB word `j` (< ftb_words): blocks `FPW * j ..`, one bit each.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn fw(&self, j: usize) -> usize {
        debug_assert!(j < self.ftb_words);
        // SAFETY: word `j` of the FTB lies inside the region, word-aligned
        // (`ftb` is `atb` plus whole words).
        unsafe { *self.ftb.add(j) }
    }

    /// Sets FTB word `j`.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn set_fw(&mut self, j: usize, w: usize) {
        debug_assert!(j < self.ftb_words);
        // SAFETY: as in `fw`; `&mut self`.
        unsafe { *self.ftb.add(j) = w }
    }

    /// The ATB entry of block `b` (< n_blocks; sentinels read as HEAD,
    /// blocks whose table word is not initialised yet as FREE).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn atb(&self, b: usize) -> u8 {
        if self.word_in_gap(b / EPW) {
            return FREE;
        }
        self.entry(b)
    }

    /// The ATB entry of block `b`, whose table word is initialised (not in
    /// the gap: a live allocation, or a block next to one).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn entry(&self, b: usize) -> u8 {
        ((self.aw(b / EPW) >> (2 * (b % EPW))) & 3) as u8
    }

    /// Sets the ATB entry of block `b` (< n_blocks).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn set_atb(&mut self, b: usize, v: u8) {
        debug_assert!(b < self.n_blocks && v < 4);
        let i = b / EPW;
        debug_assert!(!self.word_in_gap(i));
        let sh = 2 * (b % EPW);
        let w = self.aw(i);
        self.set_aw(i, (w & !(3 << sh)) | ((v as usize) << sh));
    }

    /// The FTB bit of block `b`.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn ftb(&self, b: usize) -> bool {
        (self.fw(b / FPW) >> (b % FPW)) & 1 != 0
    }

    /// Sets or clears the FTB bit of block `b`.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn set_ftb(&mut self, b: usize, on: bool) {
        let j = b / FPW;
        let bit = 1usize << (b % FPW);
        let w = self.fw(j);
        self.set_fw(j, if on { w | bit } else { w & !bit });
    }

    /// Does the allocation at head `b` hold pointers only in its first
    /// block (FTB bit of its first tail)?
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn no_scan(&self, b: usize) -> bool {
        self.entry(b + 1) == TAIL && self.ftb(b + 1)
    }

    /// Marks the allocation at head `b` (of at least 2 blocks) as holding
    /// no pointers past its first block.
    #[inline]
    pub fn set_no_scan(&mut self, b: usize) {
        if b + 1 < self.n_blocks && self.entry(b + 1) == TAIL {
            self.set_ftb(b + 1, true);
        }
    }

    /// Number of blocks of the allocation starting at head `b`.
    #[inline]
    pub fn alloc_blocks(&self, b: usize) -> usize {
        let mut e = b + 1;
        loop {
            let o = e % EPW;
            // Tail entries from `e` on; past the word's end reads as "not
            // a tail". The sentinel ends every run before the table does.
            let t = tail_bits(self.aw(e / EPW)) >> (2 * o);
            let c = ((!t & LO).trailing_zeros() / 2) as usize;
            if c < EPW - o {
                return e + c - b;
            }
            e += EPW - o;
        }
    }

    /// Head block of the allocation containing block `b`, if allocated.
    #[inline]
    pub fn head_of(&self, b: usize) -> Option<usize> {
        match self.atb(b) {
            FREE => None,
            TAIL => self.head_before(b),
            _ => Some(b),
        }
    }

    /// Head of the allocation whose tail is block `b`: the nearest entry
    /// below `b` that is not a tail (None if it is free: a broken table).
    #[cold]
    fn head_before(&self, b: usize) -> Option<usize> {
        let mut i = b / EPW;
        let mut nt = !tail_bits(self.aw(i)) & LO & below(b % EPW);
        loop {
            if nt != 0 {
                let h = i * EPW + top_entry(nt);
                return (self.entry(h) != FREE).then_some(h);
            }
            if i == 0 {
                return None;
            }
            i -= 1;
            nt = !tail_bits(self.aw(i)) & LO;
        }
    }

    /// Marks the allocation holding address `addr` if it is an unmarked
    /// allocation in the pool (interior addresses count), returning its
    /// head; None otherwise (not in the pool, free, or already marked).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn mark_addr(&mut self, addr: usize) -> Option<usize> {
        let b = self.block_of_addr(addr)?;
        self.mark_block(b)
    }

    /// [`Blocks::mark_addr`] for an address in block `b` of the pool
    /// (`b < n_blocks`: the caller checked the address).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn mark_block(&mut self, b: usize) -> Option<usize> {
        debug_assert!(b < self.n_blocks);
        let i = b / EPW;
        if self.word_in_gap(i) {
            // Never allocated since the heap was made.
            return None;
        }
        let sh = 2 * (b % EPW);
        let w = self.aw(i);
        match (w >> sh) & 3 {
            1 => {
                // HEAD (01) becomes MARK (11).
                self.set_aw(i, w | (3 << sh));
                Some(b)
            }
            2 => self.mark_tail(b),
            _ => None,
        }
    }

    /// [`Blocks::mark_addr`] for an address inside a tail block.
    #[cold]
    fn mark_tail(&mut self, b: usize) -> Option<usize> {
        let h = self.head_before(b)?;
        if self.entry(h) != HEAD {
            return None;
        }
        self.set_atb(h, MARK);
        Some(h)
    }

    /// Blocks of the allocation at head `b` the collector must scan: all
    /// of them, or only the first if the rest hold no pointers.
    #[inline]
    pub fn scan_blocks(&self, b: usize) -> usize {
        let i = (b + 1) / EPW;
        let sh = 2 * ((b + 1) % EPW);
        if (self.aw(i) >> sh) & 3 != TAIL as usize {
            return 1;
        }
        if self.ftb(b + 1) {
            return 1;
        }
        self.alloc_blocks(b)
    }

    /// Finds `n` free blocks in a row.
    ///
    /// Small requests (up to [`SMALL`] blocks) take the first fit from the
    /// bottom, starting at their size's hint (everything below it is known
    /// not to fit), so small holes are reused. Large requests are placed
    /// from the top of the heap down, each just below the previous one
    /// (`top`), and fail when that meets the small objects, so the caller
    /// collects; after a collection (`thorough`) they take the highest fit
    /// anywhere. Keeping large, mostly short-lived buffers (big ints, list
    /// and dict tables) apart from the many small long-lived objects keeps
    /// the free space in long runs, and a program whose large objects keep
    /// growing does not rescan every hole too small for them.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline)]
    fn find_free(&mut self, n: usize) -> Option<usize> {
        if n > self.n_blocks {
            return None;
        }
        let thorough = core::mem::take(&mut self.thorough) && self.small_since_gc == self.thorough_at;
        if n <= SMALL {
            let start = self.scan_up(n)?;
            if start + n > self.ceiling {
                if !thorough && self.small_since_gc > self.ceiling / 4 {
                    // Collect before spreading small objects higher.
                    return None;
                }
                self.ceiling = self.n_blocks;
            }
            self.small_since_gc += n;
            return Some(start);
        }
        let start = self.find_large(n, thorough)?;
        self.large_since_gc += n;
        Some(start)
    }

    /// The large-request part of [`Blocks::find_free`].
    fn find_large(&mut self, n: usize, thorough: bool) -> Option<usize> {
        // The common case first: the blocks right below `top` are free
        // (what `scan_down` would find first), checked a word at a time.
        // (Desktop only: the boards keep the flash.)
        let start = self.top.wrapping_sub(n);
        if !cfg!(target_os = "none") && start < self.top && start / EPW >= self.down_stop && self.all_free_init(start, n) {
            self.top = start;
            return Some(start);
        }
        if let Some(start) = self.scan_down(n, self.top) {
            self.top = start;
            return Some(start);
        }
        if !thorough {
            // Fail fast: the caller collects (which frees the holes above
            // `top` and resets it) and retries thoroughly.
            return None;
        }
        let start = self.scan_down(n, self.n_blocks)?;
        self.top = start;
        Some(start)
    }

    /// First fit for a small request (`n <= SMALL <= EPW`) from its size's
    /// hint, moving the hint up to where the fit was found (or to the end).
    /// Works a table word at a time, carrying the free run that reaches
    /// the end of one word into the next.
    #[inline]
    fn scan_up(&mut self, n: usize) -> Option<usize> {
        let k = n - 1;
        let mut from = self.rover[k];
        // (Desktop only: the boards keep the flash.)
        let (h, far) = self.skip(k);
        // Once the words holding the last block of every run starting
        // below `h` are searched, the search goes on at `far`.
        let mut jump = if from < far && h < far { (h + k).saturating_sub(1) / EPW } else { usize::MAX };
        'restart: loop {
            let mut i = from / EPW;
            // The hint may be a guard word (a sweep found it free).
            self.ensure_word(i);
            let mut f = free_bits(self.aw(i)) & !below(from % EPW);
            // Free entries just below word `i`, contiguous up to its start.
            let mut carry = 0;
            loop {
                if f == 0 {
                    carry = 0;
                } else if f == LO {
                    carry += EPW;
                    if carry >= n {
                        let start = (i + 1) * EPW - carry;
                        self.rover[k] = start;
                        return Some(start);
                    }
                } else {
                    let nf = !f & LO;
                    if carry + (nf.trailing_zeros() / 2) as usize >= n {
                        let start = i * EPW - carry;
                        self.rover[k] = start;
                        return Some(start);
                    }
                    let m = runs_small(f, n);
                    if m != 0 {
                        let start = i * EPW + (m.trailing_zeros() / 2) as usize;
                        self.rover[k] = start;
                        return Some(start);
                    }
                    carry = (nf.leading_zeros() / 2) as usize;
                }
                if !cfg!(target_os = "none") && i >= jump {
                    jump = usize::MAX;
                    from = far;
                    continue 'restart;
                }
                i += 1;
                // The end of the table, or the lower guard: clear the next
                // chunk of the gap and go on.
                if i == self.up_end && !self.grow_up() {
                    break 'restart;
                }
                f = free_bits(self.aw(i));
            }
        }
        // The sentinel is never free, so `carry` is 0 here.
        self.rover[k] = self.n_blocks;
        None
    }

    /// The highest run of `n` free blocks ending at or below `hi`.
    fn scan_down(&mut self, n: usize, hi: usize) -> Option<usize> {
        let hi = hi.min(self.n_blocks);
        if hi < n {
            return None;
        }
        let mut i = hi / EPW;
        self.ensure_word(i);
        let mut f = free_bits(self.aw(i)) & below(hi % EPW);
        // Free entries from the end of word `i` up, contiguous.
        let mut carry = 0;
        loop {
            if f == 0 {
                carry = 0;
            } else if f == LO {
                carry += EPW;
                if carry >= n {
                    return Some(i * EPW + carry - n);
                }
            } else {
                let nf = !f & LO;
                let top = (nf.leading_zeros() / 2) as usize;
                if carry + top >= n {
                    return Some((i + 1) * EPW + carry - n);
                }
                let m = runs(f, n);
                if m != 0 {
                    return Some(i * EPW + top_entry(m));
                }
                carry = (nf.trailing_zeros() / 2) as usize;
            }
            // The bottom of the table, or the word above the upper guard:
            // clear the next chunk of the gap and go on.
            if i == self.down_stop && !self.grow_down() {
                return None;
            }
            i -= 1;
            f = free_bits(self.aw(i));
        }
    }

    /// ORs `pattern` into the ATB entries `start .. start + n` (free
    /// entries, all zero): the first gets `first` (HEAD for a new
    /// allocation, TAIL when growing one), the rest TAIL.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn fill_run(&mut self, start: usize, n: usize, first: u8) {
        let mut b = start;
        let end = start + n;
        let mut p0 = ((first ^ TAIL) as usize) << (2 * (start % EPW));
        while b < end {
            let i = b / EPW;
            let o = b % EPW;
            let cnt = (end - b).min(EPW - o);
            let w = self.aw(i);
            self.set_aw(i, w | ((run_mask(o, cnt) & !LO) ^ p0));
            p0 = 0;
            b += cnt;
        }
    }

    /// Sets the ATB entries `start .. start + n` to FREE.
    #[inline]
    fn clear_run(&mut self, start: usize, n: usize) {
        let mut b = start;
        let end = start + n;
        while b < end {
            let i = b / EPW;
            let o = b % EPW;
            let cnt = (end - b).min(EPW - o);
            let w = self.aw(i);
            self.set_aw(i, w & !run_mask(o, cnt));
            b += cnt;
        }
    }

    /// Are the `n` entries from `start` all free? Their table words must be
    /// initialised ones, inside the pool.
    #[inline]
    fn all_free_init(&self, start: usize, n: usize) -> bool {
        let end = start + n;
        let mut b = start;
        while b < end {
            let i = b / EPW;
            let o = b % EPW;
            let cnt = (end - b).min(EPW - o);
            let m = run_mask(o, cnt) & LO;
            if free_bits(self.aw(i)) & m != m {
                return false;
            }
            b += cnt;
        }
        true
    }

    /// Are the `n` entries from `start` all free (and inside the pool)?
    fn all_free(&mut self, start: usize, n: usize) -> bool {
        let end = start + n;
        if end > self.n_blocks {
            return false;
        }
        self.ensure_word((end - 1) / EPW);
        self.all_free_init(start, n)
    }

    /// Fills blocks `b .. b + n` with a pattern (test and gc-stress builds):
    /// an unzeroed allocation's blocks past the first, so a reader of words
    /// its owner did not write sees garbage that tests notice, not zeros.
    #[cfg(any(test, feature = "gc-stress"))]
    fn poison(&mut self, b: usize, n: usize) {
        let p = self.block_ptr(b);
        // SAFETY: as in `zero`: blocks `b .. b + n` are inside the pool and
        // were free until now; the pattern is no pointer into the pool
        // that matters (these blocks are never scanned: no-scan).
        unsafe { core::ptr::write_bytes(p, 0xa5, n * BLOCK) }
    }

    /// Zeroes blocks `b .. b + n`, which are allocated to the caller and
    /// referred to by no one yet.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn zero(&mut self, b: usize, n: usize) {
        let p = self.block_ptr(b);
        // SAFETY: blocks `b .. b + n` are inside the pool (BLOCK-aligned,
        // so word-aligned) and were free until now: no reference into them
        // exists. Zeroing them means stale words never look like pointers
        // to the collector and every item type reads as its zero value.
        // Small sizes are written inline rather than through `memset`.
        unsafe {
            match n {
                1 => (p as *mut [usize; 4]).write([0; 4]),
                2 => (p as *mut [usize; 8]).write([0; 8]),
                3 => (p as *mut [usize; 12]).write([0; 12]),
                4 => (p as *mut [usize; 16]).write([0; 16]),
                _ => core::ptr::write_bytes(p, 0, n * BLOCK),
            }
        }
    }

    /// `skip[k]`.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn skip(&self, k: usize) -> (usize, usize) {
        self.skip[k]
    }

    /// Sets `skip[k]`.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn set_skip(&mut self, k: usize, v: (usize, usize)) {
        self.skip[k] = v;
    }

    /// The boards keep no skips (flash): always empty.
    #[cfg(target_os = "none")]
    fn skip(&self, _k: usize) -> (usize, usize) {
        (0, 0)
    }

    /// The boards keep no skips.
    #[cfg(target_os = "none")]
    fn set_skip(&mut self, _k: usize, _v: (usize, usize)) {}

    /// Every block's ATB entry (for tests).
    #[cfg(test)]
    fn entries(&self) -> alloc::vec::Vec<u8> {
        (0..self.n_blocks).map(|b| self.atb(b)).collect()
    }

    /// Blocks `start .. end` became free: move back the hints of the sizes
    /// that now fit in the free run around them, so the hints stay true (a
    /// new run of `k + 1` free blocks includes a freed block, so it starts
    /// at `start - k` or later). A hole too short for a size does not make
    /// that size's search start over.
    #[inline]
    fn freed(&mut self, start: usize, end: usize) {
        // Free blocks just below and just above, up to what matters: a
        // table word at a time on the desktop, an entry at a time on the
        // boards (flash).
        let (a, b) = if cfg!(target_os = "none") {
            let lo = start.saturating_sub(SMALL - 1);
            let mut a = start;
            while a > lo && self.entry(a - 1) == FREE {
                a -= 1;
            }
            let hi = (end + SMALL - 1).min(self.n_blocks);
            let mut b = end;
            while b < hi && self.entry(b) == FREE {
                b += 1;
            }
            (a, b)
        } else {
            (start - self.free_below(start, SMALL - 1), end + self.free_above(end, (self.n_blocks - end).min(SMALL - 1)))
        };
        // Sizes longer than the whole free run cannot fit in it. New runs
        // of `k + 1` blocks start in `s .. end`.
        for k in 0..(b - a).min(SMALL) {
            let s = a.max(start.saturating_sub(k));
            if b - s <= k {
                continue;
            }
            let r = self.rover[k];
            let (h, far) = self.skip(k);
            if s < r {
                self.rover[k] = s;
                // None starts in `end .. r` (old runs start at `r` or
                // above), nor in `r .. far` if the old skip covers it.
                self.set_skip(k, (end, if h <= r { far.max(r) } else { r }));
            } else if end > h {
                // Keep the part of the skip below the new runs.
                self.set_skip(k, (h, far.min(s)));
            }
        }
    }

    /// Free entries right below block `e`, counted up to `max`, a table
    /// word at a time (reading only words holding one of those `max`
    /// entries, as a scan entry by entry would).
    #[inline]
    fn free_below(&self, mut e: usize, max: usize) -> usize {
        let mut cnt = 0;
        while cnt < max && e > 0 {
            let i = (e - 1) / EPW;
            // Entries `0 .. o` of word `i` lie below `e` (1 <= o <= EPW).
            let o = e - i * EPW;
            let below_e = if o >= EPW { usize::MAX } else { below(o) };
            let used = used_bits(self.aw(i)) & below_e;
            if used != 0 {
                return (cnt + o - 1 - top_entry(used)).min(max);
            }
            cnt += o;
            e -= o;
        }
        cnt.min(max)
    }

    /// Free entries from block `e` up, counted up to `max` (which must not
    /// reach past the pool), as [`Blocks::free_below`].
    #[inline]
    fn free_above(&self, mut e: usize, max: usize) -> usize {
        let mut cnt = 0;
        while cnt < max {
            let o = e % EPW;
            // Entries past the word's end shift in as free: the count
            // then goes on in the next word.
            let used = used_bits(self.aw(e / EPW)) >> (2 * o);
            if used != 0 {
                return (cnt + (used.trailing_zeros() / 2) as usize).min(max);
            }
            cnt += EPW - o;
            e += EPW - o;
        }
        cnt.min(max)
    }

    /// Allocates `bytes` (at least one block), zeroed, optionally with the
    /// finaliser bit, and with the no-scan bit if `no_scan` (the tail
    /// blocks will hold no pointers). None if no run of free blocks is
    /// long enough.
    ///
    /// Fast path: a small request whose first fit lies in the table word
    /// of its size's hint, below the ceiling, takes it (the common case
    /// right after frees and sweeps, and when allocating into a free area).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn alloc(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> Option<NonNull<u8>> {
        self.alloc_zeroing::<true>(bytes, finaliser, no_scan)
    }

    /// [`Blocks::alloc`] with the no-scan bit, zeroing only the first block
    /// (the only one the collector reads): the rest keeps the stale words
    /// of earlier allocations. For an object whose owner writes every word
    /// past the first block before anything reads it (big-int digits: the
    /// arithmetic writes each result digit before the int is used, and
    /// digits past the int's length are never read). Desktop only: saves
    /// the `memset` of large results. None if no run is long enough.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn alloc_no_scan_unzeroed(&mut self, bytes: usize) -> Option<NonNull<u8>> {
        self.alloc_zeroing::<false>(bytes, false, true)
    }

    /// [`Blocks::alloc`], zeroing every block if `ZERO`, else only the
    /// first.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn alloc_zeroing<const ZERO: bool>(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> Option<NonNull<u8>> {
        let n = bytes.div_ceil(BLOCK).max(1);
        if let Some(p) = self.alloc_fast::<ZERO>(n, finaliser, no_scan) {
            return Some(p);
        }
        self.alloc_slow::<ZERO>(n, finaliser, no_scan)
    }

    /// The fast paths of [`Blocks::alloc`] for `n >= 1` blocks (a fit in
    /// the hint's table word; desktop: a large unzeroed request right below
    /// `top`): None where the search would start. With a constant `n` it
    /// is a few instructions and calls nothing, so a caller can make a
    /// small object with no stack frame and leave the search to a general
    /// path ([`Blocks::alloc`] finds what this found, and more).
    #[inline(always)]
    pub fn alloc_fast<const ZERO: bool>(&mut self, n: usize, finaliser: bool, no_scan: bool) -> Option<NonNull<u8>> {
        // Unzeroed (big-int results, desktop): a large request placed
        // right below `top`, as `alloc_slow` does first, inline.
        #[cfg(all(not(target_os = "none"), target_pointer_width = "64"))]
        if !ZERO && n > SMALL {
            let start = self.top.wrapping_sub(n);
            if start < self.top && start / EPW >= self.down_stop && self.take_in_two_words(start, n) {
                self.thorough = false;
                self.top = start;
                self.large_since_gc += n;
                return Some(self.finish_alloc::<ZERO>(start, n, finaliser, no_scan));
            }
        }
        if n <= SMALL {
            let hint = self.rover[n - 1];
            let i = hint / EPW;
            if i < self.up_end {
                let w = self.aw(i);
                let f = free_bits(w) & !below(hint % EPW);
                // Desktop: a one-block request (the most common one, its
                // size often known only at run time: tuples, list buffers)
                // takes the lowest free entry, whose low bit is its HEAD
                // entry, in code of its own.
                if !cfg!(target_os = "none") && n == 1 {
                    // No free block lies below the hint (runs of one
                    // block are single free blocks), so the free entries
                    // of the whole word need no mask.
                    let f = free_bits(w);
                    debug_assert!(f & below(hint % EPW) == 0, "free block below the hint");
                    if f != 0 {
                        // Even: `f` has only entries' low bits set.
                        let t = f.trailing_zeros();
                        let start = i * EPW + (t / 2) as usize;
                        if start < self.ceiling {
                            self.rover[0] = start + 1;
                            self.small_since_gc += 1;
                            self.set_aw(i, w | (HEAD as usize) << t);
                            return Some(self.finish_alloc::<ZERO>(start, 1, finaliser, false));
                        }
                    }
                    return None;
                }
                // Runs of `n` free entries inside word `i`, from the hint on.
                let m = runs_small(f, n);
                if m != 0 {
                    // The lowest of them is the first fit: no run starts
                    // below the hint, and one starting between the hint
                    // and it would have to fit in this word too.
                    let o = (m.trailing_zeros() / 2) as usize;
                    let start = i * EPW + o;
                    if start + n <= self.ceiling {
                        // No run of `n` starts inside the blocks taken.
                        self.rover[n - 1] = start + n;
                        self.small_since_gc += n;
                        // The run lies inside the word: `o + n <= EPW`.
                        self.set_aw(i, w | (head_run(n) << (2 * o)));
                        return Some(self.finish_alloc::<ZERO>(start, n, finaliser, no_scan));
                    }
                }
            }
        }
        None
    }

    /// Desktop: [`Blocks::alloc`] of exactly `N` blocks (zeroed): the fast
    /// path for a constant size, then the search as a call of its own.
    /// With `N` known, the fast path folds its run and zeroing code (a
    /// size known only at run time pays for both in every allocation).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn alloc_n<const N: usize>(&mut self, finaliser: bool, no_scan: bool) -> Option<NonNull<u8>> {
        if let Some(p) = self.alloc_fast::<true>(N, finaliser, no_scan) {
            return Some(p);
        }
        self.alloc_slow::<true>(N, finaliser, no_scan)
    }

    /// [`Blocks::alloc`] after the fast path: searches the table.
    #[inline(never)]
    fn alloc_slow<const ZERO: bool>(&mut self, n: usize, finaliser: bool, no_scan: bool) -> Option<NonNull<u8>> {
        // Desktop: a small request whose hint's word has no fit (it filled
        // up) most often fits across its end or in the next word: what
        // `scan_up` finds first, without its set-up.
        #[cfg(not(target_os = "none"))]
        if n <= SMALL {
            if let Some(start) = self.next_word_fit(n) {
                self.rover[n - 1] = start + n;
                self.small_since_gc += n;
                self.fill_run(start, n, HEAD);
                return Some(self.finish_alloc::<ZERO>(start, n, finaliser, no_scan));
            }
        }
        // Desktop: a large request whose blocks right below `top` are free
        // and whose entries lie in two table words (what `find_large`
        // finds first), checked and taken as one 128-bit value.
        #[cfg(all(not(target_os = "none"), target_pointer_width = "64"))]
        if n > SMALL {
            let start = self.top.wrapping_sub(n);
            if start < self.top && start / EPW >= self.down_stop && self.take_in_two_words(start, n) {
                self.thorough = false;
                self.top = start;
                self.large_since_gc += n;
                return Some(self.finish_alloc::<ZERO>(start, n, finaliser, no_scan));
            }
        }
        let start = self.find_free(n)?;
        if n <= SMALL {
            // The found run is taken now: the fast path's next try for
            // this size starts just past it.
            self.rover[n - 1] = start + n;
        }
        self.fill_run(start, n, HEAD);
        Some(self.finish_alloc::<ZERO>(start, n, finaliser, no_scan))
    }

    /// The first fit for a small request (`1 <= n <= SMALL`) if it starts
    /// in its hint's table word or the next one and ends below the
    /// ceiling; None (the caller searches on) otherwise, and when word `i`
    /// itself holds a fit (the fast path left it for the ceiling).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn next_word_fit(&self, n: usize) -> Option<usize> {
        let hint = self.rover[n - 1];
        let i = hint / EPW;
        // Both words initialised, neither the lower guard.
        if i + 1 >= self.up_end {
            return None;
        }
        let f = free_bits(self.aw(i)) & !below(hint % EPW);
        if runs_small(f, n) != 0 {
            return None;
        }
        // Free entries at the top of word `i` (from the hint on), then at
        // the bottom of word `i + 1`: a run across the words, else the
        // first run inside word `i + 1`.
        let carry = ((!f & LO).leading_zeros() / 2) as usize;
        let f2 = free_bits(self.aw(i + 1));
        let start = if carry + ((!f2 & LO).trailing_zeros() / 2) as usize >= n {
            (i + 1) * EPW - carry
        } else {
            let m = runs_small(f2, n);
            if m == 0 {
                return None;
            }
            (i + 1) * EPW + (m.trailing_zeros() / 2) as usize
        };
        (start + n <= self.ceiling).then_some(start)
    }

    /// If the entries `start .. start + n` (`n >= 1`, inside the pool,
    /// their table words initialised) lie in at most two table words and
    /// are all free, marks them as a new allocation (a head, then tails)
    /// and returns true; else changes nothing.
    #[cfg(all(not(target_os = "none"), target_pointer_width = "64"))]
    #[inline(always)]
    fn take_in_two_words(&mut self, start: usize, n: usize) -> bool {
        let (i, o) = (start / EPW, start % EPW);
        // In word-sized arithmetic (no 128-bit shifts). FREE entries are
        // zero; the run gets TAIL (0b10) in every entry, HEAD (0b01) in
        // the first.
        if o + n <= EPW {
            let w = self.aw(i);
            let mask = run_mask(o, n);
            if w & mask != 0 {
                return false;
            }
            self.set_aw(i, w | ((mask & !LO) ^ (3usize << (2 * o))));
            return true;
        }
        if o + n > 2 * EPW {
            return false;
        }
        // Entries `o..` of word `i`, then the first `o + n - EPW` (1 to
        // EPW) of word `i + 1` (which then exists).
        let (w0, w1) = (self.aw(i), self.aw(i + 1));
        let (m0, m1) = (!below(o), run_mask(0, o + n - EPW));
        if (w0 & m0) | (w1 & m1) != 0 {
            return false;
        }
        self.set_aw(i, w0 | ((m0 & !LO) ^ (3usize << (2 * o))));
        self.set_aw(i + 1, w1 | (m1 & !LO));
        true
    }

    /// Allocates `n >= 2` blocks with the no-scan bit, zeroing only the
    /// first block (the only one the collector reads): raw memory for a
    /// client that writes before it reads (the compiler's lent pool), so a
    /// big loan costs no memset. None if no run is long enough.
    pub fn alloc_raw_unzeroed(&mut self, n: usize) -> Option<NonNull<u8>> {
        if n < 2 {
            return None;
        }
        let start = self.find_free(n)?;
        self.fill_run(start, n, HEAD);
        self.set_ftb(start + 1, true);
        self.zero(start, 1);
        Some(NonNull::new(self.block_ptr(start)).unwrap_or(self.base))
    }

    /// The table bits of a new allocation are set: its FTB bits, count,
    /// zeroing (of the first block only unless `ZERO`).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn finish_alloc<const ZERO: bool>(&mut self, start: usize, n: usize, finaliser: bool, no_scan: bool) -> NonNull<u8> {
        if finaliser {
            self.set_ftb(start, true);
        }
        if no_scan && n > 1 {
            self.set_ftb(start + 1, true);
        }
        if ZERO {
            self.zero(start, n);
        } else {
            self.zero(start, 1);
            #[cfg(any(test, feature = "gc-stress"))]
            self.poison(start + 1, n - 1);
        }
        // Pool addresses are never null (`base` is not).
        NonNull::new(self.block_ptr(start)).unwrap_or(self.base)
    }

    /// Frees the allocation whose head is `b` (tails included).
    pub fn free_head(&mut self, b: usize) {
        let (i, o) = (b / EPW, b % EPW);
        let w = self.aw(i);
        // The tails right after the head inside its word (entries shifted
        // in past the word's end read as free, which ends the count).
        let t = tail_bits(w >> (2 * o) >> 2);
        let mut n = 1 + ((!t & LO).trailing_zeros() / 2) as usize;
        if !cfg!(target_os = "none") && o + n < EPW && b % FPW != FPW - 1 {
            // Common case (desktop fast path): the allocation ends inside
            // this word (the entry after it is no tail), and its first two
            // FTB bits share a word.
            self.set_aw(i, w & !(below(o + n) & !below(o)));
            let j = b / FPW;
            let bits = if n > 1 { 3 } else { 1 };
            let f = self.fw(j);
            self.set_fw(j, f & !(bits << (b % FPW)));
        } else {
            n = self.alloc_blocks(b);
            self.clear_run(b, n);
            self.set_ftb(b, false);
            if n > 1 {
                self.set_ftb(b + 1, false);
            }
        }
        self.used_base = self.used_base.wrapping_sub(n);
        if b == self.top {
            // Undo the placement step of a large allocation freed at once.
            self.top = b + n;
        }
        self.freed(b, b + n);
    }

    /// Frees the allocation starting at `addr` (ignored unless `addr` is the
    /// start of a live allocation).
    pub fn free(&mut self, addr: usize) {
        if let Some(b) = self.block_of_addr(addr) {
            if addr % BLOCK == 0 && matches!(self.atb(b), HEAD | MARK) {
                self.free_head(b);
            }
        }
    }

    /// Resizes the allocation at head `b` to `bytes` without moving it:
    /// shrinking frees its tail blocks, growing takes the free blocks right
    /// after it (zeroed). False (nothing changed) if they are not free.
    pub fn resize_in_place(&mut self, b: usize, bytes: usize) -> bool {
        self.resize(b, bytes).is_some()
    }

    /// [`Blocks::resize_in_place`], returning the block counts before and
    /// after.
    pub fn resize(&mut self, b: usize, bytes: usize) -> Option<(usize, usize)> {
        let have = self.alloc_blocks(b);
        let want = bytes.div_ceil(BLOCK).max(1);
        if want <= have {
            if want < have {
                self.clear_run(b + want, have - want);
                if want == 1 {
                    // The first tail's no-scan bit goes with it.
                    self.set_ftb(b + 1, false);
                }
                self.used_base = self.used_base.wrapping_sub(have - want);
                self.freed(b + want, b + have);
            }
            return Some((have, want));
        }
        if !self.all_free(b + have, want - have) {
            return None;
        }
        self.fill_run(b + have, want - have, TAIL);
        self.large_since_gc += want - have;
        self.zero(b + have, want - have);
        Some((have, want))
    }

    /// Reads word `i` of block `b` as a plain integer (for the collector).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn word(&self, b: usize, i: usize) -> usize {
        debug_assert!(b < self.n_blocks && i < BLOCK / WORD);
        // SAFETY: the word lies inside block `b` of the pool; blocks are
        // BLOCK-aligned so the read is aligned. It is read as an integer
        // and never used as a reference.
        unsafe { core::ptr::read(self.block_ptr(b).add(i * WORD) as *const usize) }
    }
}

#[path = "blocks_sweep.rs"]
mod sweep;

#[cfg(test)]
#[path = "blocks_tests.rs"]
mod tests;
