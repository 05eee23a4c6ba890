//! `ticket show`: the ticket, then its whole loop in order.

use crate::cmd::data::{EventField, TicketField};
use crate::db::{tickets, Db, TicketId};
use crate::domain::kinds::{AmendField, Level, Outcome, Satisfaction};
use crate::domain::status::{Action, Status};
use crate::domain::Lang;
use crate::output::{col, Column, Kind, Record, ShowFormat, Table, Value, Vocab};
use anyhow::Result;
use std::io::Write;

pub(crate) const EVENT_COLUMNS: [Column; 7] = [
    col("on", "日期", Kind::Plain),
    col("action", "事项", Kind::Text),
    col("status", "状态", Kind::Vocab(Vocab::Status)),
    col("by", "办理人", Kind::Text),
    col("details", "内容", Kind::Text),
    col("meeting", "座谈会", Kind::Code),
    col("note", "备注", Kind::Text),
];

/// The ticket's own fields in `--format json`: codes beside the names they stand for.
const TICKET_FIELDS: [Column; 14] = [
    TicketField::Code.column(),
    col("enterprise", "企业", Kind::Id),
    col("enterprise_name", "企业名称", Kind::Text),
    TicketField::Cadre.column(),
    col("cadre_name", "收集干部姓名", Kind::Text),
    TicketField::CollectedOn.column(),
    TicketField::Category.column(),
    TicketField::Summary.column(),
    TicketField::Department.column(),
    col("department_name", "承办单位名称", Kind::Text),
    TicketField::DueOn.column(),
    TicketField::Status.column(),
    TicketField::StatusOn.column(),
    col("voided_on", "作废日期", Kind::Plain),
];

/// Every field an event carries, as an events file names them, in `--format json`.
const EVENT_FIELDS: [Column; 18] = [
    EventField::On.column(),
    EventField::Action.column(),
    EventField::Status.column(),
    EventField::By.column(),
    col("by_name", "办理人姓名", Kind::Text),
    EventField::Note.column(),
    EventField::Meeting.column(),
    EventField::Department.column(),
    col("department_name", "承办单位名称", Kind::Text),
    EventField::With.column(),
    EventField::DueOn.column(),
    EventField::Level.column(),
    EventField::Outcome.column(),
    EventField::Satisfaction.column(),
    EventField::Reason.column(),
    EventField::Field.column(),
    EventField::Old.column(),
    EventField::New.column(),
];

/// A stored vocabulary value in the language asked, or as stored when unknown.
fn label<T>(
    stored: &str,
    parse: fn(&str) -> Result<T, String>,
    show: fn(T, Lang) -> &'static str,
    lang: Lang,
) -> String {
    parse(stored).map_or_else(|_| stored.to_string(), |v| show(v, lang).to_string())
}

/// What an event set, in words: the department, co-handlers and due date,
/// the escalation level, the follow-up's answers, the amended field, the reason.
fn details(s: &tickets::Step, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let (Some(code), Some(name)) = (&s.department, &s.department_name) {
        parts.push(format!("{code} {name}"));
    }
    if !s.with.is_empty() {
        parts.push(format!("{} {}", lang.pick("with", "协办"), s.with));
    }
    if let Some(due) = &s.due_on {
        parts.push(format!("{} {due}", lang.pick("due", "时限")));
    }
    if let Some(l) = &s.level {
        parts.push(label(l, Level::parse, Level::label, lang));
    }
    if let Some(o) = &s.outcome {
        parts.push(label(o, Outcome::parse, Outcome::label, lang));
    }
    if let Some(sat) = &s.satisfaction {
        parts.push(label(sat, Satisfaction::parse, Satisfaction::label, lang));
    }
    if let (Some(f), Some(old), Some(new)) = (&s.field, &s.old, &s.new) {
        let f = label(f, AmendField::parse, AmendField::label, lang);
        parts.push(format!("{f}: {old} → {new}"));
    }
    if !s.reason.is_empty() {
        parts.push(format!("{}: {}", lang.pick("reason", "原因"), s.reason));
    }
    parts.join(lang.pick("; ", "；"))
}

pub(crate) fn show(
    db: &Db,
    lang: Lang,
    id: TicketId,
    format: ShowFormat,
    w: &mut dyn Write,
) -> Result<()> {
    let t = tickets::detail(db, id)?;
    let history = tickets::history(db, id)?;
    if format == ShowFormat::Json {
        return record(t, &history).write_json(w);
    }
    let status = Status::parse(&t.status).map_or(t.status.clone(), |s| s.label(lang).into());
    let department = t
        .department
        .map(|(code, name)| format!("{code} {name}"))
        .unwrap_or_default();
    let mut info = vec![
        (lang.pick("ticket", "问题编号"), t.code),
        (
            lang.pick("enterprise", "企业"),
            format!("{} {}", t.uscc, t.enterprise),
        ),
        (
            lang.pick("collected by", "收集干部"),
            format!("{} {}", t.cadre_code, t.cadre_name),
        ),
        (lang.pick("collected on", "收集日期"), t.collected_on),
        (lang.pick("category", "类别"), t.category),
        (lang.pick("summary", "问题摘要"), t.summary),
        (lang.pick("department", "承办单位"), department),
        (lang.pick("due", "办理时限"), t.due_on.unwrap_or_default()),
        (lang.pick("status", "状态"), status),
        (lang.pick("since", "状态日期"), t.status_on),
    ];
    if let Some(v) = t.voided_on {
        info.push((lang.pick("voided on", "作废日期"), v));
    }
    let mut events = Table::new(&EVENT_COLUMNS);
    for s in &history {
        let action = s
            .action
            .as_deref()
            .map(|a| label(a, Action::parse, Action::label, lang))
            .unwrap_or_default();
        let text = |s: String| {
            if s.is_empty() {
                Value::Null
            } else {
                Value::Text(s)
            }
        };
        events.rows.push(vec![
            Value::Text(s.on.clone()),
            text(action),
            Value::Text(s.status.clone()),
            Value::Text(format!("{} {}", s.by, s.by_name)),
            text(details(s, lang)),
            s.meeting.clone().map_or(Value::Null, Value::Text),
            text(s.note.clone()),
        ]);
    }
    for (label, value) in &info {
        writeln!(w, "{label}: {value}")?;
    }
    writeln!(w, "\n{}", lang.pick("history", "办理记录"))?;
    events.write_table(w, lang)?;
    Ok(())
}

/// The ticket as one object: its fields and its events with every field
/// each carries, vocabulary values as stored.
fn record(t: tickets::Detail, history: &[tickets::Step]) -> Record {
    let (department, department_name) = t.department.unzip();
    let fields = vec![
        t.code.into(),
        t.uscc.into(),
        t.enterprise.into(),
        t.cadre_code.into(),
        t.cadre_name.into(),
        t.collected_on.into(),
        t.category.into(),
        t.summary.into(),
        department.into(),
        department_name.into(),
        t.due_on.into(),
        t.status.into(),
        t.status_on.into(),
        t.voided_on.into(),
    ];
    let mut events = Table::new(&EVENT_FIELDS);
    for s in history {
        events.push(vec![
            s.on.clone().into(),
            s.action.clone().into(),
            s.status.clone().into(),
            s.by.clone().into(),
            s.by_name.clone().into(),
            s.note.clone().into(),
            s.meeting.clone().into(),
            s.department.clone().into(),
            s.department_name.clone().into(),
            s.with.clone().into(),
            s.due_on.clone().into(),
            s.level.clone().into(),
            s.outcome.clone().into(),
            s.satisfaction.clone().into(),
            s.reason.clone().into(),
            s.field.clone().into(),
            s.old.clone().into(),
            s.new.clone().into(),
        ]);
    }
    Record::new(&TICKET_FIELDS, fields).part("events", &events)
}
