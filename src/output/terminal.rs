//! What a person's terminal allows.

/// What a person's terminal allows, decided once at the command line's
/// edge (see `cli`): whether standard output is one, how wide it is, and
/// whether to colour. Held for the process because every list shares it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Terminal {
    /// Standard output is a terminal (or `QIANQI_TERM_WIDTH` says to act as if).
    pub(crate) is_tty: bool,
    /// Columns to fit tables into; None leaves tables as wide as they are.
    pub(crate) width: Option<u16>,
    /// Colour overdue tickets, figures that differ and refusals.
    pub(crate) color: bool,
}

static TERMINAL: std::sync::OnceLock<Terminal> = std::sync::OnceLock::new();

/// Sets the terminal's properties; the first call wins.
pub(crate) fn set_terminal(t: Terminal) {
    let _ = TERMINAL.set(t);
}

pub(crate) fn terminal() -> Terminal {
    let mut t = TERMINAL.get().copied().unwrap_or_default();
    if INTO_FILE.get() {
        t.color = false;
        t.width = None;
    }
    t
}

thread_local! {
    /// Set while output goes to a file given with `--output`, which is no terminal.
    static INTO_FILE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, which writes into a file rather than onto the terminal: no
/// colour, and tables as wide as they are.
pub(crate) fn into_file<R>(f: impl FnOnce() -> R) -> R {
    let before = INTO_FILE.replace(true);
    let r = f();
    INTO_FILE.set(before);
    r
}

/// A line a reader must not miss (a figure that differs, identities that do
/// not add up), in red when the terminal is coloured.
pub(crate) fn alert(line: &str) -> String {
    if terminal().color {
        format!("\x1b[31m{line}\x1b[0m")
    } else {
        line.to_string()
    }
}

/// Columns a text takes in a terminal: CJK characters take two.
pub(super) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if c.is_ascii() || c == '…' { 1 } else { 2 })
        .sum()
}

/// How many rows a list prints on a terminal unless `--limit` says otherwise.
pub(crate) const TERMINAL_LIMIT: usize = 50;
