//! A fixed-size byte ring buffer: the console's receive queue, filled by
//! the UART's receive interrupt and drained by the REPL and `stdin`.
//!
//! Safe code only: the board shares one [`Ring`] between the interrupt and
//! the main program through a critical section (see `console`).

/// A byte FIFO of capacity `N - 1` (one slot tells full from empty).
pub struct Ring<const N: usize> {
    buf: [u8; N],
    /// Next byte to read.
    head: usize,
    /// Next slot to write.
    tail: usize,
    /// Bytes dropped because the ring was full (MicroPython drops them too).
    pub overruns: usize,
}

impl<const N: usize> Ring<N> {
    /// An empty ring.
    pub const fn new() -> Ring<N> {
        Ring { buf: [0; N], head: 0, tail: 0, overruns: 0 }
    }

    /// Appends `b`; when full the byte is dropped and counted in
    /// [`Ring::overruns`]. Returns whether it was stored.
    pub fn push(&mut self, b: u8) -> bool {
        let next = (self.tail + 1) % N;
        if next == self.head {
            self.overruns += 1;
            return false;
        }
        if let Some(slot) = self.buf.get_mut(self.tail) {
            *slot = b;
        }
        self.tail = next;
        true
    }

    /// Removes and returns the oldest byte.
    pub fn pop(&mut self) -> Option<u8> {
        if self.head == self.tail {
            return None;
        }
        let b = self.buf.get(self.head).copied();
        self.head = (self.head + 1) % N;
        b
    }

    /// Bytes waiting.
    pub fn len(&self) -> usize {
        (self.tail + N - self.head) % N
    }

    /// True when no byte is waiting.
    pub fn is_empty(&self) -> bool {
        self.head == self.tail
    }

    /// Drops every waiting byte.
    pub fn clear(&mut self) {
        self.head = self.tail;
    }
}

impl<const N: usize> Default for Ring<N> {
    fn default() -> Self {
        Ring::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Ring;

    #[test]
    fn fifo_order_and_wrap() {
        let mut r: Ring<4> = Ring::new();
        assert!(r.is_empty());
        for round in 0..5u8 {
            assert!(r.push(round));
            assert!(r.push(round + 100));
            assert_eq!(r.len(), 2);
            assert_eq!(r.pop(), Some(round));
            assert_eq!(r.pop(), Some(round + 100));
            assert_eq!(r.pop(), None);
        }
    }

    #[test]
    fn full_ring_drops_and_counts() {
        let mut r: Ring<4> = Ring::new();
        assert!(r.push(1) && r.push(2) && r.push(3));
        assert!(!r.push(4));
        assert_eq!(r.overruns, 1);
        assert_eq!(r.len(), 3);
        r.clear();
        assert!(r.is_empty());
        assert!(r.push(5));
        assert_eq!(r.pop(), Some(5));
    }
}
