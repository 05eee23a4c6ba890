//! Reading one worksheet with calamine into text records.
//!
//! A cell becomes the text a CSV file would hold for it: a text cell as it
//! is, a whole number without a decimal point, a date-typed cell (or an
//! Excel serial number in a date column) as `2022-03-01`, a boolean as
//! yes/no. A number a spreadsheet cannot hold exactly is refused rather than
//! changed: Excel keeps 15 significant digits, so an 18-digit credit code
//! typed into a number cell has already lost its last digits.

use calamine::{
    open_workbook_from_rs, Data, ExcelDateTime, ExcelDateTimeType, Ods, Range, Reader, SheetType,
    SheetVisible, Sheets, Xls, Xlsb, Xlsx,
};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

/// Numbers from this magnitude on have more digits than a spreadsheet keeps.
const EXACT_LIMIT: f64 = 1e15;

/// The first serial number after Excel's last day, 9999-12-31.
const LAST_SERIAL: f64 = 2_958_466.0;

/// The formats calamine reads, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    fn of_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xlsb" => Some(Format::Xlsb),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            _ => None,
        }
    }

    /// The formats a file may be by its first bytes: a zip archive is an
    /// .xlsx or .ods file, a compound document an .xls file.
    fn of_content(head: &[u8]) -> &'static [Format] {
        if head.starts_with(b"PK\x03\x04") {
            &[Format::Xlsx, Format::Ods, Format::Xlsb]
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            &[Format::Xls]
        } else {
            &[]
        }
    }
}

/// Whether a file is a workbook: by its extension, or by its first bytes
/// (a workbook saved under a .csv name is still a workbook).
pub(crate) fn is_workbook(path: &Path) -> bool {
    if Format::of_extension(path).is_some() {
        return true;
    }
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| !Format::of_content(&head).is_empty())
}

/// A worksheet opened for reading, and the SHA-256 of the file's bytes
/// followed by the sheet's name.
pub(crate) struct Opened {
    pub(crate) rows: SheetRows,
    pub(crate) sha256: String,
}

/// Opens the worksheet `wanted`, or the first visible worksheet, of the
/// workbook at `path`. The error says what is wrong for the person who
/// saved the file (`name` is how the file is called in messages).
pub(crate) fn open(path: &Path, name: &str, wanted: Option<&str>) -> Result<Opened, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let why = crate::error::io_reason(&e);
        crate::tr!("cannot open {name}: {why}", "无法打开 {name}：{why}")
    })?;
    let formats = match Format::of_extension(path) {
        Some(f) => vec![f],
        None => Format::of_content(&bytes).to_vec(),
    };
    let mut failure = crate::tr!("it is not a workbook", "它不是工作簿");
    let mut book = None;
    for format in formats {
        match read_book(format, Cursor::new(bytes.as_slice())) {
            Ok(b) => {
                book = Some(b);
                break;
            }
            // The reader's own words are English; in Chinese the file's
            // format is what the person can act on.
            Err(e) => {
                failure = crate::tr!("{e}", "文件格式无法识别或已损坏");
            }
        }
    }
    let Some(mut book) = book else {
        return Err(crate::tr!(
            "{name}: cannot read the workbook ({failure}); save it again from the spreadsheet program as .xlsx, or as CSV",
            "{name}：无法读取工作簿（{failure}）；请在电子表格程序中重新另存为 .xlsx 或 CSV"
        ));
    };
    let sheets = book.sheets_metadata().to_vec();
    let listed = || {
        sheets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect::<Vec<_>>()
            .join(crate::tr!(", ", "、").as_str())
    };
    let sheet = match wanted {
        Some(w) => sheets
            .iter()
            .find(|s| s.name == w || s.name.trim() == w.trim())
            .ok_or_else(|| {
                let listed = listed();
                crate::tr!(
                    "{name} has no sheet {w:?}; its sheets are {listed}",
                    "{name} 中没有名为{w:?}的工作表；它的工作表有：{listed}"
                )
            })?,
        None => sheets
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .ok_or_else(|| {
                let listed = listed();
                crate::tr!(
                    "{name} has no visible worksheet; give one with --sheet (its sheets are {listed})",
                    "{name} 中没有可见的工作表；请用 --sheet 指定一个（它的工作表有：{listed}）"
                )
            })?,
    };
    let sheet_name = sheet.name.clone();
    // Each sheet of a workbook is a file of its own to the import log.
    let mut hash = Sha256::new();
    hash.update(&bytes);
    hash.update(b"\0sheet\0");
    hash.update(sheet_name.as_bytes());
    let sha256 = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let range = book.worksheet_range(&sheet_name).map_err(|e| {
        crate::tr!(
            "{name}: cannot read sheet {sheet_name:?}: {e}",
            "{name}：无法读取工作表{sheet_name:?}（内容已损坏）"
        )
    })?;
    let mut rows = SheetRows::new(sheet_name, range);
    if let Sheets::Xls(_) = book {
        // The .xls reader does not always see a formula's text result (it
        // gives 0 instead), so a formula cell there is not taken on trust.
        let formulas = book.worksheet_formula(&rows.name).unwrap_or_default();
        rows.formulas = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .map(|(r, c, _)| {
                let (r0, c0) = formulas.start().unwrap_or((0, 0));
                (r0 as usize + r, c0 as usize + c)
            })
            .collect();
    }
    Ok(Opened { rows, sha256 })
}

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

fn read_book(format: Format, data: Cursor<&[u8]>) -> Result<Book<'_>, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    Ok(match format {
        Format::Xlsx => {
            Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(data).map_err(|e| err(&e))?)
        }
        Format::Xlsb => {
            Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(data).map_err(|e| err(&e))?)
        }
        Format::Xls => Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(data).map_err(|e| err(&e))?),
        Format::Ods => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(data).map_err(|e| err(&e))?),
    })
}

/// The rows of one worksheet, read in order. Row numbers and column letters
/// are the sheet's own, as the spreadsheet program shows them.
pub(crate) struct SheetRows {
    name: String,
    range: Range<Data>,
    /// The sheet's row and column of the range's first cell (0-based).
    start: (u32, u32),
    /// The next row to read, relative to the range.
    next: usize,
    /// How many cells the header row has; cells to its right are not read.
    width: usize,
    /// Which columns hold dates, where a number is an Excel serial date.
    dates: Vec<bool>,
    /// The cells (row, column of the sheet) of an .xls file that hold formulas.
    formulas: std::collections::HashSet<(usize, usize)>,
}

/// A row read: its number in the sheet, and the cells that could not be
/// read as text (their position in the row, and why).
pub(crate) struct RowRead {
    pub(crate) row: u64,
    pub(crate) bad: Vec<(usize, String)>,
}

impl SheetRows {
    fn new(name: String, range: Range<Data>) -> SheetRows {
        SheetRows {
            name,
            start: range.start().unwrap_or((0, 0)),
            range,
            next: 0,
            width: 0,
            dates: Vec::new(),
            formulas: Default::default(),
        }
    }

    /// The worksheet's name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The column letter of a position in the row (`A`, …, `Z`, `AA`, …).
    pub(crate) fn letter(&self, pos: usize) -> String {
        column_letter(self.start.1 as usize + pos)
    }

    /// The first row that is not empty, as the header: its cells as text,
    /// without the empty cells at its end. None for an empty sheet.
    pub(crate) fn header(&mut self) -> Option<Vec<String>> {
        let (height, _) = self.range.get_size();
        while self.next < height {
            let i = self.next;
            self.next += 1;
            let mut cells: Vec<String> = self
                .row_cells(i)
                .into_iter()
                .map(|c| {
                    text(c, false)
                        .unwrap_or_else(|_| c.to_string().into())
                        .into_owned()
                })
                .collect();
            while cells.last().is_some_and(|c| c.trim().is_empty()) {
                cells.pop();
            }
            if !cells.is_empty() {
                self.width = cells.len();
                return Some(cells);
            }
        }
        None
    }

    /// Says which positions of the row hold dates.
    pub(crate) fn set_dates(&mut self, dates: Vec<bool>) {
        self.dates = dates;
    }

    /// The cells of row `i` of the range.
    fn row_cells(&self, i: usize) -> Vec<&Data> {
        static EMPTY: Data = Data::Empty;
        (0..self.range.width())
            .map(|c| self.range.get((i, c)).unwrap_or(&EMPTY))
            .collect()
    }

    /// Reads the next row that is not empty into `rec`, one cell per header
    /// column; None after the last.
    pub(crate) fn next_row(&mut self, rec: &mut csv::StringRecord) -> Option<RowRead> {
        let (height, _) = self.range.get_size();
        while self.next < height {
            let i = self.next;
            self.next += 1;
            let cells = self.row_cells(i);
            if cells.iter().all(|c| is_blank(c)) {
                continue;
            }
            rec.clear();
            let mut bad = Vec::new();
            for (pos, &cell) in cells.iter().enumerate() {
                if pos >= self.width {
                    if !is_blank(cell) {
                        let (value, letter) = (cell.to_string(), self.letter(pos));
                        bad.push((
                            pos,
                            crate::tr!(
                                "{value:?} is in column {letter}, which has no header; give the column a header or clear it",
                                "{value:?}在{letter}列，而该列没有表头；请为该列加上表头，或清空它"
                            ),
                        ));
                    }
                    continue;
                }
                let at = (self.start.0 as usize + i, self.start.1 as usize + pos);
                if self.formulas.contains(&at) && !is_blank(cell) {
                    rec.push_field("");
                    bad.push((pos, crate::tr!(
                        "the cell holds a formula, whose result an .xls file does not keep readable; save the workbook as .xlsx, or paste the values in place of the formulas",
                        "单元格中是公式，.xls 文件中的公式结果无法可靠读取；请把工作簿另存为 .xlsx，或把公式粘贴为数值"
                    )));
                    continue;
                }
                let date = self.dates.get(pos).copied().unwrap_or(false);
                match text(cell, date) {
                    Ok(t) => rec.push_field(&t),
                    Err(m) => {
                        rec.push_field("");
                        bad.push((pos, m));
                    }
                }
            }
            for _ in cells.len()..self.width {
                rec.push_field("");
            }
            return Some(RowRead {
                row: u64::from(self.start.0) + i as u64 + 1,
                bad,
            });
        }
        None
    }
}

/// `A` for 0, `Z` for 25, `AA` for 26.
pub(crate) fn column_letter(pos: usize) -> String {
    let mut n = pos + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A cell as the text a CSV file would hold, or why it cannot be one.
fn text(cell: &Data, date_column: bool) -> Result<Cow<'_, str>, String> {
    Ok(match cell {
        Data::Empty => Cow::Borrowed(""),
        Data::String(s) => Cow::Borrowed(s),
        Data::Bool(b) => Cow::Borrowed(if *b { "yes" } else { "no" }),
        Data::Int(n) => Cow::Owned(number(*n as f64, date_column)?),
        Data::Float(f) => Cow::Owned(number(*f, date_column)?),
        Data::DateTime(d) => Cow::Owned(date(d)?),
        Data::DateTimeIso(s) => match s.get(..10).filter(|d| is_iso_date(d)) {
            Some(day) => Cow::Borrowed(day),
            None => {
                return Err(crate::tr!(
                    "{s:?} is a time of day, not a date",
                    "{s:?}是一天中的时刻，不是日期"
                ))
            }
        },
        Data::DurationIso(s) => {
            return Err(crate::tr!(
                "{s:?} is a duration, not a date or a value",
                "{s:?}是一段时长，不是日期或数值"
            ))
        }
        Data::Error(e) => {
            return Err(crate::tr!(
                "the cell shows the spreadsheet error {e}; correct the formula or type the value",
                "单元格显示电子表格错误 {e}；请改正公式或直接填入数值"
            ))
        }
    })
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A number cell: an Excel serial date in a date column; whole numbers
/// without a decimal point; a number too long to be exact refused.
fn number(f: f64, date_column: bool) -> Result<String, String> {
    if !f.is_finite() {
        return Err(crate::tr!(
            "{f} is not a number a spreadsheet holds",
            "{f}不是电子表格能容纳的数"
        ));
    }
    if date_column && (1.0..LAST_SERIAL).contains(&f) {
        return date(&ExcelDateTime::new(f, ExcelDateTimeType::DateTime, false));
    }
    if f.abs() >= EXACT_LIMIT {
        let shown = excel_number(f);
        return Err(crate::tr!(
            "the cell holds the number {shown}, and a spreadsheet keeps only 15 digits of a number, so a longer code (a credit code, a phone number) has lost its last digits; format the column as text (文本), type the values again, and save",
            "单元格中是数字{shown}，电子表格只保留数字的15位有效数字，较长的代码（信用代码、电话号码）已丢失末尾几位；请把该列设为文本格式，重新输入后保存"
        ));
    }
    if f.fract() == 0.0 {
        Ok(format!("{}", f as i64))
    } else {
        Ok(format!("{f}"))
    }
}

/// A large number as a spreadsheet shows it: `9.14403001922038E+17`.
fn excel_number(f: f64) -> String {
    let s = format!("{f:.14E}");
    let (mantissa, exp) = s.split_once('E').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let exp = exp.trim_start_matches('-');
    let sign = if f.abs() < 1.0 { "-" } else { "+" };
    format!("{mantissa}E{sign}{exp}")
}

/// A date-typed cell as `2022-03-01` (its time of day, if any, dropped).
fn date(d: &ExcelDateTime) -> Result<String, String> {
    if d.is_duration() {
        let n = d.as_f64();
        return Err(crate::tr!(
            "{n} is a duration, not a date",
            "{n}是一段时长，不是日期"
        ));
    }
    if d.as_f64() < 1.0 {
        return Err(crate::tr!(
            "the cell holds a time of day, not a date",
            "单元格中是一天中的时刻，不是日期"
        ));
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    Ok(format!("{y:04}-{m:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_past_z() {
        let l: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(l, ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn numbers_stay_whole_and_exact_or_are_refused() {
        assert_eq!(number(3.0, false).unwrap(), "3");
        assert_eq!(number(13800138000.0, false).unwrap(), "13800138000");
        assert_eq!(number(1.5, false).unwrap(), "1.5");
        assert_eq!(number(-0.0, false).unwrap(), "0");
        assert_eq!(
            number(999_999_999_999_999.0, false).unwrap(),
            "999999999999999"
        );
        let e = number(914403001922038216.0, false).unwrap_err();
        assert!(e.contains("15 digits"), "{e}");
        assert!(e.contains("9.14403001922038E+17"), "{e}");
        assert!(number(f64::NAN, false).is_err());
    }

    #[test]
    fn serial_numbers_in_date_columns_are_dates() {
        assert_eq!(number(44621.0, true).unwrap(), "2022-03-01");
        assert_eq!(number(44621.75, true).unwrap(), "2022-03-01");
        // Outside the serial range a number stays a number (20220301 as typed).
        assert_eq!(number(20220301.0, true).unwrap(), "20220301");
        assert_eq!(number(44621.0, false).unwrap(), "44621");
    }

    #[test]
    fn cells_read_as_text() {
        let dt = ExcelDateTime::new(44621.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(dt), false).unwrap(), "2022-03-01");
        let t = ExcelDateTime::new(0.5, ExcelDateTimeType::DateTime, false);
        assert!(text(&Data::DateTime(t), true).is_err());
        assert_eq!(
            text(&Data::DateTimeIso("2022-03-01T00:00:00".into()), true).unwrap(),
            "2022-03-01"
        );
        assert_eq!(text(&Data::Bool(true), false).unwrap(), "yes");
        assert_eq!(text(&Data::String("007".into()), false).unwrap(), "007");
        assert!(text(&Data::Error(calamine::CellErrorType::Ref), false)
            .unwrap_err()
            .contains("#REF!"));
    }
}
