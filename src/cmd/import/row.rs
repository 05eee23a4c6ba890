//! One row of a file, read by the columns of its kind, and the helpers that
//! name the column an error is about.

use super::super::data::{Fields, Layout};
use super::Seen;
use crate::csvio;
use crate::domain::{date, rules};
use crate::error::{input_in, is_input, FieldError};
use anyhow::Result;
use chrono::NaiveDate;
use csv::StringRecord;
use std::borrow::Cow;

/// One row's cells, with the export markings undone.
pub(super) struct Row<'a, F: Fields> {
    pub(super) rec: &'a StringRecord,
    pub(super) layout: &'a Layout<F>,
}

impl<'a, F: Fields> Row<'a, F> {
    /// The cell as written (undoing the formula guard and text marking), or "" when the file has no such column.
    pub(super) fn raw(&self, field: F) -> Cow<'a, str> {
        match self.layout.position(field).and_then(|i| self.rec.get(i)) {
            Some(c) => csvio::import_cell(c),
            None => Cow::Borrowed(""),
        }
    }

    /// Whether the file has this column.
    pub(super) fn has(&self, field: F) -> bool {
        self.layout.position(field).is_some()
    }

    /// The first cell that is not text as every path accepts it (too long,
    /// or holding a hidden character; see `rules::text`), with its column;
    /// a code column holds visible characters only (`rules::code`).
    pub(super) fn unfit(&self) -> Option<(&'static str, String)> {
        // A cell too long for a spreadsheet is the first thing to say.
        let long = self.rec.as_slice().len() > rules::MAX_TEXT_CHARS;
        let cells = self.rec.iter().enumerate();
        let by_length = cells
            .clone()
            .filter(|(_, c)| long && c.chars().count() > rules::MAX_TEXT_CHARS);
        by_length.chain(cells).find_map(|(i, c)| {
            let column = self.layout.key_at(i).unwrap_or("-");
            let cell = csvio::import_cell(c);
            let checked = if self.layout.is_code_at(i) {
                rules::code(column, &cell).map(drop)
            } else {
                rules::text(column, &cell).map(drop)
            };
            checked.err().map(|e| (column, e.msg))
        })
    }

    /// The trimmed cell, or None when it is empty.
    pub(super) fn opt(&self, field: F) -> Option<String> {
        let c = self.raw(field);
        let t = c.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The cell, which must not be empty (untrimmed, so it is borrowed).
    pub(super) fn req_raw(&self, field: F) -> Result<Cow<'a, str>, FieldError> {
        let c = self.raw(field);
        if c.trim().is_empty() {
            return Err(empty(field));
        }
        Ok(c)
    }

    /// The trimmed cell, which must not be empty.
    pub(super) fn req(&self, field: F) -> Result<String> {
        Ok(self.req_raw(field)?.trim().to_string())
    }

    pub(super) fn date(&self, field: F) -> Result<Option<NaiveDate>> {
        self.opt(field)
            .map(|s| date::parse(&s).map_err(|e| input_in(field.key(), e.to_string())))
            .transpose()
    }

    pub(super) fn bool(&self, field: F) -> Result<bool, FieldError> {
        let c = self.raw(field);
        match c.trim() {
            "" => Ok(false),
            s => csvio::parse_bool(s).ok_or_else(|| FieldError {
                field: field.key(),
                msg: format!("{s:?} is not yes or no; use yes/no, true/false, 1/0 or 是/否"),
            }),
        }
    }
}

/// A required cell left empty.
pub(super) fn empty(field: impl Fields) -> FieldError {
    FieldError {
        field: field.key(),
        msg: "\"\" is empty; this column needs a value on every row".into(),
    }
}

/// Names the column of an input error that does not name its own.
pub(super) fn at<T>(column: impl Fields, r: Result<T>) -> Result<T> {
    r.map_err(|e| {
        if e.downcast_ref::<FieldError>().is_some() || !is_input(&e) {
            e
        } else {
            input_in(column.key(), format!("{e:#}"))
        }
    })
}

/// An error of a parser that does not know its column, in that column.
pub(super) fn parsed<T>(column: impl Fields, r: Result<T, String>) -> Result<T> {
    r.map_err(|m| input_in(column.key(), m))
}

/// Within one file a code may appear once.
pub(super) fn first_time(
    seen: &mut Seen,
    column: impl Fields,
    code: &str,
    line: u64,
) -> Result<()> {
    if let Some(first) = seen.codes.get(code) {
        return Err(input_in(
            column.key(),
            format!(
                "{code:?} appears again in this file (first on {} {first})",
                seen.noun
            ),
        ));
    }
    seen.codes.insert(code.to_string(), line);
    Ok(())
}
