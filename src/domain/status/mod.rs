//! The ticket lifecycle.
//!
//! ```text
//! collected ──accept──▶ in_progress ──resolve──▶ resolved
//!     │                     │  ▲                    │
//!     │                     └──┼──explain──▶ explained
//!     └──resolve/explain (on the spot)               │
//!                              └────── reopen ◀──────┘
//! ```

use super::{date, rules, Lang};
use crate::error::FieldError;
use chrono::NaiveDate;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Status {
    Collected,
    InProgress,
    Resolved,
    Explained,
}

impl Status {
    pub(crate) const ALL: [Status; 4] = [
        Status::Collected,
        Status::InProgress,
        Status::Resolved,
        Status::Explained,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Collected => "collected",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Explained => "explained",
        }
    }

    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Collected => lang.pick("collected", "收集"),
            Status::InProgress => lang.pick("in_progress", "正在办理"),
            Status::Resolved => lang.pick("resolved", "已解决"),
            Status::Explained => lang.pick("explained", "政策解释"),
        }
    }

    /// The label in the language of messages.
    pub(crate) fn word(self) -> &'static str {
        self.label(super::message_lang())
    }

    /// Accepts the stored name or the Chinese label.
    pub(crate) fn parse(s: &str) -> Result<Status, String> {
        let t = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| t.eq_ignore_ascii_case(st.as_str()) || t == st.label(Lang::Zh))
            .ok_or_else(|| {
                let all = words(&Status::ALL, crate::tr!(", ", "、").as_str());
                crate::tr!(
                    "{s:?} is not a ticket status; use {all}",
                    "{s:?}不是问题状态；可用：{all}"
                )
            })
    }

    /// Still to be handled: waiting for acceptance or being handled. Only
    /// an open ticket can be overdue.
    pub(crate) const OPEN: [Status; 2] = [Status::Collected, Status::InProgress];

    /// 办结: finished, whether solved or explained.
    pub(crate) const CLOSED: [Status; 2] = [Status::Resolved, Status::Explained];

    /// 办结: resolved or explained.
    pub(crate) fn is_closed(self) -> bool {
        Status::CLOSED.contains(&self)
    }

    /// Whether the lifecycle allows going from `self` to another status `to`.
    pub(crate) fn can_become(self, to: Status) -> bool {
        self != to
            && LIFECYCLE
                .iter()
                .any(|step| step.to == Some(to) && step.from.contains(&self))
    }
}

/// Every allowed change of status, as (from, to) pairs in the order of `Status::ALL`.
pub(crate) fn transitions() -> impl Iterator<Item = (Status, Status)> {
    Status::ALL.into_iter().flat_map(|from| {
        Status::ALL
            .into_iter()
            .filter(move |to| from.can_become(*to))
            .map(move |to| (from, to))
    })
}

/// The allowed changes grouped by the statuses they start from, for
/// messages: `collected→in_progress|resolved|explained, …` (in the
/// language of messages).
pub(crate) fn transitions_summary() -> String {
    let mut groups: Vec<(Vec<Status>, Vec<Status>)> = Vec::new();
    for from in Status::ALL {
        let to: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|to| from.can_become(*to))
            .collect();
        if to.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, t)| *t == to) {
            Some((f, _)) => f.push(from),
            None => groups.push((vec![from], to)),
        }
    }
    let (or, and) = (crate::tr!("|", "、"), crate::tr!(", ", "；"));
    groups
        .iter()
        .map(|(from, to)| format!("{}→{}", words(from, &or), words(to, &or)))
        .collect::<Vec<_>>()
        .join(&and)
}

/// Statuses named in the language of messages.
fn words(set: &[Status], sep: &str) -> String {
    set.iter().map(|s| s.word()).collect::<Vec<_>>().join(sep)
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a person does to a ticket: each event of its history is one action.
/// Some change the status (accept, return, resolve, explain, reopen), the
/// others keep it and record a step of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Action {
    /// 收集: the first event, by the collecting cadre.
    Collect,
    /// 交办 / 改派: sets the handling department.
    Assign,
    /// 签收: the handling department takes the ticket up.
    Accept,
    /// 退单: back to collected with no department.
    Return,
    /// 延期: a later due date.
    Extend,
    /// 催办 / 督办 / 通报: an escalation step.
    Urge,
    Resolve,
    Explain,
    /// 回访: the enterprise is asked whether it was solved and is satisfied.
    FollowUp,
    /// 重办
    Reopen,
    /// 作废: the ticket was a mistake.
    Void,
    /// 更正: a field of the ticket was wrong.
    Amend,
}

/// One event of a ticket's history as the reports read it: the stored
/// columns that say what happened, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Event {
    /// Orders the history: of two events of a ticket, the later has the larger id.
    pub(crate) id: i64,
    pub(crate) on: NaiveDate,
    /// None for an event that names no action.
    pub(crate) action: Option<Action>,
    /// The status after the event.
    pub(crate) status: Status,
    /// The department the event assigned the ticket to.
    pub(crate) department: Option<i64>,
    /// The due date the event set.
    pub(crate) due: Option<NaiveDate>,
    pub(crate) satisfaction: Option<super::kinds::Satisfaction>,
}

/// One action of the lifecycle: the statuses it applies to and the one it
/// leads to (None: the status stays).
struct Step {
    action: Action,
    name: &'static str,
    zh: &'static str,
    verb: &'static str,
    past: &'static str,
    /// The verb in Chinese messages, where the label is a noun.
    zh_verb: &'static str,
    from: &'static [Status],
    to: Option<Status>,
}

const fn step(
    action: Action,
    name: &'static str,
    zh: &'static str,
    (verb, past, zh_verb): (&'static str, &'static str, &'static str),
    from: &'static [Status],
    to: Option<Status>,
) -> Step {
    Step {
        action,
        name,
        zh,
        verb,
        past,
        zh_verb,
        from,
        to,
    }
}

/// The lifecycle, once. Every event is one of these steps; accept and
/// reopen both lead to in_progress, each only from its own statuses. The
/// collection is the first event and follows no status.
const LIFECYCLE: [Step; 12] = [
    step(
        Action::Collect,
        "collect",
        "收集",
        ("collect", "collected", "收集"),
        &[],
        Some(Status::Collected),
    ),
    step(
        Action::Assign,
        "assign",
        "交办",
        ("assign", "assigned", "交办"),
        &[Status::Collected],
        None,
    ),
    step(
        Action::Accept,
        "accept",
        "签收",
        ("accept", "accepted", "签收"),
        &[Status::Collected],
        Some(Status::InProgress),
    ),
    step(
        Action::Return,
        "return",
        "退单",
        ("return", "returned", "退回"),
        &[Status::Collected, Status::InProgress],
        Some(Status::Collected),
    ),
    step(
        Action::Extend,
        "extend",
        "延期",
        ("extend", "extended", "延期"),
        &Status::OPEN,
        None,
    ),
    step(
        Action::Urge,
        "urge",
        "催办",
        ("urge", "urged", "催办"),
        &Status::OPEN,
        None,
    ),
    step(
        Action::Resolve,
        "resolve",
        "解决",
        ("resolve", "resolved", "解决"),
        &Status::OPEN,
        Some(Status::Resolved),
    ),
    step(
        Action::Explain,
        "explain",
        "政策解释",
        ("explain", "explained", "作政策解释"),
        &Status::OPEN,
        Some(Status::Explained),
    ),
    step(
        Action::FollowUp,
        "follow_up",
        "回访",
        ("follow up", "followed up", "回访"),
        &Status::CLOSED,
        None,
    ),
    step(
        Action::Reopen,
        "reopen",
        "重办",
        ("reopen", "reopened", "重办"),
        &Status::CLOSED,
        Some(Status::InProgress),
    ),
    step(
        Action::Void,
        "void",
        "作废",
        ("void", "voided", "作废"),
        &Status::ALL,
        None,
    ),
    step(
        Action::Amend,
        "amend",
        "更正",
        ("amend", "amended", "更正"),
        &Status::ALL,
        None,
    ),
];

impl Action {
    pub(crate) const ALL: [Action; 12] = [
        Action::Collect,
        Action::Assign,
        Action::Accept,
        Action::Return,
        Action::Extend,
        Action::Urge,
        Action::Resolve,
        Action::Explain,
        Action::FollowUp,
        Action::Reopen,
        Action::Void,
        Action::Amend,
    ];

    /// The actions that change nothing counted from the histories: an urge
    /// (催办) keeps the status and sets no department, due date or outcome,
    /// so the assessment, the month flows (`reconcile::Flows`) and where a
    /// ticket stands come out the same without it. The pass over the
    /// histories leaves these events unread; at city scale they are an
    /// eighth of all events.
    pub(crate) const UNCOUNTED: [Action; 1] = [Action::Urge];

    fn step(self) -> &'static Step {
        LIFECYCLE
            .iter()
            .find(|s| s.action == self)
            .expect("every action is a step of the lifecycle")
    }

    /// The stored name: `assign`, `follow_up`, …
    pub(crate) fn as_str(self) -> &'static str {
        self.step().name
    }

    pub(crate) fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.step().name, self.step().zh)
    }

    /// Accepts the stored name or the Chinese label.
    pub(crate) fn parse(s: &str) -> Result<Action, String> {
        let t = s.trim();
        LIFECYCLE
            .iter()
            .find(|st| {
                t.eq_ignore_ascii_case(st.name)
                    || t.eq_ignore_ascii_case(&st.name.replace('_', "-"))
                    || t == st.zh
            })
            .map(|st| st.action)
            .ok_or_else(|| {
                let en = LIFECYCLE.map(|s| s.name).join(", ");
                let zh = LIFECYCLE.map(|s| s.zh).join("、");
                crate::tr!(
                    "{s:?} is not a ticket action; use {en}",
                    "{s:?}不是办理事项；可用：{zh}"
                )
            })
    }

    /// The status the ticket has after this action, when it is `current` before.
    pub(crate) fn result(self, current: Status) -> Status {
        self.step().to.unwrap_or(current)
    }

    /// Whether the action changes the status.
    pub(crate) fn changes_status(self) -> bool {
        self.step().to.is_some()
    }

    /// The action that changes `from` into `to`, for histories that name
    /// only the statuses.
    pub(crate) fn for_change(from: Status, to: Status) -> Option<Action> {
        LIFECYCLE
            .iter()
            .find(|s| s.to == Some(to) && s.from.contains(&from))
            .map(|s| s.action)
    }

    /// What is done, in the language of messages: "accept", "签收", …
    pub(crate) fn verb(self) -> &'static str {
        crate::domain::message_lang().pick(self.step().verb, self.step().zh_verb)
    }

    /// The action done, in English messages: "accepted", "reopened", …
    pub(crate) fn past(self) -> &'static str {
        self.step().past
    }

    pub(crate) fn allowed_from(self, from: Status) -> bool {
        self.step().from.contains(&from)
    }

    /// The statuses this action may be applied to, for error messages:
    /// "collected or in_progress" (in the language of messages).
    pub(crate) fn sources(self) -> String {
        words(self.step().from, &crate::tr!(" or ", "或"))
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a ticket that is `current` may become `to`, by `action` when a
/// command asked for it (which narrows the statuses it applies to) or by
/// any step of the lifecycle (an imported history). `code` names the ticket.
pub(crate) fn check_change(
    code: &str,
    current: Status,
    to: Status,
    action: Option<Action>,
) -> Result<(), FieldError> {
    let allowed = match action {
        Some(a) => a.allowed_from(current),
        None => current.can_become(to),
    };
    if allowed {
        return Ok(());
    }
    let msg = match action {
        Some(a) => {
            let (verb, sources, past, now) = (a.verb(), a.sources(), a.past(), current.word());
            crate::tr!(
                "cannot {verb} ticket {code}: it is {now}; only a {sources} ticket can be {past}",
                "不能{verb}问题{code}：它的状态是{now}；只有{sources}状态的问题才能{verb}"
            )
        }
        None => {
            let (now, to, allowed) = (current.word(), to.word(), transitions_summary());
            crate::tr!(
                "ticket {code} cannot go from {now} to {to}; allowed: {allowed}",
                "问题{code}不能从{now}变为{to}；允许的变化：{allowed}"
            )
        }
    };
    Err(FieldError {
        field: "status",
        msg,
    })
}

/// A ticket's events follow one another in date order, and none is dated
/// after today. `last` is the day of its latest change.
pub(crate) fn check_event_day(
    code: &str,
    on: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldError> {
    if on < last {
        return Err(FieldError {
            field: "on",
            msg: {
                let (on, last) = (date::iso(on), date::iso(last));
                crate::tr!(
                    "ticket {code}: {on} is before its last change on {last}; events are recorded in date order",
                    "问题{code}：{on}早于它上一次变化的日期{last}；办理记录须按日期先后登记"
                )
            },
        });
    }
    rules::not_in_future(
        "on",
        &crate::tr!("ticket {code}:", "问题{code}："),
        on,
        today,
    )?;
    Ok(())
}

/// The day of a change made at a meeting: the meeting's own day, which a
/// date given with it must match.
pub(crate) fn meeting_day(
    on: Option<NaiveDate>,
    held: NaiveDate,
    status: Status,
) -> Result<NaiveDate, FieldError> {
    match on {
        Some(on) if on != held => Err(FieldError {
            field: "on",
            msg: {
                let (held, on) = (date::iso(held), date::iso(on));
                let how = if status.is_closed() {
                    status.word().to_string()
                } else {
                    crate::tr!("taken up", "办理")
                };
                crate::tr!(
                    "the meeting was held on {held}; a ticket {how} at it changes on that day, not {on}",
                    "座谈会于{held}召开；在会上{how}的问题在当天变化，而不是{on}"
                )
            },
        }),
        _ => Ok(held),
    }
}

#[cfg(test)]
mod tests;
