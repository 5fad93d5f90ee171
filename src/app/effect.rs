//! What `update` asks of the world outside the state: the clipboard, another program, the
//! mouse. `update` returns one of these; the terminal module does it (no I/O in `update`).

/// Another program the cable's text can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `$PAGER`, else `less`.
    Pager,
    /// `$VISUAL`, else `$EDITOR`, else `vi`.
    Editor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put the text on the clipboard (the terminal writes OSC 52, which works over ssh and
    /// in tmux).
    Copy(String),
    /// Hand the terminal over to a program showing the text, and take it back after.
    Show { program: Program, text: String },
    /// Capture the mouse (wheel and clicks reach the reader), or release it so the
    /// terminal's own selection works.
    CaptureMouse(bool),
}
