//! Workbooks as supervisors keep them: `read` turns a worksheet of an
//! .xlsx, .xls or .ods file into the same text records a CSV file gives
//! (dates as dates, whole numbers whole, codes exactly or not at all), and
//! `write` makes an .xlsx file whose codes stay text, whose dates are dates,
//! with a frozen header row and columns as wide as their content.

mod read;
mod write;

pub(crate) use read::{is_workbook, open, SheetRows};
pub(crate) use write::{Cell, SheetWriter};

/// The most rows a worksheet holds, its header included.
pub(crate) const MAX_ROWS: u32 = 1_048_576;
