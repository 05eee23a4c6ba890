//! How failures become exit statuses.
//!
//! | status | meaning |
//! | --- | --- |
//! | 0 | success |
//! | 1 | a check or report found a problem (`Outcome::Findings`), or an unexpected failure |
//! | 2 | bad input or usage: nothing was written |
//! | 3 | the database stayed locked by another process past the busy timeout |

use std::fmt;

/// Bad input from the person at the keyboard or in a file: exit status 2.
#[derive(Debug)]
pub(crate) struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// Builds an input error (exit 2) from a message.
pub(crate) fn input(msg: impl Into<String>) -> anyhow::Error {
    InputError(msg.into()).into()
}

/// Bad input in one named field (a CSV column, the option of the same
/// name): exit status 2. Displays as its message alone, so the command line
/// reads the same; the importer uses `field` to name the column.
#[derive(Debug)]
pub(crate) struct FieldError {
    pub(crate) field: &'static str,
    pub(crate) msg: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for FieldError {}

/// Builds an input error (exit 2) about one field.
pub(crate) fn input_in(field: &'static str, msg: impl Into<String>) -> anyhow::Error {
    FieldError {
        field,
        msg: msg.into(),
    }
    .into()
}

/// Whether an error is bad input (as opposed to a failure of the machine).
pub(crate) fn is_input(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.is::<InputError>() || e.is::<FieldError>())
}

pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_INPUT: i32 = 2;
pub const EXIT_LOCKED: i32 = 3;

/// The exit status for an error.
pub fn exit_status(err: &anyhow::Error) -> i32 {
    if crate::db::is_locked(err) {
        EXIT_LOCKED
    } else if is_input(err) {
        EXIT_INPUT
    } else {
        EXIT_FAILURE
    }
}

/// Whether the error is a broken pipe (`qianqi ... | head`), which is not a
/// failure. The CSV and JSON writers wrap the I/O error in their own, which
/// do not all give it as their source, so each is asked in its own terms.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(c) = e.downcast_ref::<csv::Error>() {
            return matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        if let Some(j) = e.downcast_ref::<serde_json::Error>() {
            return j.io_error_kind() == Some(BrokenPipe);
        }
        false
    })
}

/// Prints a failure on one line (`{:#}` joins its causes), in red when
/// asked, and gives its exit status; a closed pipe is a normal end.
pub fn report(err: &anyhow::Error, red: bool) -> i32 {
    if is_broken_pipe(err) {
        return 0;
    }
    let status = exit_status(err);
    let msg = if status == EXIT_LOCKED {
        format!("qianqi: {err:#}: the database stayed locked by another process; nothing was written, try again")
    } else {
        format!("qianqi: {err:#}")
    };
    if red {
        eprintln!("\x1b[31m{msg}\x1b[0m");
    } else {
        eprintln!("{msg}");
    }
    status
}
