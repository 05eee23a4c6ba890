//! Rows with named columns, rendered as a table, CSV or JSON.

use super::column::{Column, Kind, Value};
use super::terminal::{display_width, terminal};
use super::Format;
use crate::csvio::{self, SinkOptions};
use crate::domain::Lang;
use anyhow::Result;
use comfy_table::{presets, CellAlignment, ContentArrangement};
use std::io::Write;

/// The columns whose non-zero value puts its row in red on a coloured
/// terminal: days overdue, and the difference of a declared figure.
const ALERT_COLUMNS: [&str; 2] = ["days_overdue", "difference"];

/// Free text (names, summaries, notes) on a terminal is cut, but never
/// below this many columns (six Chinese characters).
const FREE_TEXT_MIN: usize = 12;

/// Free text grows to this many columns (a registered name of 13 Chinese
/// characters) before a header is put back on one line.
const FREE_TEXT_NAME: usize = 26;

/// Rows with named columns.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub(crate) columns: Vec<Column>,
    pub(crate) rows: Vec<Vec<Value>>,
}

impl Table {
    pub(crate) fn new(columns: &[Column]) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// Adds a column of bars, one per row but the last (the total), scaled
    /// to the longest: each part is the value of a column (by key) drawn with
    /// its character. Only for a table shown on a terminal; the bars are
    /// ASCII, because block characters are double width in some Chinese terminals.
    pub(crate) fn add_bars(&mut self, header: Column, parts: &[(&str, char)]) {
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

    pub(crate) fn headers(&self, lang: Lang) -> Vec<&'static str> {
        self.columns
            .iter()
            .map(|c| lang.pick(c.key, c.zh))
            .collect()
    }

    pub(crate) fn render(
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

    /// The value at a row and column as a table shows it: group keys
    /// labelled, vocabulary values translated.
    fn shown_in_table(&self, row: &[Value], i: usize, lang: Lang) -> Value {
        if let Some(g) = self.columns[i].group {
            match &row[i] {
                Value::Null => return lang.pick(g.none_en, g.none_zh).into(),
                Value::Text(s) if s == "total" => return lang.pick("total", "合计").into(),
                _ => {}
            }
        }
        self.shown(row, i, lang)
    }

    /// A CSV cell, for a spreadsheet in the language asked: vocabulary
    /// values and the total row translated as in a table, a row without a
    /// group left empty.
    fn shown_in_csv(&self, row: &[Value], i: usize, lang: Lang) -> Value {
        match &row[i] {
            Value::Text(s) if self.columns[i].group.is_some() && s == "total" => {
                lang.pick("total", "合计").into()
            }
            _ => self.shown(row, i, lang),
        }
    }

    /// The value at a row and column as shown in `lang`: vocabulary values translated.
    fn shown(&self, row: &[Value], i: usize, lang: Lang) -> Value {
        match self.columns[i].kind {
            Kind::Vocab(v) => v.label(&row[i], lang),
            _ => row[i].clone(),
        }
    }

    /// The table as text. On a terminal it fits the width: headers broken
    /// between words and free text cut with …, or, when even that is too
    /// wide, each row as a block of `header | value` lines.
    pub(crate) fn write_table(&self, w: &mut dyn Write, lang: Lang) -> Result<()> {
        let Some(width) = terminal().width else {
            writeln!(w, "{}", self.to_comfy(lang, None))?;
            return Ok(());
        };
        let cells = self.cells(lang);
        match self.fit(lang, &cells, usize::from(width)) {
            Some(widths) => writeln!(w, "{}", self.to_comfy(lang, Some((&cells, &widths))))?,
            None => self.write_records(w, lang, &cells, usize::from(width))?,
        }
        Ok(())
    }

    /// Every cell as a table shows it, on one line.
    fn cells(&self, lang: Lang) -> Vec<Vec<String>> {
        (self.rows.iter())
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        let s = self.shown_in_table(row, i, lang).text();
                        if s.contains(['\n', '\r', '\t']) {
                            s.replace(['\n', '\r', '\t'], " ")
                        } else {
                            s
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The width of each column in a table `width` columns wide, or None if
    /// the table cannot fit: a header may break after a `_` or at a space,
    /// never inside a word; free text (names, summaries, notes) gives way
    /// down to [`FREE_TEXT_MIN`] columns; codes, dates, statuses and numbers
    /// keep their width.
    fn fit(&self, lang: Lang, cells: &[Vec<String>], width: usize) -> Option<Vec<usize>> {
        let headers = self.headers(lang);
        let content: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                cells
                    .iter()
                    .map(|r| display_width(&r[i]))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let word = |h: &str| header_words(h).iter().map(|p| display_width(p)).max();
        let least: Vec<usize> = (self.columns.iter().enumerate())
            .map(|(i, c)| {
                let word = word(headers[i]).unwrap_or(0);
                match c.kind {
                    Kind::Text => content[i].min(FREE_TEXT_MIN).max(word),
                    _ => content[i].max(word),
                }
            })
            .collect();
        let frame = 3 * self.columns.len() + 1;
        let mut spare = width.checked_sub(frame + least.iter().sum::<usize>())?;
        let mut widths = least;
        // Free text first up to a registered name's width, then headers on
        // one line (the cheapest first), then free text up to its content.
        let grow_text = |widths: &mut [usize], spare: &mut usize, up_to: usize| {
            while *spare > 0 {
                let narrowest = (self.columns.iter().enumerate())
                    .filter(|(i, c)| c.kind == Kind::Text && widths[*i] < content[*i].min(up_to))
                    .min_by_key(|(i, _)| widths[*i])
                    .map(|(i, _)| i);
                let Some(i) = narrowest else { break };
                widths[i] += 1;
                *spare -= 1;
            }
        };
        grow_text(&mut widths, &mut spare, FREE_TEXT_NAME);
        let mut broken: Vec<(usize, usize)> = (0..widths.len())
            .filter_map(|i| {
                let need = display_width(headers[i]).checked_sub(widths[i])?;
                (need > 0).then_some((need, i))
            })
            .collect();
        broken.sort_unstable();
        for (need, i) in broken {
            if need <= spare {
                widths[i] += need;
                spare -= need;
            }
        }
        grow_text(&mut widths, &mut spare, usize::MAX);
        Some(widths)
    }

    /// Each row as a block of `header | value` lines under a `-[ n ]` line,
    /// for a table too wide for the terminal: headers and codes whole, long
    /// values cut with ….
    fn write_records(
        &self,
        w: &mut dyn Write,
        lang: Lang,
        cells: &[Vec<String>],
        width: usize,
    ) -> Result<()> {
        let headers = self.headers(lang);
        let label = headers.iter().map(|h| display_width(h)).max().unwrap_or(0);
        let room = width.saturating_sub(label + 3).max(1);
        let widest = (cells.iter().flatten())
            .map(|c| display_width(c))
            .max()
            .unwrap_or(0)
            .min(room);
        let alerts = self.alert_columns();
        let color = terminal().color;
        for (n, (row, shown)) in self.rows.iter().zip(cells).enumerate() {
            let mark = format!("-[ {} ]", n + 1);
            let rule = (label + 3 + widest).max(mark.len() + 1);
            writeln!(w, "{mark}{}", "-".repeat(rule - mark.len()))?;
            let late = color && is_late(row, &alerts);
            for (h, value) in headers.iter().zip(shown) {
                let pad = " ".repeat(label - display_width(h));
                let value = cut(value, room);
                let value = if late && !value.is_empty() {
                    format!("\x1b[31m{value}\x1b[0m")
                } else {
                    value
                };
                writeln!(w, "{}", format!("{h}{pad} | {value}").trim_end())?;
            }
        }
        Ok(())
    }

    /// The columns whose non-zero value marks a row a reader must not miss.
    fn alert_columns(&self) -> Vec<usize> {
        (self.columns.iter().enumerate())
            .filter(|(_, c)| ALERT_COLUMNS.contains(&c.key))
            .map(|(i, _)| i)
            .collect()
    }

    /// The comfy-table form: ASCII borders, because box-drawing characters
    /// are double width in some Chinese terminals and break the alignment.
    /// With widths (on a terminal) the headers are broken between words and
    /// the cells cut to them.
    fn to_comfy(
        &self,
        lang: Lang,
        fitted: Option<(&[Vec<String>], &[usize])>,
    ) -> comfy_table::Table {
        let term = terminal();
        let mut t = comfy_table::Table::new();
        let headers = self.headers(lang);
        let headers: Vec<String> = match fitted {
            Some((_, widths)) => (headers.iter().zip(widths))
                .map(|(h, w)| wrap_header(h, *w))
                .collect(),
            None => headers.iter().map(|h| h.to_string()).collect(),
        };
        t.load_preset(presets::ASCII_MARKDOWN)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(headers);
        if term.color {
            t.enforce_styling();
        }
        let alerts = self.alert_columns();
        for (n, row) in self.rows.iter().enumerate() {
            // A row a reader must not miss: an overdue ticket, a declared
            // figure that differs from the database.
            let late = term.color && is_late(row, &alerts);
            let r = comfy_table::Row::from((0..row.len()).map(|i| {
                let v = self.shown_in_table(row, i, lang);
                let text = match fitted {
                    Some((cells, widths)) => cut(&cells[n][i], widths[i]),
                    None => v.text(),
                };
                let mut cell = comfy_table::Cell::new(text);
                if matches!(v, Value::Int(_) | Value::Real(_)) {
                    cell = cell.set_alignment(CellAlignment::Right);
                }
                if late {
                    cell = cell.fg(comfy_table::Color::Red);
                }
                cell
            }));
            t.add_row(r);
        }
        t
    }

    pub(crate) fn write_csv(&self, w: &mut dyn Write, lang: Lang, opts: SinkOptions) -> Result<()> {
        let mut out = csvio::sink(w, opts);
        out.write_record(self.headers(lang))?;
        for row in &self.rows {
            out.write_record(self.columns.iter().enumerate().map(|(i, c)| {
                let s = self.shown_in_csv(row, i, lang).text();
                match c.kind {
                    Kind::Text => csvio::guard(&s).into_owned(),
                    Kind::Id => csvio::export_id(&s).into_owned(),
                    Kind::Code => csvio::export_code(&s).into_owned(),
                    Kind::Plain | Kind::Vocab(_) => s,
                }
            }))?;
        }
        out.flush()?;
        Ok(())
    }

    /// An array of objects keyed by the column keys, whatever the language.
    pub(crate) fn write_json(&self, w: &mut dyn Write) -> Result<()> {
        serde_json::to_writer_pretty(&mut *w, &self.json_rows())?;
        writeln!(w)?;
        Ok(())
    }

    /// The rows as JSON objects keyed by the column keys: numbers as numbers,
    /// vocabulary values as their stored names.
    pub(crate) fn json_rows(&self) -> Vec<serde_json::Value> {
        self.rows
            .iter()
            .map(|row| {
                let fields: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let j = match self.shown(row, i, Lang::En) {
                            Value::Text(s) => serde_json::Value::from(s),
                            Value::Int(n) => serde_json::Value::from(n),
                            Value::Real(x) => serde_json::Value::from(x),
                            Value::Null => serde_json::Value::Null,
                        };
                        (c.key.to_string(), j)
                    })
                    .collect();
                serde_json::Value::Object(fields)
            })
            .collect()
    }
}

/// Whether a row has a non-zero value in an alert column.
fn is_late(row: &[Value], alerts: &[usize]) -> bool {
    (alerts.iter()).any(|&i| matches!(row[i], Value::Int(n) if n != 0))
}

/// The pieces a header may be broken into: after each `_`, and at spaces.
fn header_words(h: &str) -> Vec<&str> {
    (h.split(' ').filter(|w| !w.is_empty()))
        .flat_map(|w| w.split_inclusive('_'))
        .collect()
}

/// A header on lines no wider than `width` where its words allow, broken
/// only between words.
fn wrap_header(h: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in header_words(h) {
        match lines.last_mut() {
            Some(line) if fits_after(line, word, width) => {
                if !line.ends_with('_') {
                    line.push(' ');
                }
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// Whether `word` fits on `line` within `width`: after a `_` directly,
/// else after a space.
fn fits_after(line: &str, word: &str, width: usize) -> bool {
    let space = usize::from(!line.ends_with('_'));
    display_width(line) + space + display_width(word) <= width
}

/// A text cut to `width` columns, ending with … when something was cut.
fn cut(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A bar of `width` characters at most for parts summing to `max`: each part
/// drawn with its character, the ends rounded so the parts add up.
pub(crate) fn bar(parts: &[(i64, char)], max: i64, width: usize) -> String {
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
    use crate::output::{col, Vocab};

    /// A `--by tier` table: an unpaired group, one tier, and the total row.
    fn by_tier() -> Table {
        let mut t = Table::new(&[
            col("tier", "层级", Kind::Vocab(Vocab::Tier)).group_key("(not paired)", "（未结对）"),
            col("collected", "收集", Kind::Plain),
        ]);
        t.push(vec![Value::Null, 1.into()]);
        t.push(vec!["district".into(), 2.into()]);
        t.push(vec!["total".into(), 3.into()]);
        t
    }

    fn text(f: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_labels_group_keys_and_translates_vocabulary_values() {
        let t = by_tier();
        let zh = text(|w| t.write_table(w, Lang::Zh));
        for label in ["（未结对）", "区级", "合计"] {
            assert!(zh.contains(label), "{label} missing from\n{zh}");
        }
        let en = text(|w| t.write_table(w, Lang::En));
        for label in ["(not paired)", "district", "total"] {
            assert!(en.contains(label), "{label} missing from\n{en}");
        }
    }

    #[test]
    fn csv_speaks_the_language_asked_and_json_keeps_stored_names_null_and_total() {
        let t = by_tier();
        let opts = SinkOptions {
            bom: false,
            ..SinkOptions::default()
        };
        let csv = text(|w| t.write_csv(w, Lang::Zh, opts));
        assert_eq!(csv, "层级,收集\r\n,1\r\n区级,2\r\n合计,3\r\n");
        let csv = text(|w| t.write_csv(w, Lang::En, opts));
        assert_eq!(csv, "tier,collected\r\n,1\r\ndistrict,2\r\ntotal,3\r\n");
        let json = text(|w| t.write_json(w));
        assert!(json.contains("\"tier\": null") && json.contains("\"tier\": \"total\""));
    }

    #[test]
    fn reconciliation_terms_are_translated_in_tables_only() {
        let term = Vocab::Term;
        assert_eq!(
            term.label(&"in_progress".into(), Lang::Zh),
            "正在办理".into()
        );
        assert_eq!(
            term.label(&"in_progress".into(), Lang::En),
            "in_progress".into()
        );
        assert_eq!(term.label(&"other".into(), Lang::Zh), "other".into());
    }

    #[test]
    fn headers_break_only_between_words_and_text_is_cut_by_display_width() {
        assert_eq!(wrap_header("enterprise_name", 11), "enterprise_\nname");
        assert_eq!(wrap_header("enterprise_name", 8), "enterprise_\nname");
        assert_eq!(wrap_header("last_urge_on", 10), "last_urge_\non");
        assert_eq!(wrap_header("企业名称", 4), "企业名称");
        assert_eq!(cut("重庆金美新材料", 12), "重庆金美新…");
        assert_eq!(cut("重庆金美新材料", 11), "重庆金美新…");
        assert_eq!(cut("重庆金美", 8), "重庆金美");
        assert_eq!(cut("abcdef", 4), "abc…");
    }

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
