//! The collector's side of the block allocator: finding the objects to
//! finalise and the marked ones to rescan, and the sweep (a child module
//! of [`super`], so it works on the tables directly).

use super::{compress, head_bits, mark_bits, tail_bits, top_entry, used_bits, below, Blocks, EPW, FPW, HEAD, LO, ROVERS};

impl Blocks {
    /// The first block at or after `from` that is an unmarked head with
    /// the finaliser bit (after marking: an unreachable object to
    /// finalise).
    pub fn next_unmarked_final(&self, from: usize) -> Option<usize> {
        let mut j = from / FPW;
        if j >= self.ftb_words {
            return None;
        }
        let mut x = if self.word_in_gap(2 * j) { 0 } else { self.fw(j) & !((1usize << (from % FPW)) - 1) };
        loop {
            while x != 0 {
                let b = j * FPW + x.trailing_zeros() as usize;
                x &= x - 1;
                if b < self.n_blocks && self.entry(b) == HEAD {
                    return Some(b);
                }
            }
            j += 1;
            if self.word_in_gap(2 * j) {
                // FTB word `j` belongs to table words `2j, 2j + 1` (`lo`
                // and `hi` are even).
                j = self.hi / 2;
            }
            if j >= self.ftb_words {
                return None;
            }
            x = self.fw(j);
        }
    }

    /// The first marked head at or after `from` (the collector's rescan
    /// after its mark stack overflowed).
    pub fn next_marked(&self, from: usize) -> Option<usize> {
        if from >= self.n_blocks {
            return None;
        }
        let mut i = from / EPW;
        let mut m = if self.word_in_gap(i) { 0 } else { mark_bits(self.aw(i)) & !below(from % EPW) };
        loop {
            if m != 0 {
                let b = i * EPW + (m.trailing_zeros() / 2) as usize;
                return (b < self.n_blocks).then_some(b);
            }
            i += 1;
            if self.word_in_gap(i) {
                i = self.hi;
            }
            if i >= self.atb_words {
                return None;
            }
            m = mark_bits(self.aw(i));
        }
    }

    /// Frees every allocation whose head is not marked and unmarks the
    /// rest, a table word at a time; then recounts the blocks in use and
    /// resets the search hints.
    pub fn sweep(&mut self) {
        // Sentinels become MARK, so they survive as HEAD (not counted).
        let last = self.atb_words - 1;
        let s = self.sentinel_bits();
        let w = self.aw(last);
        self.set_aw(last, w | s | (s << 1));
        let mut used = 0;
        let mut first_free = usize::MAX;
        // Is the allocation that reaches the start of the next word dead?
        let mut dead_carry = false;
        // The gap holds no allocations (and its lower guard, a free
        // word, ends any allocation before it): skip it.
        for (from, to) in [(0, self.lo), (self.hi, self.atb_words)] {
            for i in from..to {
                let w = self.aw(i);
                if w == 0 {
                    dead_carry = false;
                    if first_free == usize::MAX {
                        first_free = i * EPW;
                    }
                    continue;
                }
                let heads = head_bits(w);
                let marks = mark_bits(w);
                let tails = tail_bits(w);
                let starts = !tails & LO;
                let mut dead_tails = 0;
                if tails != 0 {
                    // The tails of a dead allocation are the run of tails
                    // right after a dead (unmarked) head, or at the word's
                    // start when the allocation reaching it is dead. With
                    // each tail entry as `11`, adding 1 at the low bit of
                    // a run's first entry clears the run: the carry stops
                    // at the entry after it (no tail: `00`), or leaves the
                    // word.
                    let t2 = tails | (tails << 1);
                    let d = ((heads << 2) | dead_carry as usize) & tails;
                    dead_tails = tails & !t2.wrapping_add(d);
                }
                if starts != 0 {
                    dead_carry = (heads >> (2 * top_entry(starts))) & 1 != 0;
                }
                let new = marks | ((tails & !dead_tails) << 1);
                if new != w {
                    self.set_aw(i, new);
                    let freed = used_bits(w) & !used_bits(new);
                    if freed != 0 {
                        // Clear the FTB bits of freed blocks (first tails'
                        // no-scan bits; finaliser bits are already clear).
                        let j = i / 2;
                        let sh = (i % 2) * EPW;
                        let f = self.fw(j);
                        if (f >> sh) & (usize::MAX >> (usize::BITS - EPW as u32)) != 0 {
                            self.set_fw(j, f & !(compress(freed) << sh));
                        }
                    }
                }
                let u = used_bits(new);
                used += u.count_ones() as usize;
                if first_free == usize::MAX && u != LO {
                    first_free = i * EPW + ((!u & LO).trailing_zeros() / 2) as usize;
                }
            }
        }
        self.used_base = used - (s.count_ones() as usize);
        self.set_first_free(first_free);
    }

    /// Resets the search hints and the counts since the last collection
    /// (after a sweep, once `used_base` is recounted):
    /// `b` is the first free block.
    pub fn set_first_free(&mut self, b: usize) {
        self.rover = [b.min(self.n_blocks); ROVERS];
        #[cfg(not(target_os = "none"))]
        {
            self.skip = [(0, 0); ROVERS];
        }
        self.top = self.n_blocks;
        // The counts since the last collection start again (`used_base`
        // holds every block in use).
        self.small_since_gc = 0;
        self.large_since_gc = 0;
        self.thorough = true;
        self.thorough_at = 0;
        self.ceiling = (self.n_blocks / 2).max(2 * self.used_base).min(self.n_blocks);
    }
}
