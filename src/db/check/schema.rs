//! The schema the migrations make, and nothing else: a trigger added behind
//! qianqi's back can rewrite every record it touches, and a dropped one can
//! let history be edited, while every row still looks consistent.

use super::{finding, Finding};
use crate::db::migrate::{self, SchemaObject};
use crate::db::sql::Connection;
use anyhow::Result;
use std::collections::BTreeMap;

/// How far a finding shows a statement, so that it stays one readable line.
const SHOWN: usize = 160;

/// Every object missing from, added to or changed in the database's schema,
/// compared with what the migrations up to its `user_version` make.
pub(super) fn differences(conn: &Connection) -> Result<Vec<Finding>> {
    // PostgreSQL's schema is its own (src/db/pg/schema.sql), brought up to
    // date when the database is opened; its catalogue is not compared here.
    let Some(conn) = conn.sqlite() else {
        return Ok(Vec::new());
    };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let Some(expected) = migrate::expected_schema(version)? else {
        let latest = migrate::latest();
        return Ok(vec![finding(
            "schema-version",
            crate::tr!("database", "数据库"),
            crate::tr!(
                "schema version {version} is not one this qianqi makes (1 to {latest})",
                "结构版本{version}不是这个 qianqi 所建的版本（1到{latest}）"
            ),
        )]);
    };
    let found = migrate::schema_of(conn)?;
    // Names, like the rest of SQL outside quotes, are case-insensitive.
    let by_name = |s: &[SchemaObject]| -> BTreeMap<String, SchemaObject> {
        s.iter()
            .map(|o| (o.name.to_ascii_lowercase(), o.clone()))
            .collect()
    };
    let (expected, mut found) = (by_name(expected), by_name(&found));
    let mut out = Vec::new();
    for (key, want) in expected {
        let subject = object(&want);
        match found.remove(&key) {
            None => out.push(finding(
                "schema-missing",
                subject,
                crate::tr!(
                    "the migrations make it, the database has none",
                    "迁移脚本会建立它，但数据库中没有"
                ),
            )),
            Some(have) if have.kind != want.kind => {
                let (kind, text) = (kind_word(&have.kind), shorten(&have.text));
                out.push(finding(
                    "schema-changed",
                    subject,
                    crate::tr!(
                        "is a {kind} in the database: {text}",
                        "在数据库中是{kind}：`{text}`"
                    ),
                ))
            }
            Some(have) if have.sql != want.sql => {
                let (have, want) = where_they_differ(&have.sql, &want.sql);
                out.push(finding(
                    "schema-changed",
                    subject,
                    crate::tr!(
                        "differs from what the migrations make: the database has `{have}` where they make `{want}`",
                        "与迁移脚本所建的不同：数据库中是 `{have}`，迁移脚本建的是 `{want}`"
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    for extra in found.into_values() {
        let text = shorten(&extra.text);
        out.push(finding(
            "schema-extra",
            object(&extra),
            crate::tr!(
                "not made by the migrations: {text}",
                "不是迁移脚本所建：`{text}`"
            ),
        ));
    }
    Ok(out)
}

/// Whether a finding of [`differences`] concerns a table, whose shape the
/// other checks' queries rely on.
/// A schema object as a finding names it: `table tickets`, `表 tickets`.
fn object(o: &SchemaObject) -> String {
    format!("{} {}", kind_word(&o.kind), o.name)
}

/// The kind of a schema object in the language of messages.
fn kind_word(kind: &str) -> String {
    let zh = match kind {
        "table" => "表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        other => other,
    };
    crate::domain::message_lang().pick(kind, zh).to_string()
}

pub(super) fn is_about_a_table(f: &Finding) -> bool {
    f.code == "schema-version"
        || (f.code != "schema-extra" && f.subject.starts_with(&format!("{} ", kind_word("table"))))
}

/// The two statements from a little before their first difference, each cut short.
fn where_they_differ(a: &str, b: &str) -> (String, String) {
    let common = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let from = a[..common]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let cut = |s: &str| -> String {
        let rest = &s[from..];
        let short: String = rest.chars().take(60).collect();
        let lead = if from > 0 { "…" } else { "" };
        let tail = if short.len() < rest.len() { "…" } else { "" };
        format!("{lead}{short}{tail}")
    };
    (cut(a), cut(b))
}

fn shorten(sql: &str) -> String {
    let flat = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SHOWN {
        flat
    } else {
        let short: String = flat.chars().take(SHOWN).collect();
        format!("{short}…")
    }
}
