//! What an import tells the person running it: the bad rows, a progress
//! bar, and the error that stops a file that cannot be read.

use super::input::Place;
use crate::error::input;
use csv::StringRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;

/// How many problems are printed; the rest are counted.
pub(super) const SHOWN_ERRORS: usize = 50;

/// The bad rows of a file, as they are found: each of their problems.
pub(super) struct Report {
    file: String,
    place: Place,
    shown: Vec<String>,
    /// Bad rows.
    pub(super) rows: usize,
    /// Their problems, shown or not.
    pub(super) total: usize,
}

impl Report {
    pub(super) fn new(file: &str, place: Place) -> Report {
        Report {
            file: file.to_string(),
            place,
            shown: Vec::new(),
            rows: 0,
            total: 0,
        }
    }

    /// How the file's rows and columns are named.
    pub(super) fn place(&self) -> &Place {
        &self.place
    }

    fn wants_detail(&self) -> bool {
        self.shown.len() < SHOWN_ERRORS
    }

    /// A bad row: each of its problems, by column.
    pub(super) fn bad_row<'a>(
        &mut self,
        line: u64,
        problems: impl IntoIterator<Item = (&'a str, String)>,
    ) {
        self.rows += 1;
        for (column, msg) in problems {
            self.add(line, column, msg);
        }
    }

    fn add(&mut self, line: u64, column: &str, msg: impl std::fmt::Display) {
        self.total += 1;
        if self.wants_detail() {
            self.shown.push(format!(
                "{}: {}: {msg}",
                self.file,
                self.place.cell(line, column)
            ));
        }
    }

    /// One bad row is the error itself; more are printed one per line before a summary.
    pub(super) fn into_error(self, dry_run: bool) -> anyhow::Error {
        let nothing = if dry_run {
            "nothing would be written"
        } else {
            "nothing was written"
        };
        if self.total == 1 {
            return input(format!("importing {}; {nothing}", self.shown[0]));
        }
        for line in &self.shown {
            eprintln!("{line}");
        }
        let more = self.total - self.shown.len();
        let more = if more > 0 {
            format!(" (and {more} more not shown)")
        } else {
            String::new()
        };
        let rows = match (self.rows, self.total) {
            (1, n) => format!("1 bad row with {n} problems"),
            (r, n) if r == n => format!("{r} bad rows"),
            (r, n) => format!("{r} bad rows with {n} problems"),
        };
        input(format!("importing {}: {rows}{more}; {nothing}", self.file))
    }
}

/// A progress bar on stderr when it is a terminal; otherwise nothing.
pub(super) fn progress(path: &Path) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let len = std::fs::metadata(path).map(|m| m.len()).ok();
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
    let style = if len.is_some() {
        ProgressStyle::with_template("{msg} [{bar:30}] {percent}% {elapsed}")
    } else {
        ProgressStyle::with_template("{msg} {spinner} {elapsed}")
    };
    if let Ok(s) = style {
        bar.set_style(s.progress_chars("=> "));
    }
    bar.set_message(format!("importing {}", path.display()));
    bar
}

pub(super) fn tick(bar: &ProgressBar, rec: &StringRecord, rows: u64) {
    if rows.is_multiple_of(16384) {
        if let Some(p) = rec.position() {
            bar.set_position(p.byte().min(bar.length().unwrap_or(u64::MAX)));
        }
    }
}
