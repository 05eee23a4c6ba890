//! What every section is made of: headings, paragraphs, figures, tables,
//! and the names of terms and months as read in either language.

use super::svg::{esc, Series};
use crate::domain::reconcile::{TERMS, TERMS_ZH};
use crate::domain::Lang;
use crate::output::Value;

/// `<section><h2>N. heading</h2>`.
pub(super) fn open(n: usize, heading: &str) -> String {
    format!("<section id=\"s{n}\">\n<h2>{n}. {}</h2>\n", esc(heading))
}

pub(super) fn figure(svg: String) -> String {
    format!("<figure>{svg}</figure>\n")
}

pub(super) fn para(class: &str, text: &str) -> String {
    format!("<p class=\"{class}\">{}</p>\n", esc(text))
}

/// The name of a term of the identity in `lang`, for reading.
pub(super) fn term(i: usize, lang: Lang) -> String {
    match lang {
        Lang::En => TERMS[i].replace('_', " "),
        Lang::Zh => TERMS_ZH[i].to_string(),
    }
}

/// "… and 12 more" under a shortened list.
pub(super) fn more(lang: Lang, count: i64, shown: usize) -> String {
    let rest = count - shown as i64;
    if rest <= 0 {
        return String::new();
    }
    para(
        "more",
        &match lang {
            Lang::En => format!(
                "… and {rest} more (the full list: `qianqi report` in the terminal or as CSV)"
            ),
            Lang::Zh => format!("……另有{rest}项（完整清单请用 qianqi report 命令查看或导出CSV）"),
        },
    )
}

/// A month's label under a chart: `3月` or `Mar`, with the year under
/// the first month shown and under every January.
pub(super) fn month_label(month: &str, first: bool, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (year, m) = (
        &month[..4.min(month.len())],
        month.get(5..7).and_then(|m| m.parse::<usize>().ok()),
    );
    let Some(m) = m.filter(|m| (1..=12).contains(m)) else {
        return month.to_string();
    };
    let name = match lang {
        Lang::En => EN[m - 1].to_string(),
        Lang::Zh => format!("{m}月"),
    };
    if first || m == 1 {
        format!("{name}\n{year}")
    } else {
        name
    }
}

pub(super) fn month_labels<'a>(months: impl Iterator<Item = &'a str>, lang: Lang) -> Vec<String> {
    months
        .enumerate()
        .map(|(i, m)| month_label(m, i == 0, lang))
        .collect()
}

pub(super) fn series<'a>(lang: Lang, en: &'a str, zh: &'a str, class: &'static str) -> Series<'a> {
    Series {
        name: lang.pick(en, zh),
        class,
    }
}

/// A cell of an HTML table.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Text(String),
    Num(i64),
    /// A rate: its percentage over its numerator / denominator.
    Rate(String, String),
    Empty,
}

impl From<&Value> for Cell {
    fn from(v: &Value) -> Cell {
        match v {
            Value::Text(s) => Cell::Text(s.clone()),
            Value::Int(n) => Cell::Num(*n),
            Value::Real(x) => Cell::Text(x.to_string()),
            Value::Null => Cell::Empty,
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Num(n)
    }
}

/// The class of a table row: plain, the sum of the rows left out, or the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    Plain,
    Rest,
    Total,
}

/// An HTML table with a caption; numbers are right-aligned, and so are the
/// headers of columns that hold them.
pub(super) fn table(caption: &str, head: &[&str], rows: &[(RowKind, Vec<Cell>)]) -> String {
    let numeric: Vec<bool> = (0..head.len())
        .map(|i| {
            rows.iter()
                .any(|(_, r)| matches!(r.get(i), Some(Cell::Num(_) | Cell::Rate(..))))
        })
        .collect();
    let mut out = format!("<table>\n<caption>{}</caption>\n<thead><tr>", esc(caption));
    for (h, num) in head.iter().zip(&numeric) {
        let class = if *num { " class=\"n\"" } else { "" };
        out.push_str(&format!("<th scope=\"col\"{class}>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (kind, row) in rows {
        out.push_str(match kind {
            RowKind::Plain => "<tr>",
            RowKind::Rest => "<tr class=\"rest\">",
            RowKind::Total => "<tr class=\"total\">",
        });
        for cell in row {
            match cell {
                // A code or a date (one ASCII word) is never broken over
                // two lines; names and other text may wrap.
                Cell::Text(s)
                    if !s.is_empty() && s.is_ascii() && !s.contains(char::is_whitespace) =>
                {
                    out.push_str(&format!("<td class=\"c\">{}</td>", esc(s)))
                }
                Cell::Text(s) => out.push_str(&format!("<td>{}</td>", esc(s))),
                Cell::Num(n) => out.push_str(&format!("<td class=\"n\">{n}</td>")),
                Cell::Rate(p, terms) => out.push_str(&format!(
                    "<td class=\"n\">{}<br><small>{}</small></td>",
                    esc(p),
                    esc(terms)
                )),
                Cell::Empty => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
