//! Turns console bytes into editing keys: control characters, VT100
//! escape sequences (`ESC [ …`, `ESC O …`) and Alt combinations
//! (`ESC b`). Unknown or malformed sequences are swallowed whole.

/// One decoded key.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    /// A byte to insert (printable ASCII or part of a UTF-8 character).
    Char(u8),
    /// A control character (0x00-0x1f, 0x7f) not part of a sequence, or
    /// one of the key codes below (0x20-0x2a) for a sequence: one byte
    /// per key, so the editor finds every key's action in one table.
    Ctrl(u8),
}

/// Cursor up (`ESC [ A`).
pub const UP: u8 = 0x20;
/// Cursor down.
pub const DOWN: u8 = 0x21;
/// Cursor right.
pub const RIGHT: u8 = 0x22;
/// Cursor left.
pub const LEFT: u8 = 0x23;
/// Home (`ESC [ H`, `ESC [ 1 ~`, `ESC [ 7 ~`, `ESC O H`).
pub const HOME: u8 = 0x24;
/// End (`ESC [ F`, `ESC [ 4 ~`, `ESC [ 8 ~`, `ESC O F`).
pub const END: u8 = 0x25;
/// Delete the character under the cursor (`ESC [ 3 ~`).
pub const DELETE: u8 = 0x26;
/// One word right (Ctrl-Right `ESC [ 1 ; 5 C`, Alt-F).
pub const WORD_RIGHT: u8 = 0x27;
/// One word left (Ctrl-Left `ESC [ 1 ; 5 D`, Alt-B).
pub const WORD_LEFT: u8 = 0x28;
/// Delete the word after the cursor (Alt-D).
pub const DELETE_WORD_RIGHT: u8 = 0x29;
/// A sequence that means nothing here.
pub const IGNORED: u8 = 0x2a;
/// One more than the highest key code.
pub const CODES: usize = 0x2b;

/// The final bytes `A B C D H F` of `ESC [ ...`/`ESC O ...`, in key code
/// order from [`UP`].
const FINALS: &[u8; 6] = b"ABCDHF";

/// `ESC [ n ~` for n = 0..=8.
const TILDE: [u8; 9] = [IGNORED, HOME, IGNORED, DELETE, END, IGNORED, IGNORED, HOME, END];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Normal,
    /// After ESC.
    Esc,
    /// After `ESC [`, collecting parameters.
    Csi,
    /// After `ESC O`.
    Ss3,
}

/// The decoder state (a few bytes, kept across calls).
#[derive(Clone, Debug)]
pub struct KeyDecoder {
    state: State,
    /// Numeric parameters of a CSI sequence (first two; more are ignored;
    /// both 0 for `ESC O`).
    params: [u16; 2],
    /// The parameter the digits go to.
    at: usize,
}

impl Default for KeyDecoder {
    fn default() -> Self {
        KeyDecoder::new()
    }
}

impl KeyDecoder {
    /// A decoder in its initial state.
    pub const fn new() -> KeyDecoder {
        KeyDecoder { state: State::Normal, params: [0; 2], at: 0 }
    }

    /// Forgets a partly received sequence.
    pub fn reset(&mut self) {
        *self = KeyDecoder::new();
    }

    /// Feeds one byte; returns the key it completes, if any.
    pub fn feed(&mut self, c: u8) -> Option<Key> {
        let st = self.state;
        if c < 0x20 || c == 0x7f {
            // ESC starts a sequence (a new one inside a sequence, which
            // then means nothing) except right after `ESC O`; any other
            // control byte ends a sequence and still counts (so Ctrl-C
            // always gets through).
            if c == 0x1b && st != State::Ss3 {
                self.state = State::Esc;
                return (st != State::Normal).then_some(Key::Ctrl(IGNORED));
            }
            self.state = State::Normal;
            return Some(Key::Ctrl(c));
        }
        match st {
            State::Normal => return Some(Key::Char(c)),
            State::Esc => {
                return match c {
                    b'[' | b'O' => {
                        self.state = if c == b'[' { State::Csi } else { State::Ss3 };
                        self.params = [0; 2];
                        self.at = 0;
                        None
                    }
                    _ => self.done(match c | 0x20 {
                        b'b' => WORD_LEFT,
                        b'f' => WORD_RIGHT,
                        b'd' => DELETE_WORD_RIGHT,
                        _ => IGNORED,
                    }),
                };
            }
            State::Ss3 => {}
            State::Csi => {
                if c.is_ascii_digit() {
                    if let Some(p) = self.params.get_mut(self.at) {
                        *p = p.saturating_mul(10).saturating_add(u16::from(c - b'0'));
                    }
                    return None;
                }
                if c == b';' {
                    self.at = self.at.saturating_add(1);
                    return None;
                }
                if !(0x40..=0x7e).contains(&c) {
                    // Intermediate bytes: keep collecting.
                    return None;
                }
            }
        }
        // The final byte of `ESC [ ...` or `ESC O`.
        let params = self.params;
        let key = if c == b'~' && st == State::Csi {
            TILDE.get(usize::from(params[0])).copied().unwrap_or(IGNORED)
        } else {
            match FINALS.iter().position(|&f| f == c) {
                // Ctrl-Right/Left (modifier 5, or Alt 3): word moves.
                Some(i @ 2..=3) if matches!(params[1], 3 | 5) => WORD_RIGHT + i as u8 - 2,
                // (`i < 6`: no truncation.)
                Some(i) => UP + i as u8,
                None => IGNORED,
            }
        };
        self.done(key)
    }

    /// Ends the sequence with `key`.
    fn done(&mut self, key: u8) -> Option<Key> {
        self.state = State::Normal;
        Some(Key::Ctrl(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> [Option<Key>; 8] {
        let mut d = KeyDecoder::new();
        let mut out = [None; 8];
        let mut n = 0;
        for &b in bytes {
            if let Some(k) = d.feed(b) {
                out[n] = Some(k);
                n += 1;
            }
        }
        out
    }

    #[test]
    fn sequences() {
        assert_eq!(keys(b"a\x1b[D")[..2], [Some(Key::Char(b'a')), Some(Key::Ctrl(LEFT))]);
        assert_eq!(keys(b"\x1b[1;5C\x1b[1;5D")[..2], [Some(Key::Ctrl(WORD_RIGHT)), Some(Key::Ctrl(WORD_LEFT))]);
        assert_eq!(
            keys(b"\x1b[3~\x1b[1~\x1b[4~")[..3],
            [Some(Key::Ctrl(DELETE)), Some(Key::Ctrl(HOME)), Some(Key::Ctrl(END))]
        );
        assert_eq!(
            keys(b"\x1bb\x1bf\x1bd")[..3],
            [Some(Key::Ctrl(WORD_LEFT)), Some(Key::Ctrl(WORD_RIGHT)), Some(Key::Ctrl(DELETE_WORD_RIGHT))]
        );
        assert_eq!(keys(b"\x1bOH\x1bOF")[..2], [Some(Key::Ctrl(HOME)), Some(Key::Ctrl(END))]);
        assert_eq!(keys(b"\x03")[0], Some(Key::Ctrl(3)));
        assert_eq!(keys(b"\x1b[99999999999;77777777x")[..2], [Some(Key::Ctrl(IGNORED)), None]);
        assert_eq!(keys(b"\x1b[\x03x")[..2], [Some(Key::Ctrl(3)), Some(Key::Char(b'x'))]);
        assert_eq!(keys(b"\x1b\x03")[..1], [Some(Key::Ctrl(3))]);
        assert_eq!(keys(b"\x1bO\x03")[..1], [Some(Key::Ctrl(3))]);
    }
}
