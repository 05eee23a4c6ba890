//! The consistency checks behind `qianqi check` and `qianqi restore`: what a
//! careful supervisor would verify before publishing figures. Every check is
//! one set-based query over the whole database, never a query per ticket.

mod closed_loop;
mod registry;
mod schema;
mod tickets;

use super::Db;
use crate::db::sql::Connection;
use anyhow::Result;
use chrono::NaiveDate;

/// One thing wrong with the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// A stable name for the kind of problem, e.g. `cached-status`.
    pub(crate) code: &'static str,
    /// What it concerns: `ticket 2022-0001`, `visit #12`, `town T01`.
    pub(crate) subject: String,
    pub(crate) message: String,
}

/// What was checked and what was found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) findings: Vec<Finding>,
    pub(crate) tickets: i64,
    pub(crate) events: i64,
    pub(crate) visits: i64,
    pub(crate) pairings: i64,
    /// Whether every check ran; the first findings can make the rest meaningless.
    pub(crate) complete: bool,
    /// Tickets accepted with no handling department before acceptances
    /// needed one: not problems, as that was the rule then, but said.
    pub(crate) accepted_unassigned_before_rule: Vec<String>,
}

impl Report {
    pub(crate) fn is_consistent(&self) -> bool {
        self.findings.is_empty()
    }
}

impl Finding {
    /// The kind of finding as `qianqi check` names it: its code, or in
    /// Chinese a short name (the code stays what scripts match in English).
    pub(crate) fn kind(&self) -> &'static str {
        match crate::domain::message_lang() {
            crate::domain::Lang::En => self.code,
            crate::domain::Lang::Zh => KINDS_ZH
                .iter()
                .find(|(code, _)| *code == self.code)
                .map_or(self.code, |(_, zh)| zh),
        }
    }
}

/// Every finding's code and its Chinese name.
const KINDS_ZH: [(&str, &str); 29] = [
    ("integrity", "数据库完整性"),
    ("foreign-key", "引用缺失"),
    ("schema-version", "结构版本"),
    ("schema-missing", "结构缺失"),
    ("schema-changed", "结构被改动"),
    ("schema-extra", "多余结构"),
    ("uscc", "信用代码"),
    ("uscc-duplicate", "信用代码重复"),
    ("enterprise-town", "企业所在街镇"),
    ("future-meeting", "座谈会日期晚于今天"),
    ("future-pairing", "结对日期晚于今天"),
    ("district-overlap", "区级结对重叠"),
    ("town-overlap", "街镇结对重叠"),
    ("pairing-overlap", "结对重叠"),
    ("future-visit", "走访日期晚于今天"),
    ("visit-before-pairing", "结对前的走访"),
    ("accept-unassigned", "无承办单位即签收"),
    ("follow-up-open", "未办结即回访"),
    ("extension-shortened", "延期未推后时限"),
    ("no-history", "没有办理记录"),
    ("first-event", "第一条办理记录"),
    ("cached-status", "状态与记录不符"),
    ("event-order", "办理记录顺序"),
    ("transition", "状态变化不合规"),
    ("superseded", "办理记录衔接"),
    ("future-event", "办理记录日期晚于今天"),
    ("due-before-collection", "办理时限早于收集日期"),
    ("meeting-date", "座谈会日期不符"),
    ("reconciliation", "对账不平"),
];

/// A finding's subject: a ticket.
pub(super) fn ticket(code: &str) -> String {
    crate::tr!("ticket {code}", "问题{code}")
}

/// A stored status in the language of messages.
pub(super) fn status_word(stored: &str) -> String {
    crate::domain::status::Status::parse(stored)
        .map_or_else(|_| stored.to_string(), |s| s.word().to_string())
}

/// Runs every check; `today` is the day nothing may be dated after.
/// `phase_done` is called with the name of each group of checks as it ends,
/// so a caller can time them.
pub(crate) fn run(db: &Db, today: NaiveDate, phase_done: &mut dyn FnMut(&str)) -> Result<Report> {
    let conn = db.sql();
    let mut r = Report::default();
    let integrity = integrity(conn)?;
    phase_done("integrity_check");
    if !integrity.is_empty() {
        // The other queries read through the damaged structures; their answers would mislead.
        r.findings = integrity;
        return Ok(r);
    }
    let mut f = schema::differences(conn)?;
    if f.iter().any(schema::is_about_a_table) {
        // The other queries would read tables that are not what they expect.
        r.findings = f;
        return Ok(r);
    }
    let today = crate::domain::date::iso(today);
    (r.tickets, r.events, r.visits, r.pairings) = conn.query_row(
        "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM ticket_events),
                (SELECT count(*) FROM visits), (SELECT count(*) FROM pairings)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    f.extend(foreign_keys(conn)?);
    phase_done("schema and foreign keys");
    // A sound ledger passes the one-pass screen; only one that fails it is
    // gone through event by event to say what is wrong.
    let (mut by_ticket, reconciliation, how) = match tickets::screen(conn, &today)? {
        Some(reconciliation) => (Vec::new(), reconciliation, "in one pass"),
        None => (
            tickets::histories(conn, &today)?,
            tickets::reconciliation(conn, &today)?,
            "event by event",
        ),
    };
    by_ticket.extend(tickets::dates(conn)?);
    // Ticket by ticket: everything about one ticket together.
    by_ticket.sort_by(|a, b| a.subject.cmp(&b.subject));
    f.extend(by_ticket);
    phase_done(&format!("ticket histories and reconciliation, {how}"));
    f.extend(registry::enterprises(conn)?);
    f.extend(registry::meetings(conn, &today)?);
    f.extend(registry::pairings(conn, &today)?);
    f.extend(registry::visits(conn, &today)?);
    phase_done("enterprises, meetings, pairings and visits");
    let closed_loop = closed_loop::closed_loop(conn)?;
    f.extend(closed_loop.findings);
    r.accepted_unassigned_before_rule = closed_loop.accepted_before_the_rule;
    phase_done("the closed loop");
    f.extend(reconciliation);
    r.findings = f;
    r.complete = true;
    Ok(r)
}

/// Whether the database holds no units, enterprises or tickets yet.
pub(crate) fn is_empty(db: &Db) -> Result<bool> {
    let n: i64 = db.sql().query_row(
        "SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM enterprises) + (SELECT count(*) FROM tickets)",
        [],
        |r| r.get(0),
    )?;
    Ok(n == 0)
}

/// Whether events record their action (schema 5 on, a backup before may
/// lack it); PostgreSQL's schema has had it from the first.
pub(super) fn records_actions(conn: &Connection) -> Result<bool> {
    if conn.is_pg() {
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('ticket_events') WHERE name = 'action'",
        [],
        |r| r.get(0),
    )?)
}

pub(super) fn finding(code: &'static str, subject: String, message: String) -> Finding {
    Finding {
        code,
        subject,
        message,
    }
}

/// SQLite's check of its pages and indexes. A PostgreSQL server keeps its
/// own storage (its amcheck extension checks it, as its administrator's
/// tool), so there is nothing of this kind for qianqi to check there.
fn integrity(conn: &Connection) -> Result<Vec<Finding>> {
    if conn.is_pg() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<crate::db::sql::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|m| m != "ok")
        .map(|m| finding("integrity", crate::tr!("database", "数据库"), m))
        .collect())
}

/// Rows that refer to rows that do not exist, which SQLite lets in while
/// its foreign keys are off, and PostgreSQL while its triggers are (as a
/// superuser may turn them off, or a restore by hand may do).
fn foreign_keys(conn: &Connection) -> Result<Vec<Finding>> {
    if conn.is_pg() {
        return foreign_keys_pg(conn);
    }
    let mut stmt = conn.prepare(
        "SELECT fk.\"table\", fk.rowid, fk.parent, i.\"from\"
         FROM pragma_foreign_key_check() fk
         LEFT JOIN pragma_foreign_key_list(fk.\"table\") i ON i.id = fk.fkid
         ORDER BY 1, 2",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows
        .collect::<crate::db::sql::Result<Vec<_>>>()?
        .into_iter()
        .map(|(table, rowid, parent, column)| dangling(table, rowid, parent, column))
        .collect())
}

/// PostgreSQL's foreign keys (each of one column), each checked with one query.
fn foreign_keys_pg(conn: &Connection) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare(
        "SELECT cl.relname::text, a.attname::text, pcl.relname::text, pa.attname::text,
                EXISTS (SELECT 1 FROM pg_attribute i WHERE i.attrelid = cl.oid AND i.attname = 'id')
           FROM pg_constraint co
           JOIN pg_class cl ON cl.oid = co.conrelid
           JOIN pg_class pcl ON pcl.oid = co.confrelid
           JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1]
           JOIN pg_attribute pa ON pa.attrelid = co.confrelid AND pa.attnum = co.confkey[1]
          WHERE co.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace
          ORDER BY 1, 2",
    )?;
    let keys = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<crate::db::sql::Result<Vec<(String, String, String, String, bool)>>>()?;
    let mut out = Vec::new();
    for (table, column, parent, key, has_id) in keys {
        let id = if has_id { "c.id" } else { "0" };
        let mut stmt = conn.prepare(&format!(
            "SELECT {id} FROM \"{table}\" c
              WHERE c.\"{column}\" IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM \"{parent}\" p WHERE p.\"{key}\" = c.\"{column}\")
              ORDER BY 1"
        ))?;
        let ids = stmt
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<crate::db::sql::Result<Vec<_>>>()?;
        out.extend(ids.into_iter().map(|rowid| {
            dangling(
                table.clone(),
                Some(rowid),
                parent.clone(),
                Some(column.clone()),
            )
        }));
    }
    Ok(out)
}

/// The finding of a row whose `column` names a row of `parent` that does not exist.
fn dangling(table: String, rowid: Option<i64>, parent: String, column: Option<String>) -> Finding {
    let rowid = rowid.unwrap_or(0);
    let column = column.unwrap_or_else(|| crate::tr!("a column", "某一列"));
    finding(
        "foreign-key",
        crate::tr!("{table} #{rowid}", "表 {table} 第{rowid}行"),
        crate::tr!(
            "{column} refers to a row of {parent} that does not exist",
            "{column} 引用了表 {parent} 中不存在的行"
        ),
    )
}
