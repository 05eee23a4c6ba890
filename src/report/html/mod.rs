//! `report html`: one self-contained HTML page of charts, each with its
//! numbers in a table, that a supervisor can open without a network, print
//! on A4 and mail. The figures come from the other reports (read in one
//! snapshot of the database); the charts are SVG written by `svg`, the
//! sections by `identity`, `groups`, `people` and `rates` from the pieces in
//! `parts`, the look by style.css. No script, and nothing loaded from
//! outside the file.

mod groups;
mod identity;
mod parts;
mod people;
mod rates;
pub(crate) mod svg;

use super::coverage::{self, List};
use super::reconcile::{self, Listed, Row};
use super::Scope;
use crate::db::html::{self as figures, MonthFlow, MonthVisits, OpenByLateness};
use crate::db::report::assessment::Row as RateRow;
use crate::db::Db;
use crate::domain::reconcile::Counts;
use crate::domain::Lang;
use crate::output::Table;
use anyhow::Result;
use svg::esc;

/// At most this many tickets (or enterprises, cadres) are named in a list;
/// the rest are counted.
pub(crate) const NAMED: usize = 20;

/// At most this many towns or departments get a bar of their own; the rest
/// are summed into one row of the table.
pub(crate) const BARS: usize = 25;

/// The tickets' histories are read on this many threads, each over its
/// share of the tickets, while the ticket counts are read on the calling one.
const HISTORY_READERS: usize = 2;

/// A cadre is idle after this many days without a visit (as `report coverage`).
pub(crate) const IDLE_DAYS: u32 = 90;

/// Everything the page shows.
pub(crate) struct Figures {
    pub(crate) scope: Scope,
    pub(crate) total: Counts,
    pub(crate) towns: Vec<Row>,
    pub(crate) departments: Vec<Row>,
    /// Tickets awaiting acceptance, then overdue ones, at most `NAMED` of each.
    pub(crate) listed: Vec<Listed>,
    pub(crate) months: Vec<MonthFlow>,
    pub(crate) lateness: Vec<OpenByLateness>,
    /// Tier, cadres, enterprises; the total row last.
    pub(crate) coverage: Table,
    pub(crate) unpaired: Table,
    pub(crate) idle: Table,
    pub(crate) visits: Vec<MonthVisits>,
    /// The departments' assessment rates, and the district's total row.
    pub(crate) assessment: (Vec<RateRow>, RateRow),
}

/// Reads every figure of the page on three connections at once. The
/// tickets' figures come from one state of the database, read on two of
/// them side by side: the counts and lists on this thread, the histories
/// (month flows and assessment) on another, both seeing the same tickets
/// and events (`side_by_side`). The cadres', enterprises' and visits'
/// figures are read in a snapshot of their own on a third: no figure of
/// theirs is checked against the tickets'. `phase` is told the name of each
/// read of this thread as it ends, so a benchmark can say where the time goes.
pub(crate) fn gather(db: &Db, scope: &Scope, phase: &mut dyn FnMut(&str)) -> Result<Figures> {
    let other = figures::second_reader(db)?;
    let readers = (0..HISTORY_READERS)
        .map(|_| figures::second_reader(db))
        .collect::<Result<Vec<_>>>()?;
    let scope = *scope;
    std::thread::scope(|s| {
        let people = s.spawn(move || {
            let db = &other;
            figures::one_snapshot(db, || {
                Ok((
                    coverage::table(db, &scope)?,
                    coverage::list(db, &scope, List::Unpaired, IDLE_DAYS)?,
                    coverage::list(db, &scope, List::Idle, IDLE_DAYS)?,
                    figures::visits_by_month(db, &scope)?,
                ))
            })
        });
        let tickets = figures::side_by_side(
            db,
            readers,
            || {
                let listed = reconcile::listed(db, &scope, NAMED as u32)?;
                phase("awaiting and overdue lists");
                let lateness = figures::open_by_lateness(db, &scope)?;
                phase("open tickets by lateness");
                let labels = figures::labels(db)?;
                phase("labels");
                Ok((listed, lateness, labels))
            },
            |h, part| figures::histories(h, &scope, part, HISTORY_READERS),
        );
        let ((listed, lateness, labels), parts) = tickets?;
        phase("histories: months, towns, departments, assessment (other threads)");
        let histories = parts
            .into_iter()
            .reduce(|mut all, part| {
                all.merge(part);
                all
            })
            .ok_or_else(|| {
                anyhow::anyhow!(crate::tr!(
                    "no reader read the tickets' histories",
                    "没有读到问题的办理记录"
                ))
            })?;
        let counted = histories.figures(&labels);
        let (coverage, unpaired, idle, visits) = people.join().map_err(|_| {
            anyhow::anyhow!(crate::tr!(
                "reading the coverage and visits failed",
                "读取覆盖情况和走访数据失败"
            ))
        })??;
        phase("coverage and visits (third thread)");
        Ok(Figures {
            scope,
            total: counted.total,
            towns: counted.towns,
            departments: counted.departments,
            listed,
            months: counted.months,
            lateness,
            coverage,
            unpaired,
            idle,
            visits,
            assessment: counted.rates,
        })
    })
}

/// The whole page.
pub(crate) fn page(f: &Figures, lang: Lang) -> String {
    let title = lang.pick(
        "Problem tickets and visits: the report in charts",
        "千企问题办理情况图表报告",
    );
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"qianqi {}\">\n<title>{} · {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        lang.pick("en", "zh-CN"),
        env!("CARGO_PKG_VERSION"),
        esc(title),
        esc(&f.scope.day_iso()),
        include_str!("style.css"),
    ));
    out.push_str(PATTERNS);
    out.push_str(&format!(
        "<header><h1>{}</h1><p class=\"scope\">{}</p></header>\n",
        esc(title),
        esc(&crate::report::describe(
            &f.scope,
            lang,
            "tickets collected",
            "问题收集日期"
        ))
    ));
    for section in [
        identity::headline(f, lang),
        identity::months(f, lang),
        groups::groups(f, lang),
        groups::lateness(f, lang),
        people::coverage(f, lang),
        people::visits(f, lang),
        rates::rates(f, lang),
    ] {
        out.push_str(&section);
    }
    out.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&match lang {
            Lang::En => format!(
                "Written by qianqi {} from the database as it stood at the end of {}.",
                env!("CARGO_PKG_VERSION"),
                f.scope.day_iso()
            ),
            Lang::Zh => format!(
                "由 qianqi {} 根据截至{}的数据库生成。",
                env!("CARGO_PKG_VERSION"),
                f.scope.day_iso()
            ),
        })
    ));
    out
}

/// The fill patterns the style sheet refers to, defined once for every chart.
const PATTERNS: &str = "<svg class=\"defs\" aria-hidden=\"true\" focusable=\"false\"><defs>\
<pattern id=\"p-stripes\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
<rect width=\"6\" height=\"6\" fill=\"#9ecae1\"/><rect width=\"2.4\" height=\"6\" fill=\"#08306b\"/></pattern>\
<pattern id=\"p-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">\
<rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#222\"/></pattern>\
</defs></svg>\n";
