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
use crate::console::Console;
#[cfg(feature = "interactive")]
use crate::console::move_back;
#[cfg(feature = "interactive")]
use crate::history::History;
use crate::interp::Interpreter;
use crate::keys::{Key, KeyDecoder};
#[cfg(feature = "interactive")]
use crate::line::cols;
use crate::line::{LineBuf, Target};

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

    /// Feeds one byte of a UTF-8 character; inserts the character once it
    /// is complete and valid. Malformed bytes are dropped.
    fn utf8_byte(&mut self, con: &mut dyn Console, b: u8) {
        if b < 0x80 {
            self.utf8_len = 0;
            self.line.insert(con, &[b]);
        } else if b >= 0xc0 {
            self.utf8_need = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => 0,
            };
            self.utf8[0] = b;
            self.utf8_len = usize::from(self.utf8_need > 0);
        } else if self.utf8_len > 0 && self.utf8_len < self.utf8_need {
            self.utf8[self.utf8_len] = b;
            self.utf8_len += 1;
            if self.utf8_len == self.utf8_need {
                let ch = self.utf8;
                let n = self.utf8_len;
                self.utf8_len = 0;
                if mpy_bytecode::utf8::valid(&ch[..n]) {
                    self.line.insert(con, &ch[..n]);
                }
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
        self.utf8_len = 0;
        #[cfg(feature = "interactive")]
        let mut hist: Option<usize> = None;
        #[cfg(not(feature = "interactive"))]
        let _ = interp;
        loop {
            let Some(c) = self.read_byte(con) else { return LineEnd::Eof };
            let Some(key) = self.decoder.feed(c) else { continue };
            let empty = self.line.is_empty();
            // Cursor and deletion keys: where to, and whether to delete.
            let (to, cut) = match key {
                Key::Char(b) => {
                    self.utf8_byte(con, b);
                    continue;
                }
                Key::Ctrl(b'\r') | Key::Ctrl(b'\n') => {
                    con.write(b"\r\n");
                    #[cfg(feature = "interactive")]
                    {
                        let t = self.line.text();
                        if !t.iter().all(|&c| c == b' ') {
                            self.history.push(t);
                        }
                    }
                    return LineEnd::Enter;
                }
                #[cfg(feature = "interactive")]
                Key::Ctrl(c @ (0x01 | 0x02 | 0x05)) if specials && empty => return LineEnd::Ctrl(c),
                #[cfg(not(feature = "interactive"))]
                Key::Ctrl(c @ (0x01 | 0x02)) if specials && empty => return LineEnd::Ctrl(c),
                Key::Ctrl(0x03) => return LineEnd::Ctrl(0x03),
                Key::Ctrl(0x04) => {
                    let blank = self.line.text().iter().all(|&c| c == b' ');
                    if empty || (!specials && blank) {
                        return LineEnd::Ctrl(0x04);
                    }
                    (Target::Next, true)
                }
                Key::Ctrl(0x01) | Key::Home => (Target::Start, false),
                Key::Ctrl(0x05) | Key::End => (Target::End, false),
                Key::Ctrl(0x02) | Key::Left => (Target::Prev, false),
                Key::Ctrl(0x06) | Key::Right => (Target::Next, false),
                Key::Ctrl(0x08) | Key::Ctrl(0x7f) => (Target::Prev, true),
                Key::Delete => (Target::Next, true),
                Key::Ctrl(0x0b) => (Target::End, true),
                Key::Ctrl(0x15) => (Target::Start, true),
                Key::Ctrl(0x17) => (Target::WordLeft, true),
                Key::WordLeft => (Target::WordLeft, false),
                Key::WordRight => (Target::WordRight, false),
                Key::DeleteWordRight => (Target::WordRight, true),
                #[cfg(feature = "interactive")]
                Key::Ctrl(0x09) => {
                    self.tab(con, interp, prompt);
                    continue;
                }
                #[cfg(feature = "interactive")]
                Key::Ctrl(0x10) | Key::Up => {
                    let next = hist.map_or(0, |h| h + 1);
                    // (The entry is borrowed from `history` while `line`
                    // changes: no copy through a stack buffer.)
                    if let Some(entry) = self.history.get(next) {
                        self.line.replace(con, entry);
                        hist = Some(next);
                    }
                    continue;
                }
                #[cfg(feature = "interactive")]
                Key::Ctrl(0x0e) | Key::Down => {
                    match hist {
                        Some(0) => {
                            self.line.replace(con, b"");
                            hist = None;
                        }
                        Some(h) => {
                            if let Some(entry) = self.history.get(h - 1) {
                                self.line.replace(con, entry);
                            }
                            hist = Some(h - 1);
                        }
                        None => {}
                    }
                    continue;
                }
                _ => continue,
            };
            self.line.edit(con, to, cut);
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
