//! Meetings (座谈会) and the cadres who attended them.

use super::{all, each, CadreId, Db, MeetingId, Tx};
use crate::db::sql::{params, OptionalExtension};
use crate::domain::status::Status;
use crate::domain::{date, rules};
use crate::error::input_in;
use anyhow::Result;
use chrono::NaiveDate;

/// A meeting as it is added, with its attendance.
pub(crate) struct NewMeeting<'a> {
    pub(crate) code: &'a str,
    pub(crate) held_on: NaiveDate,
    pub(crate) title: &'a str,
    pub(crate) cadres: &'a [CadreId],
}

/// Adds a meeting and who attended (a cadre named twice counts once).
pub(crate) fn add(tx: &Tx, m: &NewMeeting) -> Result<MeetingId> {
    rules::group_name("code", m.code)?;
    let id = tx
        .sql()
        .prepare_cached(
            "INSERT INTO meetings (code, held_on, title) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING RETURNING id",
        )?
        .query_row(params![m.code, date::iso(m.held_on), m.title], |r| r.get(0))
        .optional()?;
    let Some(id) = id.map(MeetingId) else {
        let code = m.code;
        return Err(input_in(
            "code",
            crate::tr!(
                "a meeting with code {code:?} already exists",
                "编号为{code:?}的座谈会已存在"
            ),
        ));
    };
    let mut attend = tx.sql().prepare_cached(
        "INSERT INTO meeting_cadres (meeting_id, cadre_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
    for c in m.cadres {
        attend.execute(params![id, c])?;
    }
    Ok(id)
}

/// The day a meeting was held.
pub(crate) fn held_on(db: &Db, id: MeetingId) -> Result<NaiveDate> {
    let held: String = db
        .sql()
        .prepare_cached("SELECT held_on FROM meetings WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(date::parse(&held)?)
}

/// Which meetings `meeting list` shows.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    /// Only meetings this cadre attended.
    pub(crate) cadre: Option<CadreId>,
}

/// A meeting of `meeting list`.
pub(crate) struct Listed {
    pub(crate) code: String,
    pub(crate) held_on: String,
    pub(crate) title: String,
    pub(crate) cadres: i64,
    pub(crate) tickets_resolved: i64,
}

/// The meetings chosen, by day, with attendance and the tickets resolved at each.
pub(crate) fn list(db: &Db, f: &Filter) -> Result<Vec<Listed>> {
    all(
        db,
        "SELECT m.code, m.held_on, m.title,
                (SELECT count(*) FROM meeting_cadres mc WHERE mc.meeting_id = m.id),
                (SELECT count(DISTINCT ev.ticket_id) FROM ticket_events ev
                  WHERE ev.meeting_id = m.id AND ev.status = ?4)
         FROM meetings m
         WHERE (?1 IS NULL OR m.held_on >= ?1) AND (?2 IS NULL OR m.held_on <= ?2)
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM meeting_cadres mc
                                      WHERE mc.meeting_id = m.id AND mc.cadre_id = ?3))
         ORDER BY m.held_on, m.code",
        params![
            f.from.map(date::iso),
            f.to.map(date::iso),
            f.cadre,
            Status::Resolved.as_str()
        ],
        |r| {
            Ok(Listed {
                code: r.get(0)?,
                held_on: r.get(1)?,
                title: r.get(2)?,
                cadres: r.get(3)?,
                tickets_resolved: r.get(4)?,
            })
        },
    )
}

/// A meeting as `export` writes it.
pub(crate) struct Meeting {
    pub(crate) code: String,
    pub(crate) held_on: String,
    pub(crate) title: String,
    /// The attending cadres' codes, joined with `;`.
    pub(crate) cadres: Option<String>,
}

/// Every meeting, oldest first.
pub(crate) fn export(db: &Db, rows: impl FnMut(Meeting) -> Result<()>) -> Result<()> {
    let meeting = |r: &crate::db::sql::Row| {
        Ok(Meeting {
            code: r.get(0)?,
            held_on: r.get(1)?,
            title: r.get(2)?,
            cadres: r.get(3)?,
        })
    };
    each(
        db,
        "SELECT m.code, m.held_on, m.title,
                (SELECT group_concat(c.code, ';') FROM meeting_cadres mc JOIN cadres c ON c.id = mc.cadre_id
                  WHERE mc.meeting_id = m.id)
         FROM meetings m ORDER BY m.id",
        meeting,
        rows,
    )
}
