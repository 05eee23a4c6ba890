//! Writing one worksheet with rust_xlsxwriter.
//!
//! Codes are text cells in columns formatted as text, so a spreadsheet
//! shows `007` and all 18 digits of a credit code, and a code typed into
//! the column later stays text too. Dates are dates, shown as `2022-03-01`,
//! so they sort and filter as dates. The header row is bold and frozen, and
//! each column is as wide as its widest cell (a Chinese character counts
//! as two).

use super::MAX_ROWS;
use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(i64),
    Date(NaiveDate),
}

/// The widest a column is made, in characters.
const MAX_WIDTH: usize = 60;

/// A worksheet being written, row by row.
pub(crate) struct SheetWriter {
    sheet: Worksheet,
    rows: u32,
    widths: Vec<usize>,
    date: Format,
}

/// Columns a text takes: a Chinese (or other wide) character takes two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

impl SheetWriter {
    /// A sheet called `name` whose first row is `header`; the columns
    /// marked in `text` are formatted as text.
    pub(crate) fn new(name: &str, header: &[&str], text: &[bool]) -> Result<SheetWriter> {
        let mut sheet = Worksheet::new();
        sheet.set_name(name)?;
        let bold = Format::new().set_bold();
        let as_text = Format::new().set_num_format("@");
        for (c, h) in header.iter().enumerate() {
            let col = u16::try_from(c).with_context(|| {
                crate::tr!(
                    "too many columns for a worksheet",
                    "列数超过一个工作表的容量"
                )
            })?;
            sheet.write_string_with_format(0, col, *h, &bold)?;
            if text.get(c).copied().unwrap_or(false) {
                sheet.set_column_format(col, &as_text)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(SheetWriter {
            sheet,
            rows: 1,
            widths: header.iter().map(|h| display_width(h)).collect(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        })
    }

    /// Writes the next row.
    pub(crate) fn row(&mut self, cells: &[Cell]) -> Result<()> {
        if self.rows >= MAX_ROWS {
            let most = MAX_ROWS - 1;
            bail!(crate::error::InputError(crate::tr!(
                "more than {most} rows do not fit in one worksheet; export as CSV instead",
                "一个工作表最多容纳{most}行；请改为导出 CSV"
            )));
        }
        let row = self.rows;
        for (c, cell) in cells.iter().enumerate() {
            let col = u16::try_from(c).with_context(|| {
                crate::tr!(
                    "too many columns for a worksheet",
                    "列数超过一个工作表的容量"
                )
            })?;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(s) => {
                    self.sheet.write_string(row, col, s)?;
                    display_width(s)
                }
                Cell::Number(n) => {
                    self.sheet.write_number(row, col, *n as f64)?;
                    n.to_string().len()
                }
                Cell::Date(d) => {
                    let day = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).with_context(|| {
                            crate::tr!("a year a spreadsheet cannot hold", "电子表格无法容纳的年份")
                        })?,
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    self.sheet
                        .write_datetime_with_format(row, col, &day, &self.date)?;
                    10
                }
            };
            if let Some(w) = self.widths.get_mut(c) {
                *w = (*w).max(width);
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// The workbook's bytes: column widths set, a filter on the header row.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>> {
        let last_col = u16::try_from(self.widths.len().saturating_sub(1))?;
        for (c, w) in self.widths.iter().enumerate() {
            // Two characters of room for the filter button.
            let width = (*w + 2).min(MAX_WIDTH);
            self.sheet
                .set_column_width(u16::try_from(c)?, width as f64)?;
        }
        if !self.widths.is_empty() {
            self.sheet.autofilter(0, 0, self.rows - 1, last_col)?;
        }
        let mut book = Workbook::new();
        book.push_worksheet(self.sheet);
        Ok(book.save_to_buffer()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(display_width("C01"), 3);
        assert_eq!(display_width("重庆金美"), 8);
    }

    #[test]
    fn a_written_sheet_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = SheetWriter::new("企业", &["uscc", "name", "on", "n"], &[true]).unwrap();
        let day = NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
        w.row(&[
            Cell::Text("914403001922038216".into()),
            Cell::Text("重庆金美".into()),
            Cell::Date(day),
            Cell::Number(3),
        ])
        .unwrap();
        w.row(&[
            Cell::Text("007".into()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ])
        .unwrap();
        let path = dir.path().join("t.xlsx");
        std::fs::write(&path, w.finish().unwrap()).unwrap();
        let mut opened = super::super::open(&path, "t.xlsx", None).unwrap().rows;
        assert_eq!(opened.name(), "企业");
        assert_eq!(opened.header().unwrap(), ["uscc", "name", "on", "n"]);
        let mut rec = csv::StringRecord::new();
        let read = opened.next_row(&mut rec).unwrap();
        assert_eq!(read.row, 2);
        assert!(read.bad.is_empty());
        assert_eq!(
            rec.iter().collect::<Vec<_>>(),
            ["914403001922038216", "重庆金美", "2022-03-01", "3"]
        );
        opened.next_row(&mut rec).unwrap();
        assert_eq!(rec.iter().collect::<Vec<_>>(), ["007", "", "", ""]);
        assert!(opened.next_row(&mut rec).is_none());
    }
}
