//! Rendering rows as a table, CSV or JSON into any writer.

use crate::csvio::{self, Encoding, SinkOptions};
use crate::domain::Lang;
use anyhow::{Context, Result};
use comfy_table::{presets, CellAlignment, ContentArrangement};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Where output goes and how CSV is encoded: the flags every list, report and
/// export shares.
#[derive(Debug, Clone, clap::Args)]
pub struct FileArgs {
    /// Write to FILE instead of standard output (replaced whole, never half-written).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Text encoding of CSV output: utf8 (with a BOM, for Excel) or gbk (GB18030, for older Excel and WPS).
    #[arg(long, value_enum, default_value_t = Encoding::Utf8)]
    pub encoding: Encoding,
    /// Leave out the UTF-8 byte-order mark that tells Excel the file is UTF-8.
    #[arg(long)]
    pub no_bom: bool,
}

/// FileArgs with the choice of table, CSV or JSON.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// How to print the rows.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub file: FileArgs,
}

impl FileArgs {
    /// Standard output, or FILE, for output that is not CSV.
    pub fn to(output: Option<PathBuf>) -> FileArgs {
        FileArgs {
            output,
            encoding: Encoding::Utf8,
            no_bom: false,
        }
    }

    /// Whether the output is a terminal: standard output, not redirected.
    pub fn is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        self.output.is_none() && std::io::stdout().is_terminal()
    }

    pub fn sink_options(&self) -> SinkOptions {
        SinkOptions {
            encoding: self.encoding,
            bom: !self.no_bom,
        }
    }

    /// Runs `f` with the chosen writer: standard output, or a temporary file
    /// beside `--output` that replaces it only when everything was written.
    pub fn write_with(&self, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        match &self.output {
            None => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                f(&mut lock)?;
                lock.flush()?;
                Ok(())
            }
            Some(path) => {
                let dir = crate::db::dir_of(path);
                let mut tmp = tempfile::NamedTempFile::new_in(dir)
                    .with_context(|| format!("creating a file in {}", dir.display()))?;
                {
                    let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                    f(&mut w)?;
                    w.flush()?;
                }
                tmp.as_file().sync_all()?;
                tmp.persist(path)
                    .with_context(|| format!("writing {}", path.display()))?;
                Ok(())
            }
        }
    }
}

impl OutputArgs {
    /// Renders a table with these options.
    pub fn render(&self, table: &Table, lang: Lang) -> Result<()> {
        let file = &self.file;
        file.write_with(|w| table.render(w, self.format, lang, file.sink_options()))
    }
}

/// What kind of data a column holds, which decides how CSV protects it
/// and whether the renderer translates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text from people: guarded against formula injection.
    Text,
    /// Codes that must stay text in a spreadsheet (USCC, phone).
    Id,
    /// Numbers and dates: written as they are.
    Plain,
    /// A value of a closed vocabulary, held as its stored name (a task set
    /// as its bits): a table shows it in the language asked, CSV and JSON
    /// keep the stored names that `import` reads back.
    Vocab(Vocab),
}

/// The closed vocabularies a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    Status,
    Tier,
    UnitKind,
    VisitKind,
    /// A set of work items, stored as bits.
    Tasks,
}

impl Vocab {
    /// The value in `lang`; a value outside the vocabulary is shown as it is.
    pub fn label(self, v: &Value, lang: Lang) -> Value {
        use crate::domain::kinds::{Tasks, Tier, UnitKind, VisitKind};
        use crate::domain::status::Status;
        let text = match (self, v) {
            (Vocab::Tasks, Value::Int(bits)) => return Tasks(*bits).join(lang).into(),
            (_, Value::Text(s)) => s.as_str(),
            _ => return v.clone(),
        };
        let label = match self {
            Vocab::Status => Status::parse(text).ok().map(|s| s.label(lang)),
            Vocab::Tier => Tier::parse(text).ok().map(|t| t.label(lang)),
            Vocab::UnitKind => UnitKind::parse(text).ok().map(|k| k.label(lang)),
            Vocab::VisitKind => VisitKind::parse(text).ok().map(|k| k.label(lang)),
            Vocab::Tasks => None,
        };
        label.map_or_else(|| v.clone(), Value::from)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub kind: Kind,
}

pub const fn col(key: &'static str, zh: &'static str, kind: Kind) -> Column {
    Column { key, zh, kind }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Null,
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Null => String::new(),
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl rusqlite::types::FromSql for Value {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        use rusqlite::types::ValueRef;
        Ok(match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Real(f) => Value::Text(f.to_string()),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(_) => return Err(rusqlite::types::FromSqlError::InvalidType),
        })
    }
}

/// Rows with named columns.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new(columns: &[Column]) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// Runs a query and collects every row, one value per column.
    pub fn query(
        columns: &[Column],
        conn: &rusqlite::Connection,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Table> {
        let mut t = Table::new(columns);
        let mut stmt = conn.prepare(sql)?;
        let n = columns.len();
        let rows = stmt.query_map(params, |r| (0..n).map(|i| r.get(i)).collect())?;
        for row in rows {
            t.rows.push(row?);
        }
        Ok(t)
    }

    /// Adds a column of bars, one per row but the last (the total), scaled
    /// to the longest: each part is the value of a column (by key) drawn with
    /// its character. Only for a table shown on a terminal; the bars are
    /// ASCII, because block characters are double width in some Chinese terminals.
    pub fn add_bars(&mut self, header: Column, parts: &[(&str, char)]) {
        const WIDTH: usize = 24;
        let cols: Vec<(usize, char)> = parts
            .iter()
            .filter_map(|(key, ch)| {
                let i = self.columns.iter().position(|c| c.key == *key)?;
                Some((i, *ch))
            })
            .collect();
        let values = |row: &[Value]| -> Vec<(i64, char)> {
            cols.iter()
                .map(|(i, ch)| match row[*i] {
                    Value::Int(n) => (n.max(0), *ch),
                    _ => (0, *ch),
                })
                .collect()
        };
        let body = self.rows.len().saturating_sub(1);
        let max = self.rows[..body]
            .iter()
            .map(|r| values(r).iter().map(|(n, _)| n).sum::<i64>())
            .max()
            .unwrap_or(0);
        self.columns.push(header);
        for (i, row) in self.rows.iter_mut().enumerate() {
            let cell = if i < body {
                bar(&values(row), max, WIDTH)
            } else {
                String::new()
            };
            row.push(cell.into());
        }
    }

    pub fn headers(&self, lang: Lang) -> Vec<&'static str> {
        self.columns
            .iter()
            .map(|c| lang.pick(c.key, c.zh))
            .collect()
    }

    pub fn render(
        &self,
        w: &mut dyn Write,
        format: Format,
        lang: Lang,
        csv: SinkOptions,
    ) -> Result<()> {
        match format {
            Format::Table => self.write_table(w, lang),
            Format::Csv => self.write_csv(w, lang, csv),
            Format::Json => self.write_json(w),
        }
    }

    /// The value at a row and column as shown in `lang`: vocabulary values translated.
    fn shown(&self, row: &[Value], i: usize, lang: Lang) -> Value {
        match self.columns[i].kind {
            Kind::Vocab(v) => v.label(&row[i], lang),
            _ => row[i].clone(),
        }
    }

    pub fn write_table(&self, w: &mut dyn Write, lang: Lang) -> Result<()> {
        writeln!(w, "{}", self.to_comfy(lang))?;
        Ok(())
    }

    /// The comfy-table form: ASCII borders, because box-drawing characters
    /// are double width in some Chinese terminals and break the alignment.
    pub fn to_comfy(&self, lang: Lang) -> comfy_table::Table {
        let mut t = comfy_table::Table::new();
        t.load_preset(presets::ASCII_MARKDOWN)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.headers(lang));
        for row in &self.rows {
            t.add_row((0..row.len()).map(|i| {
                let v = self.shown(row, i, lang);
                let cell = comfy_table::Cell::new(v.text());
                if matches!(v, Value::Int(_)) {
                    cell.set_alignment(CellAlignment::Right)
                } else {
                    cell
                }
            }));
        }
        t
    }

    pub fn write_csv(&self, w: &mut dyn Write, lang: Lang, opts: SinkOptions) -> Result<()> {
        let mut out = csvio::sink(w, opts);
        out.write_record(self.headers(lang))?;
        for row in &self.rows {
            out.write_record(self.columns.iter().enumerate().map(|(i, c)| {
                let s = self.shown(row, i, Lang::En).text();
                match c.kind {
                    Kind::Text => csvio::guard(&s).into_owned(),
                    Kind::Id => csvio::export_id(&s).into_owned(),
                    Kind::Plain | Kind::Vocab(_) => s,
                }
            }))?;
        }
        out.flush()?;
        Ok(())
    }

    /// An array of objects keyed by the column keys, whatever the language.
    pub fn write_json(&self, w: &mut dyn Write) -> Result<()> {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
            .rows
            .iter()
            .map(|row| {
                self.columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let j = match self.shown(row, i, Lang::En) {
                            Value::Text(s) => serde_json::Value::from(s),
                            Value::Int(n) => serde_json::Value::from(n),
                            Value::Null => serde_json::Value::Null,
                        };
                        (c.key.to_string(), j)
                    })
                    .collect()
            })
            .collect();
        serde_json::to_writer_pretty(&mut *w, &rows)?;
        writeln!(w)?;
        Ok(())
    }
}

/// A bar of `width` characters at most for parts summing to `max`: each part
/// drawn with its character, the ends rounded so the parts add up.
pub fn bar(parts: &[(i64, char)], max: i64, width: usize) -> String {
    let mut out = String::new();
    if max <= 0 {
        return out;
    }
    let (mut sum, mut drawn) = (0_i64, 0_usize);
    for (n, ch) in parts {
        sum += n;
        let end = ((sum as f64 / max as f64) * width as f64).round() as usize;
        out.extend(std::iter::repeat_n(*ch, end.saturating_sub(drawn)));
        drawn = drawn.max(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_longest_and_their_parts_add_up() {
        assert_eq!(bar(&[(10, '#')], 10, 20), "#".repeat(20));
        assert_eq!(bar(&[(5, '#')], 10, 20), "#".repeat(10));
        assert_eq!(bar(&[(6, '#'), (2, '-'), (2, '-')], 10, 10), "######----");
        assert_eq!(bar(&[(0, '#')], 0, 10), "");
    }

    #[test]
    fn the_bar_column_leaves_the_total_row_empty() {
        let mut t = Table::new(&[
            col("month", "月份", Kind::Text),
            col("n", "数", Kind::Plain),
        ]);
        t.push(vec!["2022-01".into(), 2.into()]);
        t.push(vec!["2022-02".into(), 4.into()]);
        t.push(vec!["total".into(), 6.into()]);
        t.add_bars(col("bar", "图", Kind::Plain), &[("n", '#')]);
        let bars: Vec<&Value> = t.rows.iter().map(|r| &r[2]).collect();
        assert_eq!(
            bars,
            [
                &Value::from("#".repeat(12)),
                &Value::from("#".repeat(24)),
                &Value::from("")
            ]
        );
    }
}
