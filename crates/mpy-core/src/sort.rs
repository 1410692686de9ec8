//! A small in-place heapsort for the runtime's internal sorts (leader
//! offsets in the verifier, names for `help('modules')` and completion):
//! O(n log n) worst case, no allocation, and one short loop per use instead
//! of `core`'s pattern-defeating quicksort (about 1.5 KiB of flash for each
//! element type and comparison). Not stable; `list.sort` has its own.

/// Sorts `v` ascending by `less` (a strict weak order; any other order
/// leaves `v` permuted, never panics).
pub fn heapsort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    // Indices n + n/2 - 1 down to n build the max-heap (sifting node i - n);
    // n - 1 down to 1 move the maximum behind the shrinking heap.
    for i in (0..n + n / 2).rev() {
        let (mut node, end) = if i >= n {
            (i - n, n)
        } else {
            v.swap(0, i);
            (0, i)
        };
        loop {
            let mut child = 2 * node + 1;
            if child >= end {
                break;
            }
            if child + 1 < end && less(&v[child], &v[child + 1]) {
                child += 1;
            }
            if !less(&v[node], &v[child]) {
                break;
            }
            v.swap(node, child);
            node = child;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::heapsort_by;
    use alloc::vec::Vec;

    #[test]
    fn sorts_like_sort_unstable() {
        let mut seed = 12345u32;
        for n in 0..70 {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16) % 17
                })
                .collect();
            let mut w = v.clone();
            heapsort_by(&mut v, |a, b| a < b);
            w.sort_unstable();
            assert_eq!(v, w);
        }
    }

    #[test]
    fn bad_order_does_not_panic() {
        let mut v: Vec<u32> = (0..50).collect();
        heapsort_by(&mut v, |_, _| true);
        assert_eq!(v.len(), 50);
    }
}
