//! A small SVG writer for the report's charts: horizontal stacked bars and
//! vertical grouped columns with an optional line, each with a title, axis
//! labels, a legend, and `<title>`/`<desc>` for screen readers. Fills are CSS
//! classes (style.css) that differ in lightness and pattern, not in hue alone.

use std::fmt::Write;

/// Width of every chart, in SVG units (about the text width of an A4 page).
pub(crate) const WIDTH: f64 = 720.0;

/// Escapes text for HTML and SVG content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a character is drawn about one em wide (CJK ideographs, kana,
/// full-width forms and punctuation).
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// The width text takes at `size` px, estimated: one em for a wide
/// character, 0.6 em for any other.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if wide(c) { size } else { size * 0.6 })
        .sum()
}

/// The text, shortened with an ellipsis to fit `width` at `size` px.
pub(crate) fn fit(s: &str, size: f64, width: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = size; // room for the ellipsis
    for c in s.chars() {
        used += if wide(c) { size } else { size * 0.6 };
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Axis ticks from 0 to a round number at or above `max`: steps of 1, 2 or 5
/// times a power of ten, four to eight of them.
pub(crate) fn ticks(max: i64) -> Vec<i64> {
    let max = max.max(1);
    let mut step = 1_i64;
    'search: loop {
        for m in [1, 2, 5] {
            if max <= step * m * 6 {
                step *= m;
                break 'search;
            }
        }
        step *= 10;
    }
    let top = (max + step - 1) / step * step;
    (0..=top / step).map(|i| i * step).collect()
}

/// A tick's number with its thousands grouped: `200,000`.
pub(crate) fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A series of a chart: its name in the legend and the CSS class of its fill.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Series<'a> {
    pub(crate) name: &'a str,
    pub(crate) class: &'static str,
}

/// An SVG image being written.
pub(crate) struct Svg {
    out: String,
}

/// A number for an attribute: one decimal at most.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

impl Svg {
    /// Opens an image of `WIDTH` × `height` whose accessible name is `title`
    /// and description `desc`; `id` must be unique in the page.
    pub(crate) fn new(id: &str, height: f64, title: &str, desc: &str) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" \
             width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
             <title id=\"{id}-t\">{t}</title><desc id=\"{id}-d\">{d}</desc>",
            w = n(WIDTH),
            h = n(height),
            t = esc(title),
            d = esc(desc),
        );
        let mut svg = Svg { out };
        svg.text(0.0, 18.0, "start", "t-title", title);
        svg
    }

    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        let _ = write!(
            self.out,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
    }

    /// Text anchored at its `start`, `middle` or `end`.
    pub(crate) fn text(&mut self, x: f64, y: f64, anchor: &str, class: &str, s: &str) {
        let _ = write!(
            self.out,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            n(x),
            n(y),
            esc(s)
        );
    }

    /// Text turned a quarter to the left around its anchor, for a vertical axis.
    pub(crate) fn text_up(&mut self, x: f64, y: f64, class: &str, s: &str) {
        let _ = write!(
            self.out,
            "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" \
             transform=\"rotate(-90 {x} {y})\">{}</text>",
            esc(s),
            x = n(x),
            y = n(y),
        );
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = write!(
            self.out,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], class: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.out,
            "<polyline class=\"{class}\" points=\"{}\"/>",
            pts.join(" ")
        );
    }

    /// A row of swatches and names from `x`, at `y` (the swatches' top).
    pub(crate) fn legend(&mut self, x: f64, y: f64, series: &[Series]) {
        let mut x = x;
        for s in series {
            self.rect(x, y, 14.0, 12.0, s.class);
            self.text(x + 19.0, y + 10.5, "start", "t-legend", s.name);
            x += 19.0 + text_width(s.name, 12.0) + 18.0;
        }
    }

    pub(crate) fn end(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// One horizontal bar: a label on the left, stacked parts (value, fill
/// class), and a note on the right (usually its figures).
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) parts: Vec<(i64, &'static str)>,
    pub(crate) note: String,
}

/// A chart of horizontal stacked bars along a value axis.
pub(crate) struct HBars<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) desc: &'a str,
    /// The value axis's label, under it.
    pub(crate) axis: &'a str,
    pub(crate) legend: &'a [Series<'a>],
    pub(crate) bars: &'a [Bar],
}

const ROW: f64 = 24.0;
const BAR: f64 = 15.0;

pub(crate) fn hbars(c: &HBars) -> String {
    let label_w = c
        .bars
        .iter()
        .map(|b| text_width(&b.label, 12.0))
        .fold(40.0, f64::max)
        .min(240.0);
    let note_w = c
        .bars
        .iter()
        .map(|b| text_width(&b.note, 11.0))
        .fold(30.0, f64::max)
        .min(220.0);
    let x0 = label_w + 12.0;
    let x1 = WIDTH - note_w - 14.0;
    let top = if c.legend.is_empty() { 36.0 } else { 56.0 };
    let plot_h = ROW * c.bars.len() as f64;
    let height = top + plot_h + 48.0;
    let max = c
        .bars
        .iter()
        .map(|b| b.parts.iter().map(|p| p.0).sum::<i64>())
        .max()
        .unwrap_or(0);
    let ticks = ticks(max);
    let top_tick = *ticks.last().expect("at least one tick") as f64;
    let scale = (x1 - x0) / top_tick;

    let mut svg = Svg::new(c.id, height, c.title, c.desc);
    svg.legend(0.0, 30.0, c.legend);
    for t in &ticks {
        let x = x0 + *t as f64 * scale;
        svg.line(x, top - 4.0, x, top + plot_h, "grid");
        svg.text(x, top + plot_h + 16.0, "middle", "t-tick", &grouped(*t));
    }
    for (i, b) in c.bars.iter().enumerate() {
        let y = top + ROW * i as f64 + (ROW - BAR) / 2.0;
        svg.text(
            x0 - 8.0,
            y + BAR - 3.0,
            "end",
            "t-label",
            &fit(&b.label, 12.0, label_w),
        );
        let mut x = x0;
        for (v, class) in &b.parts {
            if *v <= 0 {
                continue;
            }
            // A part too small to see still shows as a sliver.
            let w = (*v as f64 * scale).max(2.0);
            svg.rect(x, y, w, BAR, class);
            x += w;
        }
        svg.text(x + 6.0, y + BAR - 3.5, "start", "t-note", &b.note);
    }
    svg.line(x0, top - 4.0, x0, top + plot_h, "axis");
    svg.line(x0, top + plot_h, x1, top + plot_h, "axis");
    svg.text(
        (x0 + x1) / 2.0,
        top + plot_h + 36.0,
        "middle",
        "t-axis",
        c.axis,
    );
    svg.end()
}

/// A chart of vertical columns, one group per category, with an optional
/// line drawn over them on the same axis.
pub(crate) struct Columns<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) desc: &'a str,
    /// Label of the category axis (under it) and of the value axis (left of it).
    pub(crate) x_axis: &'a str,
    pub(crate) y_axis: &'a str,
    /// Each category's label under the axis; a second line after `\n` (a year) is written under the first.
    pub(crate) categories: &'a [String],
    pub(crate) series: &'a [(Series<'a>, Vec<i64>)],
    pub(crate) line: Option<(Series<'a>, Vec<i64>)>,
    /// Write each column's value above it (for a few columns only).
    pub(crate) values: bool,
}

pub(crate) fn columns(c: &Columns) -> String {
    let (top, plot_h) = (58.0, 200.0);
    let height = top + plot_h + 62.0;
    let n = c.categories.len().max(1);
    let max = c
        .series
        .iter()
        .flat_map(|(_, v)| v.iter())
        .chain(c.line.iter().flat_map(|(_, v)| v.iter()))
        .copied()
        .max()
        .unwrap_or(0);
    let ticks = ticks(max);
    let top_tick = *ticks.last().expect("at least one tick") as f64;
    // Room on the left for the widest tick label and the axis label beside it.
    let x0 = (text_width(&grouped(top_tick as i64), 11.0) + 36.0).max(64.0);
    let x1 = WIDTH - 10.0;
    let y_of = |v: i64| top + plot_h - v as f64 / top_tick * plot_h;
    let slot = (x1 - x0) / n as f64;
    let group_w = slot * 0.76;
    let col_w = group_w / c.series.len().max(1) as f64;

    let mut legend: Vec<Series> = c.series.iter().map(|(s, _)| *s).collect();
    legend.extend(c.line.as_ref().map(|(s, _)| *s));
    let mut svg = Svg::new(c.id, height, c.title, c.desc);
    svg.legend(0.0, 30.0, &legend);
    for t in &ticks {
        let y = y_of(*t);
        svg.line(x0, y, x1, y, "grid");
        svg.text(x0 - 6.0, y + 4.0, "end", "t-tick", &grouped(*t));
    }
    // Label every k-th category so that labels never overlap.
    let widest = c
        .categories
        .iter()
        .map(|s| text_width(s.split('\n').next().unwrap_or(""), 11.0))
        .fold(0.0, f64::max);
    let every = ((widest + 8.0) / slot).ceil().max(1.0) as usize;
    for (i, cat) in c.categories.iter().enumerate() {
        let gx = x0 + slot * i as f64 + (slot - group_w) / 2.0;
        for (k, (s, values)) in c.series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            let x = gx + col_w * k as f64;
            let y = y_of(v);
            svg.rect(x, y, col_w, top + plot_h - y, s.class);
            if c.values {
                svg.text(
                    x + col_w / 2.0,
                    y - 4.0,
                    "middle",
                    "t-value",
                    &v.to_string(),
                );
            }
        }
        let (first, second) = cat.split_once('\n').unwrap_or((cat, ""));
        let cx = x0 + slot * (i as f64 + 0.5);
        if i % every == 0 {
            svg.text(cx, top + plot_h + 16.0, "middle", "t-tick", first);
        }
        if !second.is_empty() {
            svg.text(cx, top + plot_h + 30.0, "middle", "t-tick", second);
        }
    }
    if let Some((s, values)) = &c.line {
        let pts: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (x0 + slot * (i as f64 + 0.5), y_of(*v)))
            .collect();
        svg.polyline(&pts, "trend");
        for (x, y) in &pts {
            svg.rect(x - 3.5, y - 3.5, 7.0, 7.0, s.class);
        }
    }
    svg.line(x0, top, x0, top + plot_h, "axis");
    svg.line(x0, top + plot_h, x1, top + plot_h, "axis");
    svg.text(
        (x0 + x1) / 2.0,
        top + plot_h + 50.0,
        "middle",
        "t-axis",
        c.x_axis,
    );
    svg.text_up(14.0, top + plot_h / 2.0, "t-axis", c.y_axis);
    svg.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(0), [0, 1]);
        assert_eq!(ticks(5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(ticks(777), [0, 200, 400, 600, 800]);
        assert_eq!(ticks(1000), [0, 200, 400, 600, 800, 1000]);
        let t = ticks(826_953);
        assert!(*t.last().unwrap() >= 826_953 && t.len() <= 8, "{t:?}");
    }

    #[test]
    fn tick_numbers_group_their_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(800), "800");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_000_000), "1,000,000");
        assert_eq!(grouped(-12345), "-12,345");
    }

    #[test]
    fn text_is_escaped_and_fitted() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(text_width("古南ab", 10.0), 32.0);
        assert_eq!(fit("重庆綦江威铭机械制造有限公司", 10.0, 50.0), "重庆綦江…");
        assert_eq!(fit("古南街道", 10.0, 50.0), "古南街道");
    }

    #[test]
    fn every_chart_names_itself_for_screen_readers() {
        let bars = [Bar {
            label: "古南街道".into(),
            parts: vec![(3, "k-closed"), (1, "k-progress")],
            note: "4".into(),
        }];
        let svg = hbars(&HBars {
            id: "c1",
            title: "By town",
            desc: "one bar <per> town",
            axis: "tickets",
            legend: &[],
            bars: &bars,
        });
        assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""), "{svg}");
        assert!(svg.contains("<title id=\"c1-t\">By town</title>"), "{svg}");
        assert!(
            svg.contains("<desc id=\"c1-d\">one bar &lt;per&gt; town</desc>"),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"));
    }
}
