//! Where an import's rows come from — a CSV file's records or a worksheet's
//! rows — and how a row and a column are named in what the import says.
//! Both hand the importer the same text records, so every kind is checked
//! and written the same way whatever the file.

use super::super::data::{Fields, Layout};
use crate::csvio::{self, ContentHash, Decoded};
use crate::error::input;
use crate::sheet::SheetRows;
use anyhow::Result;
use csv::StringRecord;

/// The rows of the file being imported.
pub(super) enum Input {
    Csv(csv::Reader<Decoded>),
    Sheet(SheetRows),
}

/// A row read: where it is, and the cells of a worksheet that could not be
/// read as text (their position in the row, and why).
pub(super) struct Next {
    pub(super) line: u64,
    pub(super) bad: Vec<(usize, String)>,
}

/// The SHA-256 of the file, known at once for a workbook and once read to
/// the end for a CSV file.
pub(super) enum Hash {
    Stream(ContentHash),
    Known(String),
}

impl Hash {
    pub(super) fn hex(&self) -> String {
        match self {
            Hash::Stream(h) => h.hex(),
            Hash::Known(h) => h.clone(),
        }
    }
}

impl Input {
    /// Reads the next row into `rec`; None after the last. A CSV file that
    /// cannot be read on (a ragged row, a broken quote) stops the import.
    pub(super) fn next(&mut self, rec: &mut StringRecord, file: &str) -> Result<Option<Next>> {
        match self {
            Input::Csv(rdr) => match rdr.read_record(rec) {
                Ok(true) => {
                    let byte = rec.position().map_or(0, csv::Position::byte);
                    Ok(Some(Next {
                        line: rdr.get_mut().line_at(byte),
                        bad: Vec::new(),
                    }))
                }
                Ok(false) => Ok(None),
                Err(e) => {
                    let why = csvio::read_error_message(&e, |byte| rdr.get_mut().line_at(byte));
                    Err(input(crate::tr!(
                        "importing {file}: {why}; nothing was written",
                        "导入 {file}：{why}；未写入任何内容"
                    )))
                }
            },
            Input::Sheet(rows) => Ok(rows.next_row(rec).map(|r| Next {
                line: r.row,
                bad: r.bad,
            })),
        }
    }

    /// How rows and columns of this file are named, once the columns are
    /// known; a worksheet learns which of its columns hold dates.
    pub(super) fn place<F: Fields>(&mut self, layout: &Layout<F>) -> Place {
        match self {
            Input::Csv(_) => Place::Lines,
            Input::Sheet(rows) => {
                let at = |f: &F| layout.position(*f).map(|p| (f.key(), p));
                let columns: Vec<(&'static str, usize)> = F::ALL.iter().filter_map(at).collect();
                let width = columns.iter().map(|(_, p)| p + 1).max().unwrap_or(0);
                let mut dates = vec![false; width];
                for f in F::ALL {
                    if let (Some(p), true) = (layout.position(*f), f.field().is_date()) {
                        dates[p] = true;
                    }
                }
                rows.set_dates(dates);
                Place::Sheet {
                    name: rows.name().to_string(),
                    letters: columns
                        .into_iter()
                        .map(|(key, p)| (key, rows.letter(p)))
                        .collect(),
                }
            }
        }
    }
}

/// How the rows and columns of a file are named: a CSV file's physical
/// lines and column names, or a sheet's rows and column letters.
#[derive(Debug, Clone)]
pub(super) enum Place {
    Lines,
    Sheet {
        name: String,
        /// Each column's letter, by its canonical name.
        letters: Vec<(&'static str, String)>,
    },
}

impl Place {
    /// Line `n` of a file or row `n` of a sheet: `line 7`, `row 7`, `第7行`.
    pub(super) fn row(&self, n: u64) -> String {
        let noun = match self {
            Place::Lines => "line",
            Place::Sheet { .. } => "row",
        };
        crate::tr!("{noun} {n}", "第{n}行")
    }

    /// Where a problem is: `line 7, column visited_on`, or `sheet 企业名单,
    /// row 7, column C (visited_on)`, for the field `key` named `shown`
    /// (`-` for a problem of the whole row, which a Chinese message places
    /// at the row alone).
    pub(super) fn cell(&self, n: u64, key: &str, shown: &str) -> String {
        let whole_row = shown == "-" && crate::domain::message_lang() == crate::domain::Lang::Zh;
        match self {
            Place::Lines if whole_row => crate::tr!("line {n}", "第{n}行"),
            Place::Lines => crate::tr!("line {n}, column {shown}", "第{n}行，{shown}列"),
            Place::Sheet { name, letters } => {
                let letter = letters.iter().find(|(k, _)| *k == key);
                match letter {
                    Some((_, l)) => crate::tr!(
                        "sheet {name}, row {n}, column {l} ({shown})",
                        "工作表 {name} 第{n}行，{l}列（{shown}）"
                    ),
                    None if whole_row => {
                        crate::tr!("sheet {name}, row {n}", "工作表 {name} 第{n}行")
                    }
                    None => crate::tr!(
                        "sheet {name}, row {n}, column {shown}",
                        "工作表 {name} 第{n}行，{shown}列"
                    ),
                }
            }
        }
    }
}
