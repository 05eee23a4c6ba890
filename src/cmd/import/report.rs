//! What an import tells the person running it: the bad rows, a progress
//! bar, and the error that stops a file that cannot be read.

use super::input::Place;
use crate::cmd::data::DataKind;
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
    kind: DataKind,
    place: Place,
    shown: Vec<String>,
    /// Bad rows.
    pub(super) rows: usize,
    /// Their problems, shown or not.
    pub(super) total: usize,
}

impl Report {
    pub(super) fn new(file: &str, kind: DataKind, place: Place) -> Report {
        Report {
            file: file.to_string(),
            kind,
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
            // A column is named as the language of messages names it; in
            // Chinese, a problem about no column of this kind is one of the
            // whole row.
            let other = crate::domain::message_lang().pick(column, "-");
            let shown = self.kind.column_word(column).unwrap_or(other);
            let (file, at) = (&self.file, self.place.cell(line, column, shown));
            self.shown
                .push(crate::tr!("{file}: {at}: {msg}", "{file}：{at}：{msg}"));
        }
    }

    /// One bad row is the error itself; more are printed one per line before a summary.
    pub(super) fn into_error(self, dry_run: bool) -> anyhow::Error {
        let nothing = if dry_run {
            crate::tr!("nothing would be written", "不会写入任何内容")
        } else {
            crate::tr!("nothing was written", "未写入任何内容")
        };
        if self.total == 1 {
            let problem = &self.shown[0];
            return input(crate::tr!(
                "importing {problem}; {nothing}",
                "导入 {problem}；{nothing}"
            ));
        }
        for line in &self.shown {
            eprintln!("{line}");
        }
        let more = self.total - self.shown.len();
        let more = if more > 0 {
            crate::tr!(" (and {more} more not shown)", "（另有{more}个未列出）")
        } else {
            String::new()
        };
        let rows = match (self.rows, self.total) {
            (1, n) => crate::tr!("1 bad row with {n} problems", "1行有误，共{n}个问题"),
            (r, n) if r == n => crate::tr!("{r} bad rows", "{r}行有误"),
            (r, n) => crate::tr!("{r} bad rows with {n} problems", "{r}行有误，共{n}个问题"),
        };
        let file = &self.file;
        input(crate::tr!(
            "importing {file}: {rows}{more}; {nothing}",
            "导入 {file}：{rows}{more}；{nothing}"
        ))
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
    let path = path.display();
    bar.set_message(crate::tr!("importing {path}", "正在导入 {path}"));
    bar
}

pub(super) fn tick(bar: &ProgressBar, rec: &StringRecord, rows: u64) {
    if rows.is_multiple_of(16384) {
        if let Some(p) = rec.position() {
            bar.set_position(p.byte().min(bar.length().unwrap_or(u64::MAX)));
        }
    }
}
