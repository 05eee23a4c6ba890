//! `report reconcile`: every term of the identity, per group and in total,
//! the tickets behind awaiting and overdue, and declared figures checked
//! against the database and against the identity itself.

use super::{tier_sql, Scope, TicketSource, EVENTS_AS_OF};
use crate::domain::reconcile::{Counts, Declared, TERMS, TERMS_ZH};
use crate::domain::{date, Lang};
use crate::output::{col, Column, Kind, Table, Value};
use anyhow::Result;
use rusqlite::Connection;
use std::io::Write;

/// What a ticket is grouped by (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// The town/street (街镇) where the ticket's enterprise is located.
    Town,
    /// The handling department (承办单位); tickets without one form their own group.
    Department,
    /// The unit of the collecting cadre.
    Unit,
    /// The collecting cadre.
    Cadre,
    /// The ticket's category.
    Category,
    /// The tier of the pairing between the enterprise and the collecting cadre.
    Tier,
    /// The month of collection.
    Month,
    /// The quarter of collection.
    Quarter,
}

/// How one dimension turns into SQL: the inner key is a column of the ticket
/// (so the first aggregation can run over a covering index); the outer joins
/// map it to the group's id, label and sort order.
struct Dim {
    inner: String,
    joins: &'static str,
    group: &'static str,
    label: &'static str,
    sort: &'static str,
}

impl By {
    pub fn column(self) -> Column {
        let (key, zh) = match self {
            By::Town => ("town", "街镇"),
            By::Department => ("department", "承办单位"),
            By::Unit => ("unit", "单位"),
            By::Cadre => ("cadre", "干部"),
            By::Category => ("category", "类别"),
            By::Tier => ("tier", "层级"),
            By::Month => ("month", "月份"),
            By::Quarter => ("quarter", "季度"),
        };
        col(key, zh, Kind::Text)
    }

    /// The label of the group of tickets that have no value for this dimension.
    pub fn none(self) -> (&'static str, &'static str) {
        match self {
            By::Department => ("(no department)", "（未指定承办单位）"),
            By::Tier => ("(not paired)", "（未结对）"),
            By::Category => ("(no category)", "（未分类）"),
            _ => ("(none)", "（无）"),
        }
    }

    fn dim(self) -> Dim {
        let plain = |inner: &str| Dim {
            inner: inner.to_string(),
            joins: "",
            group: "i.k",
            label: "i.k",
            sort: "i.k",
        };
        match self {
            By::Town => Dim {
                inner: "t.enterprise_id".into(),
                joins: "JOIN enterprises e ON e.id = i.k JOIN units g ON g.id = e.town_id",
                group: "g.id",
                label: "g.name",
                sort: "g.code",
            },
            By::Department => Dim {
                inner: "t.department_id".into(),
                joins: "LEFT JOIN units g ON g.id = i.k",
                group: "i.k",
                label: "g.name",
                sort: "g.code",
            },
            By::Unit => Dim {
                inner: "t.cadre_id".into(),
                joins: "JOIN cadres c ON c.id = i.k JOIN units g ON g.id = c.unit_id",
                group: "g.id",
                label: "g.name",
                sort: "g.code",
            },
            By::Cadre => Dim {
                inner: "t.cadre_id".into(),
                joins: "JOIN cadres c ON c.id = i.k",
                group: "i.k",
                label: "c.code || ' ' || c.name",
                sort: "c.code",
            },
            By::Category => plain("nullif(t.category, '')"),
            By::Tier => plain(&tier_sql("t", "collected_on")),
            By::Month => plain("substr(t.collected_on, 1, 7)"),
            By::Quarter => plain(
                "substr(t.collected_on, 1, 4) || '-Q' || ((CAST(substr(t.collected_on, 6, 2) AS INTEGER) + 2) / 3)",
            ),
        }
    }
}

/// One row of the report: the group's label (None for the no-value group) and its counts.
#[derive(Debug, Clone)]
pub struct Row {
    pub group: Option<String>,
    pub counts: Counts,
}

/// The per-term sums of one ticket source, grouped by `key`.
fn inner_sql(src: &TicketSource, key: &str) -> String {
    terms_sql(src.status, "t.due_on", key, src.from, src.filter)
}

fn terms_sql(st: &str, due: &str, key: &str, from: &str, filter: &str) -> String {
    format!(
        "SELECT {key} AS k, count(*) AS collected,
                sum({st} IN ('resolved', 'explained')) AS closed,
                sum({st} = 'resolved') AS resolved,
                sum({st} = 'explained') AS explained,
                sum({st} = 'in_progress') AS in_progress,
                sum({st} = 'collected') AS awaiting,
                coalesce(sum({st} IN ('collected', 'in_progress') AND {due} < ?1), 0) AS overdue
         FROM {from} WHERE {filter} GROUP BY 1"
    )
}

fn counts_at(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Counts> {
    Ok(Counts {
        collected: r.get(first)?,
        closed: r.get(first + 1)?,
        resolved: r.get(first + 2)?,
        explained: r.get(first + 3)?,
        in_progress: r.get(first + 4)?,
        awaiting: r.get(first + 5)?,
        overdue: r.get(first + 6)?,
    })
}

/// The counts per group (empty without `--by`) and in total, in one query.
pub fn counts(conn: &Connection, scope: &Scope, by: Option<By>) -> Result<(Vec<Row>, Counts)> {
    let src = TicketSource::new(scope);
    let params: [&dyn rusqlite::ToSql; 3] = [&scope.day_iso(), &scope.from_iso(), &scope.to_iso()];
    let Some(by) = by else {
        let sql = if scope.as_of && scope.from.is_none() && scope.to.is_none() {
            // The as-of totals need a ticket's row only for the due date of an
            // open one, so most events are counted straight from the index.
            terms_sql(
                "ev.status",
                "(SELECT t.due_on FROM tickets t WHERE t.id = ev.ticket_id)",
                "0",
                EVENTS_AS_OF,
                "?2 IS NULL AND ?3 IS NULL",
            )
        } else {
            inner_sql(&src, "0")
        };
        let total = conn
            .prepare(&sql)?
            .query_map(&params[..], |r| counts_at(r, 1))?
            .next()
            .transpose()?
            .unwrap_or_default();
        return Ok((Vec::new(), total));
    };
    let d = by.dim();
    let sql = format!(
        "SELECT {label}, sum(i.collected), sum(i.closed), sum(i.resolved), sum(i.explained),
                sum(i.in_progress), sum(i.awaiting), sum(i.overdue)
         FROM ({inner}) i {joins}
         GROUP BY {group}
         ORDER BY {sort} IS NULL, {sort}",
        label = d.label,
        inner = inner_sql(&src, &d.inner),
        joins = d.joins,
        group = d.group,
        sort = d.sort,
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(&params[..], |r| {
            Ok(Row {
                group: r.get(0)?,
                counts: counts_at(r, 1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut total = Counts::default();
    for r in &rows {
        total.add(&r.counts);
    }
    Ok((rows, total))
}

/// The report's main table: the grouping key (or `group` = `total`) and every term;
/// the total row last.
pub fn table(by: Option<By>, rows: &[Row], total: &Counts) -> Table {
    let mut columns = vec![by.map_or(col("group", "分组", Kind::Text), By::column)];
    columns.extend(
        TERMS
            .iter()
            .zip(TERMS_ZH)
            .map(|(k, zh)| col(k, zh, Kind::Plain)),
    );
    let mut t = Table::new(&columns);
    let line = |group: Value, c: &Counts| {
        let mut row = vec![group];
        row.extend(c.values().iter().map(|n| Value::Int(*n)));
        row
    };
    for r in rows {
        t.push(line(r.group.clone().into(), &r.counts));
    }
    t.push(line("total".into(), total));
    t
}

/// A ticket behind `awaiting` or `overdue`.
#[derive(Debug, Clone)]
pub struct Listed {
    pub code: String,
    pub enterprise: String,
    pub collected_on: String,
    pub department: Option<String>,
    pub due_on: Option<String>,
    pub awaiting: bool,
    /// Days since collection, as of the scope's day.
    pub age: i64,
    /// Days past due, when overdue.
    pub late: Option<i64>,
}

/// The tickets awaiting acceptance (oldest collected first), then the
/// overdue ones (oldest due first), at most `limit` of each (0: all).
pub fn listed(conn: &Connection, scope: &Scope, limit: u32) -> Result<Vec<Listed>> {
    let src = TicketSource::new(scope);
    let st = src.status;
    let limit = if limit == 0 { -1 } else { i64::from(limit) };
    // `IN (open)` lets the cached form use the partial index of open tickets.
    let query = |awaiting: bool| {
        format!(
            "SELECT t.code, e.name, t.collected_on, d.name, t.due_on, {aw},
                    CAST(julianday(?1) - julianday(t.collected_on) AS INTEGER),
                    {late}
             FROM {from}
             JOIN enterprises e ON e.id = t.enterprise_id
             LEFT JOIN units d ON d.id = t.department_id
             WHERE {filter} AND {st} IN ('collected', 'in_progress') AND {cond}
             ORDER BY {order}, t.code
             LIMIT ?4",
            aw = i64::from(awaiting),
            late = if awaiting {
                "NULL"
            } else {
                "CAST(julianday(?1) - julianday(t.due_on) AS INTEGER)"
            },
            from = src.from,
            filter = src.filter,
            cond = if awaiting {
                format!("{st} = 'collected'")
            } else {
                "t.due_on < ?1".to_string()
            },
            order = if awaiting {
                "t.collected_on"
            } else {
                "t.due_on"
            },
        )
    };
    let mut out = Vec::new();
    for awaiting in [true, false] {
        let mut stmt = conn.prepare(&query(awaiting))?;
        let rows = stmt.query_map(
            rusqlite::params![scope.day_iso(), scope.from_iso(), scope.to_iso(), limit],
            |r| {
                Ok(Listed {
                    code: r.get(0)?,
                    enterprise: r.get(1)?,
                    collected_on: r.get(2)?,
                    department: r.get(3)?,
                    due_on: r.get(4)?,
                    awaiting: r.get(5)?,
                    age: r.get(6)?,
                    late: r.get(7)?,
                })
            },
        )?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

fn awaiting_table(list: &[Listed]) -> Table {
    let mut t = Table::new(&[
        col("code", "编号", Kind::Text),
        col("enterprise", "企业名称", Kind::Text),
        col("collected_on", "收集日期", Kind::Plain),
        col("age_days", "已收集天数", Kind::Plain),
    ]);
    for l in list.iter().filter(|l| l.awaiting) {
        t.push(vec![
            l.code.as_str().into(),
            l.enterprise.as_str().into(),
            l.collected_on.as_str().into(),
            l.age.into(),
        ]);
    }
    t
}

fn overdue_table(list: &[Listed]) -> Table {
    let mut t = Table::new(&[
        col("code", "编号", Kind::Text),
        col("enterprise", "企业名称", Kind::Text),
        col("department", "承办单位", Kind::Text),
        col("due_on", "办理时限", Kind::Plain),
        col("days_overdue", "超期天数", Kind::Plain),
    ]);
    for l in list.iter().filter(|l| l.late.is_some()) {
        t.push(vec![
            l.code.as_str().into(),
            l.enterprise.as_str().into(),
            l.department.clone().into(),
            l.due_on.clone().into(),
            l.late.into(),
        ]);
    }
    t
}

/// `collected 777 = closed 695 + in_progress 81 + awaiting 1: adds up`, and the closed line.
pub fn identity_lines(c: &Counts, lang: Lang) -> [String; 2] {
    let verdict = |lhs: i64, rhs: i64| match (lhs == rhs, lang) {
        (true, Lang::En) => "adds up".to_string(),
        (true, Lang::Zh) => "相符".to_string(),
        (false, Lang::En) => format!("DOES NOT ADD UP (off by {})", lhs - rhs),
        (false, Lang::Zh) => format!("不相符（相差{}）", lhs - rhs),
    };
    let (eq, sep) = (" = ", lang.pick(": ", "："));
    let term = |i: usize, n: i64| format!("{} {n}", lang.pick(TERMS[i], TERMS_ZH[i]));
    [
        format!(
            "{}{eq}{} + {} + {}{sep}{}",
            term(0, c.collected),
            term(1, c.closed),
            term(4, c.in_progress),
            term(5, c.awaiting),
            verdict(c.collected, c.closed + c.in_progress + c.awaiting)
        ),
        format!(
            "{}{eq}{} + {}{sep}{}",
            term(1, c.closed),
            term(2, c.resolved),
            term(3, c.explained),
            verdict(c.closed, c.resolved + c.explained)
        ),
    ]
}

/// The whole report as a table with its identity check and lists.
pub fn write_full(
    w: &mut dyn Write,
    lang: Lang,
    scope: &Scope,
    main: &Table,
    rows: &[Row],
    total: &Counts,
    list: &[Listed],
) -> Result<()> {
    let scope = scope.describe(lang, "collected", "收集日期");
    match lang {
        Lang::En => writeln!(w, "Reconciliation of problem tickets ({scope})")?,
        Lang::Zh => writeln!(w, "问题办理对账（{scope}）")?,
    }
    main.write_table(w, lang)?;
    for line in identity_lines(total, lang) {
        writeln!(w, "{line}")?;
    }
    for r in rows.iter().filter(|r| !r.counts.adds_up()) {
        let name = r.group.as_deref().unwrap_or("-");
        for line in identity_lines(&r.counts, lang) {
            writeln!(w, "  {name}: {line}")?;
        }
    }
    let awaiting = awaiting_table(list);
    writeln!(
        w,
        "\n{} ({})",
        lang.pick(
            "Awaiting acceptance (collected, not yet accepted by a department)",
            "已收集未受理"
        ),
        total.awaiting
    )?;
    if !awaiting.rows.is_empty() {
        awaiting.write_table(w, lang)?;
    }
    more(w, lang, total.awaiting, awaiting.rows.len())?;
    let overdue = overdue_table(list);
    writeln!(
        w,
        "\n{} ({})",
        lang.pick("Overdue (open and past due)", "超期未办结"),
        total.overdue
    )?;
    if !overdue.rows.is_empty() {
        overdue.write_table(w, lang)?;
    }
    more(w, lang, total.overdue, overdue.rows.len())?;
    Ok(())
}

/// Says how many tickets a shortened list left out.
fn more(w: &mut dyn Write, lang: Lang, count: i64, shown: usize) -> Result<()> {
    let rest = count - shown as i64;
    if rest > 0 {
        match lang {
            Lang::En => writeln!(w, "… and {rest} more (--list-limit 0 lists them all)")?,
            Lang::Zh => writeln!(w, "……另有{rest}件（--list-limit 0 列出全部）")?,
        }
    }
    Ok(())
}

/// The press bulletin in the source article's wording.
pub fn bulletin(c: &Counts, scope: &Scope, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let mut s = String::new();
            if scope.as_of {
                s.push_str(&format!("截至{}，", date::zh(scope.day)));
            }
            s.push_str(&format!(
                "累计收集问题{}个，办结{}件（含已作出政策解释但暂时无法办理问题{}件），正在办理{}件",
                c.collected, c.closed, c.explained, c.in_progress
            ));
            if c.awaiting != 0 {
                s.push_str(&format!("，尚有{}件已收集未受理", c.awaiting));
            }
            s.push('。');
            s
        }
        Lang::En => {
            let mut s = String::new();
            if scope.as_of {
                s.push_str(&format!("As of {}, ", date::iso(scope.day)));
            }
            s.push_str(&format!(
                "{} problems have been collected; {} are closed (including {} on which the policy has been explained but which cannot be handled for now) and {} are being handled",
                c.collected, c.closed, c.explained, c.in_progress
            ));
            if c.awaiting != 0 {
                s.push_str(&format!(
                    "; {} {} been collected but not yet accepted",
                    c.awaiting,
                    if c.awaiting == 1 { "has" } else { "have" }
                ));
            }
            s.push('.');
            if !scope.as_of {
                let first = s.remove(0).to_ascii_uppercase();
                s.insert(0, first);
            }
            s
        }
    }
}

/// Declared figures against the database: one row per declared term.
pub fn expect_table(declared: &Declared, actual: &Counts) -> Table {
    let mut t = Table::new(&[
        col("term", "项目", Kind::Plain),
        col("declared", "申报数", Kind::Plain),
        col("database", "数据库", Kind::Plain),
        col("difference", "差额", Kind::Plain),
    ]);
    for term in TERMS {
        if let Some(d) = declared.get(term) {
            let a = actual.get(term).expect("a term");
            t.push(vec![term.into(), d.into(), a.into(), (d - a).into()]);
        }
    }
    t
}

/// What `--expect` found, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub differs: bool,
    pub adds_up: bool,
}

impl Verdict {
    pub fn ok(self) -> bool {
        !self.differs && self.adds_up
    }
}

pub fn verdict(declared: &Declared, actual: &Counts) -> Verdict {
    Verdict {
        differs: !declared.differences(actual).is_empty(),
        adds_up: declared.residue().unwrap_or(0) == 0
            && declared.closed_residue().unwrap_or(0) == 0,
    }
}

/// The comparison, the identity check on the declared figures, and the
/// database tickets that explain a residue.
pub fn write_expect(
    w: &mut dyn Write,
    lang: Lang,
    declared: &Declared,
    actual: &Counts,
    list: &[Listed],
) -> Result<Verdict> {
    let v = verdict(declared, actual);
    writeln!(
        w,
        "\n{}",
        lang.pick(
            "Declared figures against the database",
            "申报数与数据库核对"
        )
    )?;
    let mut t = expect_table(declared, actual);
    for row in &mut t.rows {
        if let Value::Text(term) = &row[0] {
            let i = TERMS.iter().position(|x| x == term).expect("a term");
            row[0] = lang.pick(TERMS[i], TERMS_ZH[i]).into();
        }
    }
    t.write_table(w, lang)?;
    for (term, d, a) in declared.differences(actual) {
        let i = TERMS.iter().position(|x| *x == term).expect("a term");
        match lang {
            Lang::En => writeln!(
                w,
                "{term}: declared {d}, database {a}, difference {}",
                d - a
            )?,
            Lang::Zh => writeln!(w, "{}：申报{d}，数据库{a}，相差{}", TERMS_ZH[i], d - a)?,
        }
    }
    let get = |t: &str| declared.get(t);
    match declared.residue() {
        None => writeln!(
            w,
            "{}",
            lang.pick(
                "collected = closed + in_progress + awaiting: not checked (collected, closed and in_progress are not all declared)",
                "收集 = 办结 + 正在办理 + 待受理：未核对（收集、办结、正在办理未全部申报）"
            )
        )?,
        Some(res) => {
            let aw = get("awaiting");
            let aw_text = match (aw, lang) {
                (Some(n), _) => n.to_string(),
                (None, Lang::En) => "0 (not declared, taken as 0)".into(),
                (None, Lang::Zh) => "0（未申报，按0计）".into(),
            };
            let (c, cl, ip) = (
                get("collected").unwrap_or(0),
                get("closed").unwrap_or(0),
                get("in_progress").unwrap_or(0),
            );
            match lang {
                Lang::En => write!(
                    w,
                    "declared: collected {c} {} closed {cl} + in_progress {ip} + awaiting {aw_text}",
                    if res == 0 { "=" } else { "≠" }
                )?,
                Lang::Zh => write!(
                    w,
                    "申报数：收集 {c} {} 办结 {cl} + 正在办理 {ip} + 待受理 {aw_text}",
                    if res == 0 { "=" } else { "≠" }
                )?,
            }
            if res == 0 {
                writeln!(w, "{}", lang.pick(": adds up", "：相符"))?;
            } else {
                match lang {
                    Lang::En => writeln!(
                        w,
                        ": {} {} unaccounted",
                        res,
                        if res.abs() == 1 { "ticket" } else { "tickets" }
                    )?,
                    Lang::Zh => writeln!(w, "：有{res}件问题未列入")?,
                }
                let awaiting: Vec<&Listed> = list.iter().filter(|l| l.awaiting).collect();
                if res > 0 && !awaiting.is_empty() {
                    match lang {
                        Lang::En => writeln!(
                            w,
                            "the database has {} {} awaiting acceptance, which the declared figures leave out:",
                            actual.awaiting,
                            if actual.awaiting == 1 { "ticket" } else { "tickets" }
                        )?,
                        Lang::Zh => writeln!(
                            w,
                            "数据库中有{}件已收集未受理的问题，申报数未计入：",
                            actual.awaiting
                        )?,
                    }
                    for l in &awaiting {
                        match lang {
                            Lang::En => writeln!(
                                w,
                                "  {} {} (collected {}, {} days awaiting)",
                                l.code, l.enterprise, l.collected_on, l.age
                            )?,
                            Lang::Zh => writeln!(
                                w,
                                "  {} {}（{}收集，已{}天）",
                                l.code, l.enterprise, l.collected_on, l.age
                            )?,
                        }
                    }
                    more(w, lang, actual.awaiting, awaiting.len())?;
                    if i128::from(actual.awaiting) != res {
                        match lang {
                            Lang::En => writeln!(
                                w,
                                "  ({} awaiting in the database against {res} unaccounted: the rest is not explained by the database)",
                                actual.awaiting
                            )?,
                            Lang::Zh => writeln!(
                                w,
                                "  （数据库待受理{}件，未列入{res}件，其余差额数据库无法解释）",
                                actual.awaiting
                            )?,
                        }
                    }
                } else {
                    writeln!(
                        w,
                        "{}",
                        lang.pick(
                            "  no ticket in the database awaits acceptance to explain it",
                            "  数据库中没有可解释该差额的待受理问题"
                        )
                    )?;
                }
            }
        }
    }
    if let Some(res) = declared.closed_residue() {
        let (cl, r, e) = (
            get("closed").unwrap_or(0),
            get("resolved").unwrap_or(0),
            get("explained").unwrap_or(0),
        );
        match (res == 0, lang) {
            (true, Lang::En) => writeln!(
                w,
                "declared: closed {cl} = resolved {r} + explained {e}: adds up"
            )?,
            (true, Lang::Zh) => writeln!(w, "申报数：办结 {cl} = 已解决 {r} + 政策解释 {e}：相符")?,
            (false, Lang::En) => writeln!(
                w,
                "declared: closed {cl} ≠ resolved {r} + explained {e}: off by {res}"
            )?,
            (false, Lang::Zh) => writeln!(
                w,
                "申报数：办结 {cl} ≠ 已解决 {r} + 政策解释 {e}：相差{res}"
            )?,
        }
    }
    let summary = match (v.ok(), v.differs, lang) {
        (true, _, Lang::En) => "result: every declared figure matches the database and adds up",
        (true, _, Lang::Zh) => "结论：申报数与数据库一致，且相符",
        (false, true, Lang::En) => "result: declared figures differ from the database",
        (false, true, Lang::Zh) => "结论：申报数与数据库不一致",
        (false, false, Lang::En) => "result: the declared figures do not add up",
        (false, false, Lang::Zh) => "结论：申报数自身不相符",
    };
    writeln!(w, "{summary}")?;
    Ok(v)
}
