//! Rules about single values that the commands, the importer and `check`
//! share, each written once. A broken rule is a `FieldError` naming the
//! field it is about, so the importer can name the column and the command
//! line the option.

use super::date;
use crate::error::FieldError;
use chrono::NaiveDate;
use std::ops::RangeInclusive;

/// How many person-visits (人次) one visit record may count for.
pub(crate) const PEOPLE: RangeInclusive<i64> = 1..=10_000;

/// A day that has already come: nothing is recorded for tomorrow.
/// `what` names the day in the message: "visit date", "pairing start", …
pub(crate) fn not_in_future(
    field: &'static str,
    what: &str,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    if day > today {
        let (day, today) = (date::iso(day), date::iso(today));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "{what} {day} is in the future (today is {today})",
                "{what}{day}晚于今天（今天是{today}）"
            ),
        });
    }
    Ok(day)
}

/// The most characters a text may have, on the command line and in a file:
/// what a spreadsheet cell holds (Excel's limit), so that whatever is stored
/// can be exported and imported back.
pub(crate) const MAX_TEXT_CHARS: usize = 32_767;

/// A character that changes how text shows rather than showing itself:
/// controls (terminal escapes) and format characters (bidirectional
/// overrides and marks, zero-width spaces, the BOM). Tab and line breaks
/// are text, and so are the zero-width joiners that emoji and some scripts
/// are written with.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Free text (a name, a note, a summary, a reference): at most
/// `MAX_TEXT_CHARS` characters, none of them hidden (see `is_hidden`), so
/// that what is stored is what every view shows.
pub(crate) fn text<'a>(field: &'static str, s: &'a str) -> Result<&'a str, FieldError> {
    // A text has no more characters than bytes.
    if s.len() > MAX_TEXT_CHARS {
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            return Err(FieldError {
                field,
                msg: crate::tr!(
                    "a text of {n} characters; at most {MAX_TEXT_CHARS} are accepted (what a spreadsheet cell holds)",
                    "文字有{n}个字符；最多{MAX_TEXT_CHARS}个（电子表格一个单元格能容纳的长度）"
                ),
            });
        }
    }
    // Most cells are plain printable ASCII: one pass over the bytes tells.
    let plain = s.bytes().all(|b| (0x20..0x7F).contains(&b));
    let hidden = if plain {
        None
    } else {
        s.chars().find(|&c| is_hidden(c))
    };
    match hidden {
        Some(c) => Err(FieldError {
            field,
            msg: {
                let c = c as u32;
                crate::tr!(
                    "the text holds the invisible character U+{c:04X}, which would change how it shows; remove it",
                    "文字中有不可见字符U+{c:04X}，会改变文字的显示；请删除"
                )
            },
        }),
        None => Ok(s),
    }
}

/// A code (of a unit, cadre, meeting or ticket): visible characters only,
/// so that two codes that look the same are the same.
pub(crate) fn code<'a>(field: &'static str, s: &'a str) -> Result<&'a str, FieldError> {
    let s = text(field, s.trim())?;
    let invisible =
        |c: char| c.is_whitespace() || is_hidden(c) || matches!(c, '\u{200C}' | '\u{200D}');
    match s.chars().find(|&c| invisible(c)) {
        Some(c) => Err(FieldError {
            field,
            msg: {
                let c = c as u32;
                crate::tr!(
                    "code {s:?} holds a space or an invisible character (U+{c:04X}); a code is visible characters only",
                    "编号{s:?}中有空格或不可见字符（U+{c:04X}）；编号只能由可见字符组成"
                )
            },
        }),
        None => Ok(s),
    }
}

/// A count of person-visits as typed in a file cell.
pub(crate) fn people(field: &'static str, text: &str) -> Result<i64, FieldError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| PEOPLE.contains(n))
        .ok_or_else(|| {
            let (t, min, max) = (text.trim(), PEOPLE.start(), PEOPLE.end());
            FieldError {
                field,
                msg: crate::tr!(
                    "{t:?} is not a number of person-visits; use a whole number from {min} to {max}",
                    "{t:?}不是走访人次；请填{min}到{max}之间的整数"
                ),
            }
        })
}

/// A ticket is due on or after the day it was collected.
pub(crate) fn due_not_before_collection(
    field: &'static str,
    due: NaiveDate,
    collected: NaiveDate,
) -> Result<(), FieldError> {
    if due < collected {
        let (due, collected) = (date::iso(due), date::iso(collected));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "due date {due} is before the collection date {collected}",
                "办理时限{due}早于收集日期{collected}"
            ),
        });
    }
    Ok(())
}

/// A due date set after the collection (by an assignment or an
/// extension) is not already past on the day it is set.
pub(crate) fn due_not_before_setting(
    field: &'static str,
    due: NaiveDate,
    on: NaiveDate,
) -> Result<(), FieldError> {
    if due < on {
        let (due, on) = (date::iso(due), date::iso(on));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "due date {due} is before the day it is set, {on}",
                "办理时限{due}早于设定之日{on}"
            ),
        });
    }
    Ok(())
}

/// A phone number: digits, spaces, + and - (half-width), at most 20
/// digits; an empty one is allowed. Gives the number trimmed.
pub(crate) fn phone<'a>(field: &'static str, text: &'a str) -> Result<&'a str, FieldError> {
    let p = text.trim();
    if p.chars().all(|c| c.is_ascii_digit() || " +-".contains(c))
        && p.chars().filter(char::is_ascii_digit).count() <= 20
    {
        Ok(p)
    } else {
        Err(FieldError {
            field,
            msg: crate::tr!(
                "{p:?} is not a phone number; use digits, spaces, + and - (half-width)",
                "{p:?}不是电话号码；只能用数字、空格、+和-（半角）"
            ),
        })
    }
}

/// A pairing ends on or after the day it began.
pub(crate) fn pairing_end(
    field: &'static str,
    started: NaiveDate,
    ended: NaiveDate,
) -> Result<(), FieldError> {
    if ended < started {
        let (started, ended) = (date::iso(started), date::iso(ended));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "the pairing began on {started}; it cannot end on {ended}, before that",
                "结对开始于{started}；不能在此之前的{ended}结束"
            ),
        });
    }
    Ok(())
}

/// The key of the total row of every report broken down by a dimension.
pub(crate) const TOTAL: &str = "total";

/// The most working days a category's deadline (办理时限) may give.
pub(crate) const MAX_DEADLINE_DAYS: u32 = 365;

/// A category's deadline in working days: 1 to MAX_DEADLINE_DAYS.
pub(crate) fn deadline_days(field: &'static str, days: u32) -> Result<u32, FieldError> {
    if (1..=MAX_DEADLINE_DAYS).contains(&days) {
        return Ok(days);
    }
    Err(FieldError {
        field,
        msg: crate::tr!(
            "{days} working days is not a deadline; give 1 to {MAX_DEADLINE_DAYS} working days",
            "{days}个工作日不是有效的办理时限；请给1到{MAX_DEADLINE_DAYS}个工作日"
        ),
    })
}

/// A number of working days as typed (a deadline, a response time): a whole
/// number, then held to its own range by `deadline_days` or `response_days`.
pub(crate) fn working_days(field: &'static str, text: &str) -> Result<u32, FieldError> {
    text.trim().parse().map_err(|_| FieldError {
        field,
        msg: crate::tr!(
            "{text:?} is not a number of working days; give 1 to {MAX_DEADLINE_DAYS}",
            "{text:?}不是工作日天数；请给1到{MAX_DEADLINE_DAYS}"
        ),
    })
}

/// A response time (响应时限) in working days: 1 to MAX_DEADLINE_DAYS.
pub(crate) fn response_days(field: &'static str, days: u32) -> Result<u32, FieldError> {
    if (1..=MAX_DEADLINE_DAYS).contains(&days) {
        return Ok(days);
    }
    Err(FieldError {
        field,
        msg: crate::tr!(
            "{days} working days is not a response time; give 1 to {MAX_DEADLINE_DAYS} working days",
            "{days}个工作日不是有效的响应时限；请给1到{MAX_DEADLINE_DAYS}个工作日"
        ),
    })
}

/// A category's name as a deadline is set for it: not empty, not the total row's.
pub(crate) fn category_name<'a>(field: &'static str, name: &'a str) -> Result<&'a str, FieldError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldError {
            field,
            msg: crate::tr!("a category needs a name", "问题类别须有名称"),
        });
    }
    group_name(field, name)
}

/// A name that becomes a report's group (a ticket's category, a unit's
/// name, a meeting's code) is never the total row's key, in any case, so
/// that no group can pass for the total in a CSV or JSON report.
pub(crate) fn group_name<'a>(field: &'static str, text: &'a str) -> Result<&'a str, FieldError> {
    if text.trim().eq_ignore_ascii_case(TOTAL) {
        let t = text.trim();
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "{t:?} is the name of the total row of every report, so it cannot name a group; choose another",
                "{t:?}是各报表合计行的名称，不能用作分组名称；请另选一个"
            ),
        });
    }
    Ok(text)
}

/// A short name (简称) people type instead of an enterprise's code: trimmed,
/// None when empty (no short name); never a credit code, which would name
/// another enterprise than the one it looks like.
pub(crate) fn short_name<'a>(
    field: &'static str,
    text: &'a str,
) -> Result<Option<&'a str>, FieldError> {
    let short = text.trim();
    if short.is_empty() {
        return Ok(None);
    }
    if short.chars().count() == 18 && super::uscc::Uscc::parse(short).is_ok() {
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "short name {short:?} is a unified social credit code; choose a name",
                "简称{short:?}是一个统一社会信用代码；请另取一个名称"
            ),
        });
    }
    Ok(Some(short))
}

/// A period given as `--from`/`--to` runs forwards: its first day is not
/// after its last (either may be left open).
pub(crate) fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), FieldError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => {
            let (f, t) = (date::iso(f), date::iso(t));
            Err(FieldError {
                field: "from",
                msg: crate::tr!("--from {f} is after --to {t}", "--from {f} 晚于 --to {t}"),
            })
        }
        _ => Ok(()),
    }
}

/// A record voided by mistake is voided on or after the day it happened.
/// `what` names the record in the message: "visit", "ticket", …
pub(crate) fn void_date(
    field: &'static str,
    what: &str,
    happened: NaiveDate,
    voided: NaiveDate,
) -> Result<(), FieldError> {
    if voided < happened {
        let (happened, voided) = (date::iso(happened), date::iso(voided));
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "the {what} is dated {happened}; it cannot be voided on {voided}, before that",
                "该{what}的日期是{happened}；不能在此之前的{voided}作废"
            ),
        });
    }
    Ok(())
}

/// Why a record was voided: some text is required, so the history says why.
pub(crate) fn void_reason<'a>(field: &'static str, text: &'a str) -> Result<&'a str, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError {
            field,
            msg: crate::tr!(
                "a void needs a reason saying what the mistake was",
                "作废须写明原因，说明错在哪里"
            ),
        });
    }
    Ok(t)
}

/// The days a pairing is in force: from its start day up to, not
/// including, the day it ended. One that ended on the day it began was
/// never in force; an open one (`end` None) runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: NaiveDate,
    pub(crate) end: Option<NaiveDate>,
}

impl Span {
    /// Whether the pairing was in force on at least one day.
    pub(crate) fn ever_in_force(self) -> bool {
        self.end.is_none_or(|end| end > self.start)
    }

    #[cfg(test)]
    pub(crate) fn in_force_on(self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| day < end)
    }

    /// Whether some day has both pairings in force. A pairing ending on the
    /// day the next begins is a handover, not an overlap.
    pub(crate) fn overlaps(self, other: Span) -> bool {
        let before = |day: NaiveDate, end: Option<NaiveDate>| end.is_none_or(|e| day < e);
        self.ever_in_force()
            && other.ever_in_force()
            && before(self.start, other.end)
            && before(other.start, self.end)
    }

    /// `from 2022-03-01 to 2022-06-30`, or `from 2022-03-01 on` while open.
    pub(crate) fn describe(self) -> String {
        let start = date::iso(self.start);
        match self.end.map(date::iso) {
            Some(end) => crate::tr!("from {start} to {end}", "{start}至{end}"),
            None => crate::tr!("from {start} on", "自{start}起"),
        }
    }
}

/// The one-at-a-time rule of a tier: the first of `existing` (a pairing
/// that shares the cadre or the enterprise the rule is about) whose days
/// overlap `new`'s, if any.
pub(crate) fn in_the_way<T>(
    new: Span,
    existing: impl IntoIterator<Item = (Span, T)>,
) -> Option<(Span, T)> {
    existing.into_iter().find(|(span, _)| span.overlaps(new))
}

/// A visit's date: not in the future, and not before the cadre's pairing
/// with the enterprise began unless the visit is recorded as unpaired.
/// `first_start` is the earliest start of any pairing of this cadre with
/// this enterprise; `override_hint` says how to record an unpaired visit
/// (`pass --unpaired`, or a column in an import).
pub(crate) fn visit_date(
    field: &'static str,
    on: NaiveDate,
    today: NaiveDate,
    first_start: Option<NaiveDate>,
    unpaired: bool,
    override_hint: &str,
) -> Result<(), FieldError> {
    not_in_future(field, &crate::tr!("visit date", "走访日期"), on, today)?;
    if unpaired {
        return Ok(());
    }
    let msg = match first_start {
        None => crate::tr!(
            "the cadre is not paired with this enterprise; {override_hint} to record the visit anyway",
            "该干部与这家企业没有结对；如仍要登记这次走访，请{override_hint}"
        ),
        Some(start) if on < start => {
            let (on, start) = (date::iso(on), date::iso(start));
            crate::tr!(
                "visit date {on} is before the cadre's pairing with this enterprise began ({start}); {override_hint} to record it anyway",
                "走访日期{on}早于该干部与这家企业结对的开始日期（{start}）；如仍要登记，请{override_hint}"
            )
        }
        Some(_) => return Ok(()),
    };
    Err(FieldError { field, msg })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        date::parse(s).unwrap()
    }

    #[test]
    fn today_is_not_the_future_but_tomorrow_is() {
        let today = d("2022-12-31");
        assert!(not_in_future("on", "visit date", today, today).is_ok());
        let e = not_in_future("on", "visit date", d("2023-01-01"), today).unwrap_err();
        assert_eq!(e.field, "on");
        assert_eq!(
            e.msg,
            "visit date 2023-01-01 is in the future (today is 2022-12-31)"
        );
    }

    #[test]
    fn text_is_bounded_and_shows_as_stored() {
        assert!(text("note", "走访\t记录\r\n第二行").is_ok());
        assert!(text("note", &"字".repeat(MAX_TEXT_CHARS)).is_ok());
        let e = text("note", &"字".repeat(MAX_TEXT_CHARS + 1)).unwrap_err();
        assert!(e.msg.starts_with("a text of 32768 characters"), "{}", e.msg);
        for hidden in [
            "\u{1b}[31m",
            "a\u{202E}b",
            "T01\u{200B}",
            "\u{FEFF}x",
            "\u{7f}",
        ] {
            assert!(text("name", hidden).is_err(), "{hidden:?}");
        }
        assert_eq!(code("code", " T01 ").unwrap(), "T01");
        assert!(code("code", "T 01").is_err());
        assert!(code("code", "T01\u{200B}").is_err());
        assert!(code("code", "T\u{3000}01").is_err());
        assert!(code("code", "T01\u{200D}").is_err());
        assert!(text("note", "👩\u{200D}🔧").is_ok());
    }

    #[test]
    fn person_visits_run_from_one_to_ten_thousand() {
        assert_eq!(people("people", " 1 ").unwrap(), 1);
        assert_eq!(people("people", "10000").unwrap(), 10_000);
        for bad in ["0", "10001", "-5", "x", ""] {
            assert!(people("people", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn due_may_be_the_collection_day_but_not_before() {
        let c = d("2022-03-01");
        assert!(due_not_before_collection("due_on", c, c).is_ok());
        assert!(due_not_before_collection("due_on", d("2022-02-28"), c).is_err());
    }

    #[test]
    fn phones_hold_digits_spaces_plus_and_minus() {
        assert_eq!(
            phone("phone", " +86 138-0000-0000 ").unwrap(),
            "+86 138-0000-0000"
        );
        assert_eq!(phone("phone", "").unwrap(), "");
        assert!(phone("phone", "１３８").is_err());
        assert!(phone("phone", "138 x").is_err());
        assert!(phone("phone", &"1".repeat(21)).is_err());
    }

    #[test]
    fn a_pairing_may_end_the_day_it_began_but_not_before() {
        let s = d("2022-03-01");
        assert!(pairing_end("ended_on", s, s).is_ok());
        let e = pairing_end("ended_on", s, d("2022-02-28")).unwrap_err();
        assert_eq!(
            e.msg,
            "the pairing began on 2022-03-01; it cannot end on 2022-02-28, before that"
        );
    }

    fn span(start: &str, end: Option<&str>) -> Span {
        Span {
            start: d(start),
            end: end.map(d),
        }
    }

    #[test]
    fn a_pairing_is_in_force_from_its_start_until_the_day_it_ends() {
        let s = span("2022-03-01", Some("2022-06-30"));
        assert!(!s.in_force_on(d("2022-02-28")));
        assert!(s.in_force_on(d("2022-03-01")));
        assert!(s.in_force_on(d("2022-06-29")));
        assert!(!s.in_force_on(d("2022-06-30")));
        assert!(span("2022-03-01", None).in_force_on(d("2099-01-01")));
        let never = span("2022-03-01", Some("2022-03-01"));
        assert!(!never.ever_in_force());
        assert!(!never.in_force_on(d("2022-03-01")));
    }

    #[test]
    fn pairings_overlap_when_one_day_has_both_in_force() {
        let closed = span("2022-01-10", Some("2022-06-30"));
        // A backdated pairing inside a closed one.
        assert!(closed.overlaps(span("2022-03-01", None)));
        assert!(span("2022-03-01", None).overlaps(closed));
        assert!(closed.overlaps(span("2021-12-01", Some("2022-01-11"))));
        // Handovers on the same day, either way round.
        assert!(!closed.overlaps(span("2022-06-30", None)));
        assert!(!closed.overlaps(span("2021-12-01", Some("2022-01-10"))));
        assert!(span("2022-01-01", None).overlaps(span("2022-05-01", None)));
        // A pairing never in force is in nobody's way.
        assert!(!closed.overlaps(span("2022-03-01", Some("2022-03-01"))));
        assert_eq!(
            in_the_way(span("2022-03-01", None), [(closed, "a")]).map(|(_, t)| t),
            Some("a")
        );
        assert_eq!(closed.describe(), "from 2022-01-10 to 2022-06-30");
        assert_eq!(span("2022-03-01", None).describe(), "from 2022-03-01 on");
    }

    #[test]
    fn a_void_comes_on_or_after_the_record_and_says_why() {
        let on = d("2022-03-01");
        assert!(void_date("on", "visit", on, on).is_ok());
        let e = void_date("on", "visit", on, d("2022-02-28")).unwrap_err();
        assert_eq!(
            e.msg,
            "the visit is dated 2022-03-01; it cannot be voided on 2022-02-28, before that"
        );
        assert_eq!(void_reason("reason", " 重复录入 ").unwrap(), "重复录入");
        assert!(void_reason("reason", "  ").is_err());
    }

    #[test]
    fn no_group_may_be_named_like_the_total_row() {
        assert!(group_name("category", "融资").is_ok());
        assert!(group_name("category", "subtotal").is_ok());
        for bad in ["total", " Total ", "TOTAL"] {
            assert!(group_name("category", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_visit_falls_within_a_pairing_unless_recorded_unpaired() {
        let today = d("2022-12-31");
        let start = Some(d("2022-03-01"));
        assert!(visit_date("on", d("2022-03-01"), today, start, false, "hint").is_ok());
        assert!(visit_date("on", d("2022-02-28"), today, start, false, "hint").is_err());
        assert!(visit_date("on", d("2022-02-28"), today, start, true, "hint").is_ok());
        let e =
            visit_date("on", d("2022-05-01"), today, None, false, "pass --unpaired").unwrap_err();
        assert!(
            e.msg
                .ends_with("pass --unpaired to record the visit anyway"),
            "{}",
            e.msg
        );
        assert!(visit_date("on", d("2023-01-01"), today, start, true, "hint").is_err());
    }
}
