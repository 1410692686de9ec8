//! The friendly REPL (`>>> `, `... `) and paste mode (Ctrl-E); without
//! the `interactive` feature, one line per command and no paste mode.

#[cfg(feature = "interactive")]
use crate::cont::auto_indent;
use crate::interp::{ExecMode, Interpreter};
use crate::pyexec::{exec, Flow};
use crate::readline::LineEnd;
use crate::src_buf::SrcBuf;
use crate::{Console, Mode, Repl};

#[cfg(feature = "interactive")]
const SPACES: [u8; 64] = [b' '; 64];

/// Writes the banner: the interpreter's first line, then the help hint.
pub(crate) fn banner(con: &mut dyn Console, interp: &mut dyn Interpreter) {
    con.write(interp.banner().as_bytes());
    con.write(b"\r\nType \"help()\" for more information.\r\n");
}

impl<const L: usize, const H: usize> Repl<L, H> {
    /// Runs the friendly REPL until it switches mode, resets, quits or
    /// input ends.
    #[cfg_attr(not(feature = "interactive"), allow(unused_labels))]
    pub(crate) fn friendly(&mut self, con: &mut dyn Console, interp: &mut dyn Interpreter) -> Flow {
        banner(con, interp);
        'input: loop {
            match self.editor.read_line(con, interp, b">>> ", b"", true) {
                LineEnd::Eof => return Flow::Eof,
                LineEnd::Enter => {}
                LineEnd::Ctrl(0x01) => {
                    con.write(b"\r\n");
                    self.mode = Mode::Raw;
                    return Flow::Switch;
                }
                LineEnd::Ctrl(0x02) => {
                    con.write(b"\r\n");
                    banner(con, interp);
                    continue;
                }
                LineEnd::Ctrl(0x04) => {
                    con.write(b"\r\n");
                    return if self.quit_allowed { Flow::Quit(0) } else { Flow::SoftReset };
                }
                #[cfg(feature = "interactive")]
                LineEnd::Ctrl(0x05) => match self.paste(con, interp) {
                    Flow::Continue => continue,
                    f => return f,
                },
                LineEnd::Ctrl(_) => {
                    // Ctrl-C: a new prompt.
                    con.write(b"\r\n");
                    continue;
                }
            }
            let mut src = SrcBuf::new();
            src.push(self.editor.line.text());
            if src.is_empty() {
                continue;
            }
            #[cfg(feature = "interactive")]
            while !src.overflow && interp.is_incomplete(&src.bytes) {
                src.push(b"\n");
                let indent = auto_indent(&src.bytes).min(SPACES.len());
                match self.editor.read_line(con, interp, b"... ", &SPACES[..indent], false) {
                    LineEnd::Enter => src.push(self.editor.line.text()),
                    LineEnd::Eof => return Flow::Eof,
                    LineEnd::Ctrl(0x03) => {
                        con.write(b"\r\n");
                        continue 'input;
                    }
                    LineEnd::Ctrl(0x04) => {
                        con.write(b"\r\n");
                        break;
                    }
                    LineEnd::Ctrl(_) => {}
                }
            }
            match exec(con, interp, &src, ExecMode::Single, false, self.quit_allowed) {
                Flow::Continue => {}
                f => return f,
            }
        }
    }

    #[cfg(feature = "interactive")]
    /// Paste mode: echoes what arrives (`\r` as `\r\n=== `), Ctrl-C
    /// cancels, Ctrl-D runs the text as a file.
    fn paste(&mut self, con: &mut dyn Console, interp: &mut dyn Interpreter) -> Flow {
        con.write(b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
        let mut src = SrcBuf::new();
        loop {
            let Some(c) = con.read_byte() else { return Flow::Eof };
            match c {
                0x03 => {
                    con.write(b"\r\n");
                    return Flow::Continue;
                }
                0x04 => {
                    con.write(b"\r\n");
                    return exec(con, interp, &src, ExecMode::File, false, self.quit_allowed);
                }
                b'\r' => {
                    src.push(b"\n");
                    con.write(b"\r\n=== ");
                }
                c => {
                    src.push(&[c]);
                    con.write(&[c]);
                }
            }
        }
    }
}
