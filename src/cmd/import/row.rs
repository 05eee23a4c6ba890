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
use std::cell::RefCell;
use std::fmt;

/// One row's cells, with the export markings undone, and the problems
/// its checks have found so far: every problem of a row is told, one per
/// column, not just the first.
pub(super) struct Row<'a, F: Fields> {
    pub(super) rec: &'a StringRecord,
    pub(super) layout: &'a Layout<F>,
    problems: RefCell<Vec<FieldError>>,
    /// A failure that is not the row's fault (the database), which stops the import.
    failure: RefCell<Option<anyhow::Error>>,
}

/// Every problem of one row.
#[derive(Debug)]
pub(super) struct RowErrors(pub(super) Vec<FieldError>);

impl fmt::Display for RowErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.msg))
            .collect();
        f.write_str(&all.join("; "))
    }
}

impl std::error::Error for RowErrors {}

/// Options that are all Some once a row's checks have passed.
pub(super) trait AllSome {
    type Out;
    fn all(self) -> Option<Self::Out>;
}

macro_rules! all_some {
    ($($t:ident),+) => {
        impl<$($t),+> AllSome for ($(Option<$t>,)+) {
            type Out = ($($t,)+);
            #[allow(non_snake_case)]
            fn all(self) -> Option<Self::Out> {
                let ($($t,)+) = self;
                Some(($($t?,)+))
            }
        }
    };
}
all_some!(A);
all_some!(A, B);
all_some!(A, B, C);
all_some!(A, B, C, D);
all_some!(A, B, C, D, E);
all_some!(A, B, C, D, E, G);
all_some!(A, B, C, D, E, G, H);
all_some!(A, B, C, D, E, G, H, I);
all_some!(A, B, C, D, E, G, H, I, J);

impl<'a, F: Fields> Row<'a, F> {
    pub(super) fn new(rec: &'a StringRecord, layout: &'a Layout<F>) -> Row<'a, F> {
        Row {
            rec,
            layout,
            problems: RefCell::new(Vec::new()),
            failure: RefCell::new(None),
        }
    }

    /// Keeps a problem found before the row's own checks (a cell the
    /// workbook could not give, a cell that is not text).
    pub(super) fn keep(&self, field: &'static str, msg: String) {
        let mut p = self.problems.borrow_mut();
        if !p.iter().any(|q| q.field == field) {
            p.push(FieldError { field, msg });
        }
    }

    /// Whether a problem of this column was kept.
    pub(super) fn has_problem(&self, field: &str) -> bool {
        self.problems.borrow().iter().any(|q| q.field == field)
    }

    /// The problems kept so far, leaving none.
    pub(super) fn take_problems(&self) -> Vec<FieldError> {
        self.problems.take()
    }

    /// The value of a check, or None when it failed; its problem is kept
    /// for the row's report (the first of each column), so that the other
    /// checks still run.
    pub(super) fn check<T>(&self, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                match e.downcast::<FieldError>() {
                    Ok(f) => self.keep(f.field, f.msg),
                    Err(e) if is_input(&e) => self.keep("-", crate::error::chain(&e)),
                    Err(e) => {
                        self.failure.borrow_mut().get_or_insert(e);
                    }
                }
                None
            }
        }
    }

    /// The checked values, once every check of the row has run: an error
    /// with every problem kept, if there is any.
    pub(super) fn done<T: AllSome>(&self, values: T) -> Result<T::Out> {
        if let Some(e) = self.failure.borrow_mut().take() {
            return Err(e);
        }
        let problems = self.problems.take();
        if !problems.is_empty() {
            return Err(RowErrors(problems).into());
        }
        values.all().ok_or_else(|| {
            anyhow::anyhow!(crate::tr!(
                "a check of the row failed without saying why",
                "对这一行的某项检查未通过，但没有说明原因"
            ))
        })
    }
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

    /// Keeps every cell that is not text as every path accepts it (too
    /// long, or holding a hidden character; see `rules::text`) as a problem
    /// of its column; a code column holds visible characters only
    /// (`rules::code`). Says whether there was one.
    pub(super) fn keep_unfit(&self) -> bool {
        let mut found = false;
        // A cell too long for a spreadsheet is the first thing to say.
        let long = self.rec.as_slice().len() > rules::MAX_TEXT_CHARS;
        let cells = self.rec.iter().enumerate();
        let by_length = cells
            .clone()
            .filter(|(_, c)| long && c.chars().count() > rules::MAX_TEXT_CHARS);
        for (i, c) in by_length.chain(cells) {
            let column = self.layout.key_at(i).unwrap_or("-");
            let cell = csvio::import_cell(c);
            let checked = if self.layout.is_code_at(i) {
                rules::code(column, &cell).map(drop)
            } else {
                rules::text(column, &cell).map(drop)
            };
            if let Err(e) = checked {
                self.keep(column, e.msg);
                found = true;
            }
        }
        found
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
                msg: crate::tr!(
                    "{s:?} is not yes or no; use yes/no, true/false, 1/0 or 是/否",
                    "{s:?}不是“是”或“否”；可用：是/否、1/0"
                ),
            }),
        }
    }
}

/// A required cell left empty.
pub(super) fn empty(field: impl Fields) -> FieldError {
    FieldError {
        field: field.key(),
        msg: crate::tr!(
            "\"\" is empty; this column needs a value on every row",
            "此处为空；这一列每行都须填写"
        ),
    }
}

/// Names the column of an input error that does not name its own.
pub(super) fn at<T>(column: impl Fields, r: Result<T>) -> Result<T> {
    r.map_err(|e| {
        if e.downcast_ref::<FieldError>().is_some() || !is_input(&e) {
            e
        } else {
            input_in(column.key(), crate::error::chain(&e))
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
        let first = seen.place.row(*first);
        return Err(input_in(
            column.key(),
            crate::tr!(
                "{code:?} appears again in this file (first on {first})",
                "{code:?}在本文件中重复出现（首次在{first}）"
            ),
        ));
    }
    seen.codes.insert(code.to_string(), line);
    Ok(())
}
