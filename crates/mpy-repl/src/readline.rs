//! The line editor (MicroPython's readline): reads keys from the console
//! until Enter, editing a [`LineBuf`], recalling [`History`], completing
//! on Tab.
//!
//! Keys: Left/Right, Home/End, Backspace, Delete, Ctrl-A (home), Ctrl-E
//! (end), Ctrl-B (left), Ctrl-F (right), Ctrl-D (delete), Ctrl-K (kill to
//! end), Ctrl-U (kill to start), Ctrl-W (delete word left), Ctrl-P/Up and
//! Ctrl-N/Down (history), Alt-B/Ctrl-Left and Alt-F/Ctrl-Right (word
//! moves), Alt-D (delete word right), Tab (completion). Enter is `\r`, or
//! `\n` not directly after `\r` (so `\r\n` is one Enter). Without the
//! `interactive` feature there is no history and no Tab completion.

#[cfg(feature = "interactive")]
use crate::complete::{self, Action, Completed};
#[cfg(feature = "interactive")]
use crate::console::move_back;
use crate::console::Console;
#[cfg(feature = "interactive")]
use crate::history::History;
use crate::interp::Interpreter;
use crate::keys::{self, Key, KeyDecoder};
#[cfg(feature = "interactive")]
use crate::line::cols;
use crate::line::target::{CUT, END, NEXT, PREV, START, WORD_LEFT, WORD_RIGHT};
use crate::line::LineBuf;

/// Why [`Editor::read_line`] returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LineEnd {
    /// Enter: the line is in [`Editor::line`].
    Enter,
    /// A control key that ends editing: Ctrl-C always; Ctrl-A, Ctrl-B,
    /// Ctrl-E on an empty line when `specials` was asked for; Ctrl-D on an
    /// empty (or, on a continuation line, blank) line.
    Ctrl(u8),
    /// The console input ended.
    Eof,
}

// What a control key does: one byte per key code (`keys`), the kind in
// the high nibble, a `line::target` code (with `CUT`) in the low one.
/// Always [`LineBuf::edit`].
const EDIT: u8 = 0x00;
/// Ends editing on an empty first line (Ctrl-A/B/E), else edits.
const SPECIAL: u8 = 0x10;
/// Ctrl-D: ends editing on an empty (continuation: blank) line, else edits.
const EOT: u8 = 0x20;
/// Ctrl-C: always ends editing.
const INTERRUPT: u8 = 0x30;
/// Enter.
const ENTER: u8 = 0x40;
/// Tab: completion.
#[cfg(feature = "interactive")]
const TAB: u8 = 0x50;
/// History: low bit 1 for an older entry, 0 for a newer one.
#[cfg(feature = "interactive")]
const HISTORY: u8 = 0x60;
/// Does nothing.
const NONE: u8 = 0xf0;

/// The action of each key code ([`keys::CODES`]; DEL 0x7f is read as 0x08).
const ACTIONS: [u8; keys::CODES] = {
    let mut t = [NONE; keys::CODES];
    t[0x01] = SPECIAL | START;
    t[0x02] = SPECIAL | PREV;
    t[0x03] = INTERRUPT;
    t[0x04] = EOT | NEXT | CUT;
    // (Paste mode needs the compiler.)
    t[0x05] = if cfg!(feature = "interactive") { SPECIAL | END } else { EDIT | END };
    t[0x06] = EDIT | NEXT;
    t[0x08] = EDIT | PREV | CUT;
    t[0x0a] = ENTER;
    t[0x0b] = EDIT | END | CUT;
    t[0x0d] = ENTER;
    t[0x15] = EDIT | START | CUT;
    t[0x17] = EDIT | WORD_LEFT | CUT;
    #[cfg(feature = "interactive")]
    {
        t[0x09] = TAB;
        t[0x0e] = HISTORY;
        t[0x10] = HISTORY | 1;
        t[keys::UP as usize] = HISTORY | 1;
        t[keys::DOWN as usize] = HISTORY;
    }
    t[keys::RIGHT as usize] = EDIT | NEXT;
    t[keys::LEFT as usize] = EDIT | PREV;
    t[keys::HOME as usize] = EDIT | START;
    t[keys::END as usize] = EDIT | END;
    t[keys::DELETE as usize] = EDIT | NEXT | CUT;
    t[keys::WORD_RIGHT as usize] = EDIT | WORD_RIGHT;
    t[keys::WORD_LEFT as usize] = EDIT | WORD_LEFT;
    t[keys::DELETE_WORD_RIGHT as usize] = EDIT | WORD_RIGHT | CUT;
    t
};

/// True when `s` is only spaces (or empty).
fn blank(s: &[u8]) -> bool {
    s.iter().all(|&c| c == b' ')
}

/// The editor: the current line of up to `L` bytes, `H` bytes of history
/// (with the `interactive` feature) and the decoding state.
///
/// `repr(C)`: the word-aligned buffers first and the byte fields last, so
/// building one is a plain word-wise clear (by default the fields were
/// reordered and built through a temporary copied byte by byte: ~1,000
/// instructions of a board's boot).
#[derive(Clone, Debug)]
#[repr(C)]
pub struct Editor<const L: usize, const H: usize> {
    /// The line being (or last) edited.
    pub line: LineBuf<L>,
    /// Entered lines, newest first.
    #[cfg(feature = "interactive")]
    pub history: History<H>,
    decoder: KeyDecoder,
    last_cr: bool,
    utf8: [u8; 4],
    utf8_len: usize,
    utf8_need: usize,
}

impl<const L: usize, const H: usize> Default for Editor<L, H> {
    fn default() -> Self {
        Editor::new()
    }
}

impl<const L: usize, const H: usize> Editor<L, H> {
    /// An editor with an empty line and history.
    pub const fn new() -> Editor<L, H> {
        Editor {
            line: LineBuf::new(),
            #[cfg(feature = "interactive")]
            history: History::new(),
            decoder: KeyDecoder::new(),
            last_cr: false,
            utf8: [0; 4],
            utf8_len: 0,
            utf8_need: 0,
        }
    }

    /// Reads one byte, dropping a `\n` that directly follows a `\r`.
    /// Returns `None` at end of input.
    pub fn read_byte(&mut self, con: &mut dyn Console) -> Option<u8> {
        loop {
            let c = con.read_byte()?;
            let after_cr = self.last_cr;
            self.last_cr = c == b'\r';
            if c == b'\n' && after_cr {
                continue;
            }
            return Some(c);
        }
    }

    /// Feeds one byte of a UTF-8 character (ASCII is a character of one
    /// byte: one path for both); inserts the character once it is
    /// complete and valid. Malformed bytes are dropped.
    fn utf8_byte(&mut self, con: &mut dyn Console, b: u8) {
        if b & 0xc0 != 0x80 {
            // Not a continuation byte: a character of 1-4 bytes starts
            // (0: a byte that starts none).
            let n = b.leading_ones() as usize;
            self.utf8_need = match n {
                0 => 1,
                2..=4 => n,
                _ => 0,
            };
            self.utf8_len = 0;
        }
        let len = self.utf8_len;
        let Some(slot) = self.utf8.get_mut(len).filter(|_| len < self.utf8_need) else { return };
        *slot = b;
        self.utf8_len = len + 1;
        if len + 1 == self.utf8_need {
            // Complete: later continuation bytes are stray.
            self.utf8_need = 0;
            let ch = self.utf8;
            if let Some(ch) = ch.get(..=len).filter(|c| mpy_bytecode::utf8::valid(c)) {
                self.line.insert(con, ch);
            }
        }
    }

    /// Writes `prompt` and `initial` (e.g. auto-indent spaces), then edits
    /// until Enter or an ending control key. `specials`: Ctrl-A/B/E on an
    /// empty line end editing (the first line of a statement) instead of
    /// moving the cursor (Ctrl-E only with `interactive`, for paste mode).
    /// `interp` completes names on Tab (with `interactive`).
    pub fn read_line(
        &mut self,
        con: &mut dyn Console,
        interp: &mut dyn Interpreter,
        prompt: &[u8],
        initial: &[u8],
        specials: bool,
    ) -> LineEnd {
        con.write(prompt);
        self.line.clear();
        self.line.insert(con, initial);
        self.decoder.reset();
        self.utf8_need = 0;
        // History entries recalled so far (0: the line being typed).
        #[cfg(feature = "interactive")]
        let mut hist: usize = 0;
        #[cfg(not(feature = "interactive"))]
        let _ = interp;
        loop {
            let Some(c) = self.read_byte(con) else {
                return LineEnd::Eof;
            };
            let c = match self.decoder.feed(c) {
                None => continue,
                Some(Key::Char(b)) => {
                    self.utf8_byte(con, b);
                    continue;
                }
                Some(Key::Ctrl(c)) => c,
            };
            let k = if c == 0x7f { 0x08 } else { c };
            let a = ACTIONS.get(usize::from(k)).copied().unwrap_or(NONE);
            let empty = self.line.is_empty();
            let ends = match a & 0xf0 {
                EDIT => false,
                SPECIAL => specials && empty,
                EOT => empty || (!specials && blank(self.line.text())),
                INTERRUPT => true,
                ENTER => {
                    con.write(b"\r\n");
                    #[cfg(feature = "interactive")]
                    {
                        let t = self.line.text();
                        if !blank(t) {
                            self.history.push(t);
                        }
                    }
                    return LineEnd::Enter;
                }
                #[cfg(feature = "interactive")]
                TAB => {
                    self.tab(con, interp, prompt);
                    continue;
                }
                #[cfg(feature = "interactive")]
                HISTORY => {
                    let want = if a & 1 != 0 {
                        hist + 1
                    } else if hist > 0 {
                        hist - 1
                    } else {
                        continue;
                    };
                    // (The entry is borrowed from `history` while `line`
                    // changes: no copy through a stack buffer.)
                    let entry = if want == 0 { Some(&b""[..]) } else { self.history.get(want - 1) };
                    if let Some(e) = entry {
                        self.line.replace(con, e);
                        hist = want;
                    }
                    continue;
                }
                _ => continue,
            };
            if ends {
                return LineEnd::Ctrl(c);
            }
            self.line.edit(con, a & 0x0f);
        }
    }

    #[cfg(feature = "interactive")]
    fn tab(&mut self, con: &mut dyn Console, interp: &mut dyn Interpreter, prompt: &[u8]) {
        let mut buf = [0u8; 128];
        let result = match complete::analyse(self.line.before_cursor()) {
            Action::Nothing => return,
            Action::Indent => {
                self.line.insert(con, b"    ");
                return;
            }
            Action::Complete { scope, prefix, line_start } => {
                complete::complete(con, interp, scope, prefix, line_start, &mut buf)
            }
        };
        match result {
            Completed::Insert(s) => {
                if !s.is_empty() && mpy_bytecode::utf8::valid(s) {
                    self.line.insert(con, s);
                }
            }
            Completed::Listed => {
                con.write(prompt);
                con.write(self.line.text());
                move_back(con, cols(self.line.after_cursor()));
            }
        }
    }
}
