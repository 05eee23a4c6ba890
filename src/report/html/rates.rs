//! Section 7: the departments' assessment rates (`report assessment --by
//! department`) against their red lines: one row per rate, the district's
//! rate as a bar, each department's as a tick on it, the red line drawn
//! across; every department's figures in the table under it.

use super::parts::{figure, open, para, table, Cell, RowKind};
use super::svg::{Series, Svg, WIDTH};
use super::{Figures, BARS};
use crate::db::report::assessment::Row;
use crate::domain::assessment::{Rate, Ratio};
use crate::domain::Lang;

const LEFT: f64 = 150.0;
const RIGHT: f64 = 590.0;
const TOP: f64 = 58.0;
const ROW: f64 = 30.0;
const BAR: f64 = 16.0;
// The notes right of the plot fit in the chart.
const _: () = assert!(RIGHT + 130.0 <= WIDTH);

/// 7. The departments' rates with their red lines.
pub(crate) fn rates(f: &Figures, lang: Lang) -> String {
    let (rows, total) = (&f.assessment.0, &f.assessment.1);
    let mut s = open(
        7,
        lang.pick(
            "The departments' assessment rates against their red lines",
            "承办单位考核指标与红线",
        ),
    );
    let title = match lang {
        Lang::En => format!(
            "Assessment rates on {}: the district and each department",
            f.scope.day_iso()
        ),
        Lang::Zh => format!("{}考核指标：全区与各承办单位", f.scope.day_iso()),
    };
    let desc = Rate::ALL
        .iter()
        .map(|r| {
            let t = total.rates[*r as usize];
            let line = percent_of(r.red_line());
            let value = t.percent().unwrap_or_else(|| "-".into());
            match lang {
                Lang::En => format!(
                    "{} {value} (red line {line})",
                    r.label(lang).replace('_', " ")
                ),
                Lang::Zh => format!("{}{value}（红线{line}）", r.label(lang)),
            }
        })
        .collect::<Vec<_>>()
        .join(lang.pick("; ", "；"));
    s += &figure(chart(&title, &desc, rows, total, lang));
    s += &para(
        "check",
        lang.pick(
            "The bar is the district's rate, each short mark a department's (those with tickets in the rate's denominator), the dashed line the red line: a floor, or for the return and redo rates a ceiling. An empty rate has no tickets in its denominator.",
            "条形为全区指标，短竖线为各承办单位（该指标分母不为零者），虚线为红线：不低于红线为达标；退单率、重办率不高于红线为达标。分母为零的指标不计。",
        ),
    );
    let shown = &rows[..rows.len().min(BARS)];
    let line = |kind, code: String, name: String, r: &Row| {
        let mut cells = vec![Cell::Text(code), Cell::Text(name), Cell::Num(r.tickets)];
        for rate in Rate::ALL {
            cells.push(rate_cell(rate, r.rates[rate as usize]));
        }
        (kind, cells)
    };
    let none = lang.pick("(no department)", "（无承办单位）");
    let mut table_rows: Vec<(RowKind, Vec<Cell>)> = shown
        .iter()
        .map(|r| {
            line(
                RowKind::Plain,
                r.group.clone().unwrap_or_else(|| none.into()),
                r.name.clone().unwrap_or_default(),
                r,
            )
        })
        .collect();
    if rows.len() > shown.len() {
        s += &para(
            "more",
            &match lang {
                Lang::En => format!(
                    "The table lists {} of {} departments; `qianqi report assessment` lists them all.",
                    shown.len(),
                    rows.len()
                ),
                Lang::Zh => format!(
                    "下表列出{}个承办单位（共{}个），完整清单请用 qianqi report assessment。",
                    shown.len(),
                    rows.len()
                ),
            },
        );
    }
    table_rows.push(line(
        RowKind::Total,
        lang.pick("district", "全区").into(),
        String::new(),
        total,
    ));
    let labels: Vec<String> = Rate::ALL
        .iter()
        .map(|r| match lang {
            Lang::En => format!(
                "{} (red line {})",
                r.label(lang).replace('_', " "),
                percent_of(r.red_line())
            ),
            Lang::Zh => format!("{}（红线{}）", r.label(lang), percent_of(r.red_line())),
        })
        .collect();
    let mut head = vec![
        lang.pick("department", "承办单位"),
        lang.pick("department name", "承办单位名称"),
        lang.pick("tickets", "问题数"),
    ];
    head.extend(labels.iter().map(String::as_str));
    s += &table(&title, &head, &table_rows);
    s += &para(
        "check",
        lang.pick(
            "▼ marks a rate on the wrong side of its red line. Each rate is its numerator over its denominator; the formulas: `qianqi report assessment`.",
            "▼ 表示未达红线。各指标为分子/分母，计算口径见 qianqi report assessment。",
        ),
    );
    s + "</section>\n"
}

/// `80%`, `5%`: a red line as people say it.
fn percent_of(line: f64) -> String {
    let p = line * 100.0;
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

fn rate_cell(rate: Rate, r: Ratio) -> Cell {
    match r.percent() {
        None => Cell::Rate("-".into(), format!("{}/{}", r.n, r.d)),
        Some(p) => {
            let mark = if rate.meets(r) == Some(false) {
                " ▼"
            } else {
                ""
            };
            Cell::Rate(format!("{p}{mark}"), format!("{}/{}", r.n, r.d))
        }
    }
}

fn chart(title: &str, desc: &str, rows: &[Row], total: &Row, lang: Lang) -> String {
    let n = Rate::ALL.len() as f64;
    let bottom = TOP + n * ROW;
    let mut svg = Svg::new("c-rates", bottom + 44.0, title, desc);
    let legend = [
        Series {
            name: lang.pick("district", "全区"),
            class: "k-rate",
        },
        Series {
            name: lang.pick("a department", "承办单位"),
            class: "k-dept",
        },
    ];
    svg.legend(0.0, 30.0, &legend);
    let after = 19.0 * 2.0
        + 36.0
        + legend
            .iter()
            .map(|s| super::svg::text_width(s.name, 12.0))
            .sum::<f64>();
    svg.line(after, 36.0, after + 22.0, 36.0, "red-line");
    svg.text(
        after + 27.0,
        40.5,
        "start",
        "t-legend",
        lang.pick("red line", "红线"),
    );
    let x = |v: f64| LEFT + (RIGHT - LEFT) * v.clamp(0.0, 1.0);
    for tick in (0..=10).step_by(2) {
        let v = tick as f64 / 10.0;
        svg.line(x(v), TOP - 4.0, x(v), bottom, "grid");
        svg.text(
            x(v),
            bottom + 14.0,
            "middle",
            "t-tick",
            &format!("{}%", tick * 10),
        );
    }
    svg.line(LEFT, TOP - 4.0, LEFT, bottom, "axis");
    svg.text(
        (LEFT + RIGHT) / 2.0,
        bottom + 34.0,
        "middle",
        "t-axis",
        lang.pick("rate (numerator / denominator)", "指标值（分子/分母）"),
    );
    for (i, rate) in Rate::ALL.iter().enumerate() {
        let y = TOP + i as f64 * ROW + (ROW - BAR) / 2.0;
        let label = match lang {
            Lang::En => rate.label(lang).replace('_', " "),
            Lang::Zh => rate.label(lang).to_string(),
        };
        svg.text(LEFT - 8.0, y + BAR - 3.0, "end", "t-label", &label);
        let t = total.rates[*rate as usize];
        if let Some(v) = t.value() {
            svg.rect(LEFT, y, x(v) - LEFT, BAR, "k-rate");
        }
        let marks = rows
            .iter()
            .filter(|r| r.group.is_some())
            .filter_map(|r| r.rates[*rate as usize].value())
            .map(|v| (x(v) - 1.0, x(v) + 1.0));
        for (from, to) in merged(marks) {
            svg.rect(from, y - 3.0, to - from, BAR + 6.0, "k-dept");
        }
        let l = x(rate.red_line());
        svg.line(l, y - 6.0, l, y + BAR + 6.0, "red-line");
        let note = match t.percent() {
            Some(p) => {
                let mark = if rate.meets(t) == Some(false) {
                    " ▼"
                } else {
                    ""
                };
                format!("{p} ({}/{}){mark}", t.n, t.d)
            }
            None => format!("- ({}/{})", t.n, t.d),
        };
        svg.text(RIGHT + 8.0, y + BAR - 3.0, "start", "t-note", &note);
    }
    svg.end()
}

/// The departments' marks on one rate's bar as few rectangles: marks that
/// overlap or touch are drawn as one, which covers the same ground, so that
/// two thousand departments do not make two thousand shapes.
fn merged(marks: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    let mut marks: Vec<(f64, f64)> = marks.collect();
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (from, to) in marks {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::merged;

    #[test]
    fn marks_that_touch_are_drawn_as_one() {
        let marks = [(5.0, 7.0), (1.0, 3.0), (3.0, 5.0), (9.0, 11.0), (9.5, 10.0)];
        assert_eq!(merged(marks.into_iter()), vec![(1.0, 7.0), (9.0, 11.0)]);
        assert!(merged(std::iter::empty()).is_empty());
    }
}
