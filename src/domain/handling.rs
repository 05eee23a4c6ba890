//! The rules of the closed loop beyond the statuses: what each event needs
//! from the ticket (a department to accept or return, a due date to extend)
//! and from the person recording it (a reason, a level, an outcome).

use super::date;
use super::kinds::Level;
use super::status::{Action, Status};
use crate::error::FieldError;
use chrono::NaiveDate;

/// What the ticket is when an event is recorded.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub(crate) status: Status,
    pub(crate) has_department: bool,
    /// Returned (退单) and not assigned again since.
    pub(crate) returned: bool,
    pub(crate) due_on: Option<NaiveDate>,
    pub(crate) voided_on: Option<NaiveDate>,
}

/// What the event brings.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given<'a> {
    pub(crate) department: bool,
    pub(crate) due_on: Option<NaiveDate>,
    pub(crate) level: bool,
    pub(crate) outcome: bool,
    pub(crate) reason: &'a str,
    pub(crate) amend: bool,
    /// Read from a file (a ticket ledger or an events file) rather than
    /// typed on the command line: a refusal names the column to fill.
    pub(crate) from_file: bool,
}

fn err(field: &'static str, msg: String) -> FieldError {
    FieldError { field, msg }
}

/// What an event lacks: typed on the command line, the option to give
/// (`typed`); read from a file, the column to fill, by its canonical and
/// Chinese header.
fn missing(
    code: &str,
    action: Action,
    given: &Given,
    field: &'static str,
    header_zh: &str,
    typed: String,
) -> FieldError {
    if !given.from_file {
        return err(field, typed);
    }
    let verb = action.verb();
    err(
        field,
        crate::tr!(
            "to {verb} ticket {code}, fill in the {field} column ({header_zh})",
            "{verb}问题{code}须填写{header_zh}列"
        ),
    )
}

/// Whether `action` may be recorded on ticket `code` with `given`. The
/// status is checked by the lifecycle. A ticket is accepted (签收) only by a
/// handling department: one in force (交办, or the collection's), or one the
/// acceptance names; a returned ticket has none until it is assigned again
/// (退单 leads to 改派, not 签收).
pub(crate) fn check(
    code: &str,
    action: Action,
    facts: &Facts,
    given: &Given,
) -> Result<(), FieldError> {
    if let Some(v) = facts.voided_on {
        let v = date::iso(v);
        return Err(err(
            "action",
            crate::tr!(
                "ticket {code} was voided on {v}; a voided ticket takes no further events",
                "问题{code}已于{v}作废；作废的问题不再登记办理记录"
            ),
        ));
    }
    let needs_reason = matches!(action, Action::Return | Action::Extend | Action::Void);
    if needs_reason && given.reason.trim().is_empty() {
        let verb = action.verb();
        return Err(missing(
            code,
            action,
            given,
            "reason",
            "原因",
            crate::tr!(
                "to {verb} ticket {code}, say why with --reason TEXT",
                "{verb}问题{code}须说明原因（--reason 原因）"
            ),
        ));
    }
    match action {
        Action::Assign if !given.department => Err(missing(
            code,
            action,
            given,
            "department",
            "承办单位",
            crate::tr!(
                "to assign ticket {code}, name the handling department with --department UNIT",
                "交办问题{code}须指定承办单位（--department 单位）"
            ),
        )),
        Action::Accept if facts.returned && !given.department => Err(err(
            "department",
            crate::tr!(
                "ticket {code} was returned by its department; assign it again (ticket assign {code} --department UNIT) before it is accepted",
                "问题{code}已被承办单位退回；须重新交办（`qianqi ticket assign {code} --department 单位`）后才能签收"
            ),
        )),
        Action::Accept if !facts.has_department && !given.department => Err(err(
            "department",
            if given.from_file {
                crate::tr!(
                    "ticket {code} has no handling department to accept it; fill in the department column (承办单位)",
                    "问题{code}尚无承办单位，不能签收；请填写承办单位列",
                )
            } else {
                crate::tr!(
                    "ticket {code} has no handling department to accept it; name the department: ticket accept {code} --department UNIT",
                    "问题{code}尚无承办单位，不能签收；请指明承办单位（`qianqi ticket accept {code} --department 单位`）",
                )
            },
        )),
        Action::Return if facts.status == Status::Collected && !facts.has_department => Err(err(
            "action",
            crate::tr!(
                "ticket {code} has no handling department; only an assigned ticket can be returned",
                "问题{code}没有承办单位；只有已交办的问题才能退回"
            ),
        )),
        Action::Extend => {
            let Some(until) = given.due_on else {
                return Err(missing(
                    code,
                    action,
                    given,
                    "due_on",
                    "办理时限",
                    crate::tr!(
                        "to extend ticket {code}, give the new due date with --until DATE",
                        "问题{code}延期须给出新的办理时限（--until 日期）"
                    ),
                ));
            };
            match facts.due_on {
                None => Err(err(
                    "due_on",
                    crate::tr!(
                        "ticket {code} has no due date to extend; assign it with --due DATE",
                        "问题{code}没有可延期的办理时限；请交办时给出时限（--due 日期）"
                    ),
                )),
                Some(due) if until <= due => {
                    let (due, until) = (date::iso(due), date::iso(until));
                    Err(err(
                        "due_on",
                        crate::tr!(
                            "ticket {code} is due on {due}; an extension must give a later date, not {until}",
                            "问题{code}的办理时限是{due}；延期须给出更晚的日期，而不是{until}"
                        ),
                    ))
                }
                Some(_) => Ok(()),
            }
        }
        Action::Urge if !given.level => Err(missing(
            code,
            action,
            given,
            "level",
            "督办级别",
            crate::tr!(
                "to urge ticket {code}, give --level remind, supervise or notify",
                "催办问题{code}须给出督办级别：--level 催办、督办或通报"
            ),
        )),
        Action::FollowUp if !given.outcome => Err(missing(
            code,
            action,
            given,
            "outcome",
            "回访结果",
            crate::tr!(
                "to follow up ticket {code}, give --outcome solved, partly or unsolved",
                "回访问题{code}须给出回访结果：--outcome 已解决、部分解决或未解决"
            ),
        )),
        Action::Amend if !given.amend => Err(missing(
            code,
            action,
            given,
            "field",
            "更正项",
            crate::tr!(
                "to amend ticket {code}, give at least one of --summary, --category, --enterprise, --cadre",
                "更正问题{code}须至少给出 --summary、--category、--enterprise、--cadre 之一"
            ),
        )),
        _ => Ok(()),
    }
}

/// How a list of co-handling units breaks the co-handler rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CoHandlerFault {
    /// The unit is the handling department itself.
    IsDepartment(String),
    /// The unit is named more than once.
    Twice(String),
}

/// The first way `with`, the co-handling units (协办) of an assignment to
/// `department`, breaks the rule: co-handlers are other units than the
/// handling department, each named once. All are unit codes as the
/// registry holds them. `check` finds with it what the commands refuse.
pub(crate) fn co_handler_fault(
    department: Option<&str>,
    with: &[String],
) -> Option<CoHandlerFault> {
    with.iter().enumerate().find_map(|(i, unit)| {
        if department == Some(unit.as_str()) {
            Some(CoHandlerFault::IsDepartment(unit.clone()))
        } else if with[..i].contains(unit) {
            Some(CoHandlerFault::Twice(unit.clone()))
        } else {
            None
        }
    })
}

/// The co-handling units (协办) of an assignment of ticket `code` to
/// `department`, held to `co_handler_fault`'s rule.
pub(crate) fn co_handlers(
    code: &str,
    department: Option<&str>,
    with: &[String],
) -> Result<(), FieldError> {
    match co_handler_fault(department, with) {
        None => Ok(()),
        Some(CoHandlerFault::IsDepartment(unit)) => Err(err(
            "with",
            crate::tr!(
                "ticket {code}: the co-handling unit {unit} is its handling department; co-handlers (协办) are other units",
                "问题{code}：协办单位{unit}就是承办单位；协办单位须是其他单位"
            ),
        )),
        Some(CoHandlerFault::Twice(unit)) => Err(err(
            "with",
            crate::tr!(
                "ticket {code}: the co-handling unit {unit} is named twice",
                "问题{code}：协办单位{unit}列了两次"
            ),
        )),
    }
}

/// The escalation step an open ticket has reached `workdays_late` working
/// days after its due date: 催办 from the 1st, 督办 from the 3rd, 通报 from the 5th.
pub(crate) fn escalation(workdays_late: i64) -> Option<Level> {
    match workdays_late {
        i64::MIN..=0 => None,
        1..=2 => Some(Level::Remind),
        3..=4 => Some(Level::Supervise),
        _ => Some(Level::Notify),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Status, dept: bool, due: Option<&str>) -> Facts {
        Facts {
            status,
            has_department: dept,
            returned: false,
            due_on: due.map(|d| date::parse(d).unwrap()),
            voided_on: None,
        }
    }

    #[test]
    fn an_extension_gives_a_later_date_and_a_reason() {
        let f = facts(Status::InProgress, true, Some("2022-03-10"));
        let mut g = Given {
            due_on: Some(date::parse("2022-03-09").unwrap()),
            reason: "等待材料",
            ..Given::default()
        };
        let e = check("T", Action::Extend, &f, &g).unwrap_err();
        assert_eq!(
            e.msg,
            "ticket T is due on 2022-03-10; an extension must give a later date, not 2022-03-09"
        );
        g.due_on = Some(date::parse("2022-03-20").unwrap());
        assert!(check("T", Action::Extend, &f, &g).is_ok());
        g.reason = " ";
        assert_eq!(
            check("T", Action::Extend, &f, &g).unwrap_err().field,
            "reason"
        );
    }

    #[test]
    fn a_ticket_is_accepted_only_with_a_department_in_force_or_named() {
        let unassigned = facts(Status::Collected, false, None);
        let e = check("T", Action::Accept, &unassigned, &Given::default()).unwrap_err();
        assert_eq!(e.field, "department");
        assert!(e.msg.contains("--department UNIT"), "{}", e.msg);
        let from_file = Given {
            from_file: true,
            ..Given::default()
        };
        let e = check("T", Action::Accept, &unassigned, &from_file).unwrap_err();
        assert!(e.msg.contains("department column"), "{}", e.msg);
        let named = Given {
            department: true,
            ..Given::default()
        };
        assert!(check("T", Action::Accept, &unassigned, &named).is_ok());
        let assigned = facts(Status::Collected, true, Some("2022-03-10"));
        assert!(check("T", Action::Accept, &assigned, &Given::default()).is_ok());
        // Closing on the spot needs no department.
        assert!(check("T", Action::Resolve, &unassigned, &Given::default()).is_ok());
    }

    #[test]
    fn co_handlers_are_other_units_each_named_once() {
        let with = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(co_handlers("T", Some("D01"), &with(&["D02", "D03"])).is_ok());
        assert!(co_handlers("T", None, &with(&["D01"])).is_ok());
        let e = co_handlers("T", Some("D01"), &with(&["D02", "D01"])).unwrap_err();
        assert_eq!(e.field, "with");
        assert!(
            e.msg.contains("D01 is its handling department"),
            "{}",
            e.msg
        );
        let e = co_handlers("T", Some("D01"), &with(&["D02", "D02"])).unwrap_err();
        assert!(e.msg.contains("D02 is named twice"), "{}", e.msg);
        assert_eq!(
            co_handler_fault(Some("D01"), &with(&["D02", "D02", "D01"])),
            Some(CoHandlerFault::Twice("D02".into()))
        );
        assert_eq!(co_handler_fault(None, &with(&["D02", "D03"])), None);
    }

    #[test]
    fn a_voided_ticket_takes_nothing_more() {
        let mut f = facts(Status::Resolved, true, None);
        f.voided_on = Some(date::parse("2022-05-01").unwrap());
        let g = Given {
            outcome: true,
            ..Given::default()
        };
        let e = check("T", Action::FollowUp, &f, &g).unwrap_err();
        assert!(e.msg.contains("voided on 2022-05-01"), "{}", e.msg);
    }

    #[test]
    fn the_ladder_climbs_on_the_first_third_and_fifth_working_day() {
        let steps: Vec<Option<Level>> = (0..=6).map(escalation).collect();
        assert_eq!(
            steps,
            [
                None,
                Some(Level::Remind),
                Some(Level::Remind),
                Some(Level::Supervise),
                Some(Level::Supervise),
                Some(Level::Notify),
                Some(Level::Notify)
            ]
        );
    }
}
