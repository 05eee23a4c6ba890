//! `report coverage`: cadres deployed and enterprises served per tier, and
//! the gaps a supervisor chases — enterprises without a cadre or a file, key
//! enterprises whose cadres attended no meeting, cadres who stopped visiting.
//!
//! A pairing is in force from its start day to its last day (`ended_on`),
//! both included; it counts for a period when it is in force on any day of it.

use super::{describe, Scope};
use crate::db::{report::coverage as q, Db};
use crate::domain::kinds::Tier;
use crate::domain::Lang;
use crate::output::{col, Column, Kind, Table, Value, Vocab};
use anyhow::Result;
use std::io::Write;

/// The lists of `report coverage`, each a table of its own (`--list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum List {
    /// Enterprises with no pairing in force on the day.
    Unpaired,
    /// Enterprises with no visit that built their file (work item `file`) by the day.
    NoFile,
    /// Key enterprises none of whose cadres in force attended a meeting in the period.
    KeyNoMeeting,
    /// Cadres in force who made no visit in the last --idle-days days.
    Idle,
}

impl List {
    pub(crate) const ALL: [List; 4] =
        [List::Unpaired, List::NoFile, List::KeyNoMeeting, List::Idle];

    pub(crate) fn title(self, lang: Lang, idle_days: u32) -> String {
        match (self, lang) {
            (List::Unpaired, Lang::En) => "Enterprises with no cadre in force".into(),
            (List::Unpaired, Lang::Zh) => "无助企干部对口服务的企业".into(),
            (List::NoFile, Lang::En) => "Enterprises without a file".into(),
            (List::NoFile, Lang::Zh) => "未建档案的企业".into(),
            (List::KeyNoMeeting, Lang::En) => {
                "Key enterprises whose cadres attended no meeting".into()
            }
            (List::KeyNoMeeting, Lang::Zh) => "助企干部未参加座谈会的重点企业".into(),
            (List::Idle, Lang::En) => format!("Cadres with no visit in the last {idle_days} days"),
            (List::Idle, Lang::Zh) => format!("近{idle_days}天未走访的助企干部"),
        }
    }

    /// The list's title and its length, above it.
    pub(crate) fn heading(self, lang: Lang, idle_days: u32, list: &Table) -> String {
        format!("{} ({})", self.title(lang, idle_days), list.rows.len())
    }
}

const TIERS: [Column; 3] = [
    col("tier", "层级", Kind::Vocab(Vocab::Tier)).group_key("", ""),
    col("cadres", "派出干部", Kind::Plain),
    col("enterprises", "服务企业", Kind::Plain),
];

/// Each record by its code, then its name, as the lists do.
const ENTERPRISES: [Column; 4] = [
    col("enterprise", "统一社会信用代码", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    col("town", "街镇", Kind::Code),
    col("town_name", "街镇名称", Kind::Text),
];

const KEY_NO_MEETING: [Column; 5] = [
    ENTERPRISES[0],
    ENTERPRISES[1],
    ENTERPRISES[2],
    ENTERPRISES[3],
    col("cadres", "助企干部", Kind::Text),
];

const IDLE: [Column; 6] = [
    col("cadre", "干部编号", Kind::Code),
    col("cadre_name", "干部姓名", Kind::Text),
    col("unit", "单位", Kind::Code),
    col("unit_name", "单位名称", Kind::Text),
    col("last_visit", "最近走访", Kind::Plain),
    col("days_since", "距今天数", Kind::Plain),
];

/// Per tier and in total: distinct cadres and enterprises with a pairing in
/// force during the period (or on the day, without --from/--to).
pub(crate) fn table(db: &Db, scope: &Scope) -> Result<Table> {
    let mut t = Table::new(&TIERS);
    t.rows = q::tiers(db, scope)?;
    // Both tiers always get a row, so a missing tier reads as 0 rather than as nothing.
    for (i, tier) in Tier::ALL.iter().enumerate() {
        let present = t
            .rows
            .iter()
            .any(|r| matches!(&r[0], Value::Text(s) if s == tier.as_str()));
        if !present {
            t.rows
                .insert(i, vec![tier.as_str().into(), Value::Int(0), Value::Int(0)]);
        }
    }
    Ok(t)
}

/// One of the lists, as of the scope's day.
pub(crate) fn list(db: &Db, scope: &Scope, which: List, idle_days: u32) -> Result<Table> {
    let (columns, rows): (&[Column], _) = match which {
        List::Unpaired => (&ENTERPRISES, q::unpaired(db, scope)?),
        List::NoFile => (&ENTERPRISES, q::no_file(db, scope)?),
        List::KeyNoMeeting => (&KEY_NO_MEETING, q::key_no_meeting(db, scope)?),
        List::Idle => (&IDLE, q::idle(db, scope, idle_days)?),
    };
    let mut t = Table::new(columns);
    t.rows = rows;
    Ok(t)
}

/// The table form: the main table under its heading, then every list.
pub(crate) fn write_full(
    w: &mut dyn Write,
    lang: Lang,
    scope: &Scope,
    main: &Table,
    lists: &[(List, Table)],
    idle_days: u32,
) -> Result<()> {
    writeln!(
        w,
        "{} ({})",
        lang.pick("Coverage", "覆盖情况"),
        describe(scope, lang, "pairings in force", "结对期间")
    )?;
    main.write_table(w, lang)?;
    for (l, t) in lists {
        writeln!(w, "\n{}", l.heading(lang, idle_days, t))?;
        if !t.rows.is_empty() {
            t.write_table(w, lang)?;
        }
    }
    Ok(())
}
