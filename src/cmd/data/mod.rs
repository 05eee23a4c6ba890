//! The kinds of records that move in bulk (`import`, `export`) and their
//! CSV columns: the canonical English header, the Chinese headers a
//! supervisor's spreadsheet uses, and how a cell is protected on export.
//! Each kind's table comes with an enum naming its columns (`UnitField`,
//! `VisitField`, …), which import, export and the lists use to name a
//! column instead of a string or a position.

use crate::output::{col, Column, Kind, Vocab as V};
use std::fmt;
use std::marker::PhantomData;

/// What a CSV file holds, named in English or Chinese (`visits` or `走访`).
/// Import them in this order: each refers to the ones before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DataKind {
    /// Departments and towns/streets (单位).
    #[value(aliases = ["单位"])]
    Units,
    /// Cadres (干部).
    #[value(aliases = ["干部"])]
    Cadres,
    /// Enterprises (企业).
    #[value(aliases = ["企业"])]
    Enterprises,
    /// Cadre–enterprise pairings (对口服务).
    #[value(aliases = ["结对"])]
    Pairings,
    /// Meetings (座谈会) and who attended.
    #[value(aliases = ["座谈会"])]
    Meetings,
    /// Visits (走访).
    #[value(aliases = ["走访"])]
    Visits,
    /// Problem tickets (问题台账).
    #[value(aliases = ["问题", "问题台账"])]
    Tickets,
    /// Ticket status changes after collection (办理记录).
    #[value(aliases = ["办理记录"])]
    Events,
    /// Categories and their deadlines in working days (办理时限).
    #[value(aliases = ["问题类别", "类别"])]
    Categories,
    /// Days declared working days or not (工作日历): holidays, 调休.
    #[value(aliases = ["日历", "工作日历"])]
    Calendar,
}

impl DataKind {
    pub const ALL: [DataKind; 10] = [
        DataKind::Units,
        DataKind::Cadres,
        DataKind::Enterprises,
        DataKind::Pairings,
        DataKind::Meetings,
        DataKind::Visits,
        DataKind::Tickets,
        DataKind::Events,
        DataKind::Categories,
        DataKind::Calendar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DataKind::Units => "units",
            DataKind::Cadres => "cadres",
            DataKind::Enterprises => "enterprises",
            DataKind::Pairings => "pairings",
            DataKind::Meetings => "meetings",
            DataKind::Visits => "visits",
            DataKind::Tickets => "tickets",
            DataKind::Events => "events",
            DataKind::Categories => "categories",
            DataKind::Calendar => "calendar",
        }
    }

    /// The registries, where re-importing to update a name or phone is normal.
    /// The kind in Chinese messages: 单位, 走访, 办理记录, …
    pub(crate) fn zh(self) -> &'static str {
        match self {
            DataKind::Units => "单位",
            DataKind::Cadres => "干部",
            DataKind::Enterprises => "企业",
            DataKind::Pairings => "结对",
            DataKind::Meetings => "座谈会",
            DataKind::Visits => "走访",
            DataKind::Tickets => "问题",
            DataKind::Events => "办理记录",
            DataKind::Categories => "问题类别",
            DataKind::Calendar => "日历",
        }
    }

    /// `n` records of this kind in messages: "1 visit", "41 units", "单位41个".
    pub(crate) fn count(self, n: i64) -> String {
        let (one, many, zh, unit) = match self {
            DataKind::Units => ("unit", "units", "单位", "个"),
            DataKind::Cadres => ("cadre", "cadres", "干部", "名"),
            DataKind::Enterprises => ("enterprise", "enterprises", "企业", "家"),
            DataKind::Pairings => ("pairing", "pairings", "结对", "对"),
            DataKind::Meetings => ("meeting", "meetings", "座谈会", "场"),
            DataKind::Visits => ("visit", "visits", "走访", "次"),
            DataKind::Tickets => ("ticket", "tickets", "问题", "件"),
            DataKind::Events => ("event", "events", "办理记录", "条"),
            DataKind::Categories => ("category", "categories", "问题类别", "个"),
            DataKind::Calendar => ("calendar day", "calendar days", "日历日", "天"),
        };
        let what = if n == 1 { one } else { many };
        crate::tr!("{n} {what}", "{zh}{n}{unit}")
    }

    /// How messages name the column `key` of this kind: the key, or in
    /// Chinese its first Chinese header; None for a key that is no column.
    pub(crate) fn column_word(self, key: &str) -> Option<&'static str> {
        let f = self.fields().iter().find(|f| f.key == key)?;
        Some(crate::domain::message_lang().pick(f.key, f.zh[0]))
    }

    pub(crate) fn is_registry(self) -> bool {
        matches!(
            self,
            DataKind::Units | DataKind::Cadres | DataKind::Enterprises
        )
    }

    /// The columns, in the canonical order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            DataKind::Units => UNITS,
            DataKind::Cadres => CADRES,
            DataKind::Enterprises => ENTERPRISES,
            DataKind::Pairings => PAIRINGS,
            DataKind::Meetings => MEETINGS,
            DataKind::Visits => VISITS,
            DataKind::Tickets => TICKETS,
            DataKind::Events => EVENTS,
            DataKind::Categories => CATEGORIES,
            DataKind::Calendar => CALENDAR,
        }
    }
}

impl fmt::Display for DataKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One column of a kind.
#[derive(Debug)]
pub struct Field {
    /// The canonical header.
    pub key: &'static str,
    /// Chinese headers accepted for it; the first is written by `--lang zh`.
    pub(crate) zh: &'static [&'static str],
    pub(crate) kind: Kind,
    pub(crate) required: bool,
    /// Written by `export`; the ledger-only columns are read but never written.
    pub(crate) exported: bool,
    /// Whether the column holds a code, or refers to records by code.
    pub(crate) ident: Ident,
}

/// What a column holds of the codes that identify records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ident {
    /// No code.
    No,
    /// The record's own code, stored as given: visible characters only.
    Code,
    /// Codes of other records (one, or a list).
    Ref,
}

impl Ident {
    /// A code or a reference to one: an all-digit one is kept as text in a
    /// spreadsheet, where `0012` would otherwise come back as `12`.
    pub(crate) fn is_code(self) -> bool {
        self != Ident::No
    }
}

impl Field {
    /// The column of a list or export that shows this field.
    pub(crate) const fn column(&self) -> Column {
        let kind = match (self.kind, self.ident) {
            (Kind::Text, Ident::Code | Ident::Ref) => Kind::Code,
            (kind, _) => kind,
        };
        col(self.key, self.zh[0], kind)
    }

    /// Whether the column holds a date: every date column is named `on` or
    /// `…_on`, so a workbook's date cells and serial numbers are read as
    /// dates there, and an exported workbook writes dates there.
    pub(crate) fn is_date(&self) -> bool {
        self.key == "on" || self.key.ends_with("_on")
    }
}

/// The columns of one kind, named by an enum whose variants are the
/// positions in the kind's table, so a column is named by a type the
/// compiler checks rather than by a string.
pub(crate) trait Fields: Copy + fmt::Debug + 'static {
    const KIND: DataKind;
    /// Every column, in the canonical order.
    const ALL: &'static [Self];
    fn index(self) -> usize;

    fn field(self) -> &'static Field {
        &Self::KIND.fields()[self.index()]
    }

    fn key(self) -> &'static str {
        self.field().key
    }
}

/// Declares a kind's field table and the enum that names its columns.
macro_rules! fields {
    ($(#[$m:meta])* $name:ident for $kind:ident in $table:ident { $($var:ident => $field:expr,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name { $($var),+ }

        const $table: &[Field] = &[$($field),+];

        impl $name {
            /// The column that shows this field in a list (not every kind has a list).
            #[allow(dead_code)]
            pub(crate) const fn column(self) -> Column {
                $table[self as usize].column()
            }
        }

        impl Fields for $name {
            const KIND: DataKind = DataKind::$kind;
            const ALL: &'static [$name] = &[$($name::$var),+];
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

const fn f(key: &'static str, zh: &'static [&'static str], kind: Kind, required: bool) -> Field {
    Field {
        key,
        zh,
        kind,
        required,
        exported: true,
        ident: Ident::No,
    }
}

/// A column holding the record's own code.
const fn code(key: &'static str, zh: &'static [&'static str]) -> Field {
    Field {
        ident: Ident::Code,
        ..f(key, zh, Text, true)
    }
}

/// A column referring to other records by their codes.
const fn refs(key: &'static str, zh: &'static [&'static str], required: bool) -> Field {
    Field {
        ident: Ident::Ref,
        ..f(key, zh, Text, required)
    }
}

/// A column for ledgers that keep only the current state (tickets' status):
/// export writes the history as events instead.
const fn ledger(key: &'static str, zh: &'static [&'static str], kind: Kind) -> Field {
    Field {
        key,
        zh,
        kind,
        required: false,
        exported: false,
        ident: Ident::No,
    }
}

use Kind::{Id, Plain, Text, Vocab};

// The single table of headers. `enterprise` cells hold a USCC or an exact
// name, so either Chinese header names that column. A column that holds a
// stored vocabulary value says so: export writes it in the language asked
// (its stored name in plain CSV and JSON), a list shows it in the language
// asked.
fields!(
    /// A column of a units file.
    UnitField for Units in UNITS {
        Code => code("code", &["编号", "代码", "单位编号", "单位代码"]),
        Name => f("name", &["名称", "单位名称"], Text, true),
        Kind => f("kind", &["类型", "单位类型"], Vocab(V::UnitKind), true),
    }
);
fields!(
    /// A column of a cadres file.
    CadreField for Cadres in CADRES {
        Code => code("code", &["编号", "干部编号", "代码"]),
        Name => f("name", &["姓名", "干部姓名"], Text, true),
        Unit => refs("unit", &["单位", "所在单位", "单位编号"], true),
        Rank => f("rank", &["职级"], Text, false),
        Phone => f("phone", &["电话", "联系电话", "手机"], Id, false),
    }
);
fields!(
    /// A column of an enterprises file.
    EnterpriseField for Enterprises in ENTERPRISES {
        Uscc => f("uscc", &["统一社会信用代码", "信用代码"], Id, true),
        Name => f("name", &["企业名称", "名称"], Text, true),
        ShortName => f("short_name", &["简称", "企业简称"], Text, false),
        Town => refs("town", &["所在街镇", "街镇"], true),
        Chain => f("chain", &["产业链"], Text, false),
        Key => f("key", &["重点企业"], Plain, false),
    }
);
fields!(
    /// A column of a pairings file.
    PairingField for Pairings in PAIRINGS {
        Cadre => refs("cadre", &["干部", "干部编号"], true),
        Enterprise => f("enterprise", &["企业", "统一社会信用代码", "企业名称"], Id, true),
        Tier => f("tier", &["层级"], Vocab(V::Tier), true),
        StartedOn => f("started_on", &["开始日期"], Plain, true),
        EndedOn => f("ended_on", &["结束日期"], Plain, false),
    }
);
fields!(
    /// A column of a meetings file.
    MeetingField for Meetings in MEETINGS {
        Code => code("code", &["会议编号", "编号"]),
        HeldOn => f("held_on", &["召开日期", "日期"], Plain, true),
        Title => f("title", &["会议名称", "名称"], Text, false),
        Cadres => refs("cadres", &["参会干部"], false),
    }
);
fields!(
    /// A column of a visits file.
    VisitField for Visits in VISITS {
        Cadre => refs("cadre", &["干部", "干部编号"], true),
        Enterprise => f("enterprise", &["企业", "统一社会信用代码", "企业名称"], Id, true),
        VisitedOn => f("visited_on", &["走访日期", "日期"], Plain, true),
        Kind => f("kind", &["方式", "走访方式"], Vocab(V::VisitKind), false),
        People => f("people", &["人次"], Plain, false),
        Tasks => f("tasks", &["工作任务"], Vocab(V::Tasks), false),
        Note => f("note", &["备注"], Text, false),
        Unpaired => f("unpaired", &["未结对走访"], Plain, false),
        VoidedOn => f("voided_on", &["作废日期"], Plain, false),
        VoidReason => f("void_reason", &["作废原因"], Text, false),
    }
);
fields!(
    /// A column of a tickets file.
    TicketField for Tickets in TICKETS {
        Code => code("code", &["问题编号", "编号"]),
        Enterprise => f("enterprise", &["企业", "统一社会信用代码", "企业名称"], Id, true),
        Cadre => refs("cadre", &["收集干部", "干部"], true),
        CollectedOn => f("collected_on", &["收集日期"], Plain, true),
        Category => f("category", &["类别", "问题类别"], Text, false),
        Summary => f("summary", &["问题摘要", "问题描述"], Text, true),
        Department => refs("department", &["承办单位"], false),
        DueOn => f("due_on", &["办理时限"], Plain, false),
        Status => ledger("status", &["状态"], Vocab(V::Status)),
        StatusOn => ledger("status_on", &["状态日期"], Plain),
    }
);
fields!(
    /// A column of an events file.
    EventField for Events in EVENTS {
        Ticket => refs("ticket", &["问题编号"], true),
        On => f("on", &["日期", "办理日期"], Plain, true),
        // Files written before the loop name only the status an event led to.
        Action => f("action", &["事项", "办理事项"], Vocab(V::Action), false),
        Status => f("status", &["状态"], Vocab(V::Status), false),
        By => refs("by", &["办理人"], true),
        Note => f("note", &["备注", "办理情况"], Text, false),
        Meeting => refs("meeting", &["座谈会", "会议编号"], false),
        Department => refs("department", &["承办单位"], false),
        With => f("with", &["协办单位"], Text, false),
        DueOn => f("due_on", &["办理时限"], Plain, false),
        Level => f("level", &["督办级别"], Vocab(V::Level), false),
        Outcome => f("outcome", &["回访结果"], Vocab(V::Outcome), false),
        Satisfaction => f("satisfaction", &["满意度"], Vocab(V::Satisfaction), false),
        Reason => f("reason", &["原因"], Text, false),
        Field => f("field", &["更正项"], Vocab(V::AmendField), false),
        Old => f("old", &["原值"], Text, false),
        New => f("new", &["新值"], Text, false),
    }
);

fields!(
    CategoryField for Categories in CATEGORIES {
        Name => f("name", &["类别", "问题类别"], Text, true),
        Days => f("days", &["办理时限", "工作日"], Plain, true),
    }
);
fields!(
    CalendarField for Calendar in CALENDAR {
        Date => f("date", &["日期"], Plain, true),
        Workday => f("workday", &["工作日", "是否工作日"], Plain, true),
    }
);

/// Where each of a kind's columns sits in a file.
#[derive(Debug, Clone)]
pub(crate) struct Layout<F: Fields> {
    /// For each field of the kind, its position in the record.
    at: Vec<Option<usize>>,
    kind: PhantomData<F>,
}

impl<F: Fields> Layout<F> {
    /// Matches a file's headers (any order, English case-insensitive or
    /// Chinese) to the kind's columns. Unknown, repeated and missing
    /// required columns are errors that name them.
    pub(crate) fn new<'h>(headers: impl IntoIterator<Item = &'h str>) -> Result<Layout<F>, String> {
        let kind = F::KIND;
        let fields = kind.fields();
        let mut headers = headers.into_iter().peekable();
        let zh_kind = kind.zh();
        if headers.peek().is_none() {
            let exported = fields.iter().filter(|f| f.exported);
            let en = exported
                .clone()
                .map(|f| f.key)
                .collect::<Vec<_>>()
                .join(",");
            let zh = exported.map(|f| f.zh[0]).collect::<Vec<_>>().join(",");
            return Err(crate::tr!(
                "the file is empty; a {kind} file starts with a header line: {en}",
                "文件是空的；{zh_kind}文件的第一行是表头：{zh}"
            ));
        }
        let mut at = vec![None; fields.len()];
        let mut unknown = Vec::new();
        let mut repeated = Vec::new();
        let mut given: Vec<Option<&str>> = vec![None; fields.len()];
        for (pos, header) in headers.enumerate() {
            let h = header.trim();
            let found = fields
                .iter()
                .position(|f| f.key.eq_ignore_ascii_case(h) || f.zh.contains(&h));
            match found {
                None if h.is_empty() => {
                    let n = pos + 1;
                    unknown.push(crate::tr!("column {n} (no header)", "第{n}列（没有表头）"));
                }
                None => unknown.push(format!("{h:?}")),
                Some(i) if at[i].is_some() => {
                    let (first, key, zh) =
                        (given[i].unwrap_or_default(), fields[i].key, fields[i].zh[0]);
                    repeated.push(crate::tr!(
                        "{first:?} and {h:?} both give {key}",
                        "{first:?}和{h:?}都是“{zh}”"
                    ))
                }
                Some(i) => {
                    at[i] = Some(pos);
                    given[i] = Some(h);
                }
            }
        }
        let has = describe(fields);
        if !unknown.is_empty() {
            let s = if unknown.len() == 1 { "" } else { "s" };
            let (en, zh) = (unknown.join(", "), unknown.join("、"));
            return Err(crate::tr!(
                "unknown column{s} {en}; a {kind} file has {has}",
                "不认识的列：{zh}；{zh_kind}文件的列有：{has}"
            ));
        }
        if !repeated.is_empty() {
            let (en, zh) = (repeated.join("; "), repeated.join("；"));
            return Err(crate::tr!(
                "repeated columns: {en}; keep one of each",
                "列重复：{zh}；每种只保留一列"
            ));
        }
        let missing: Vec<String> = fields
            .iter()
            .zip(&at)
            .filter(|(f, a)| f.required && a.is_none())
            .map(|(f, _)| {
                let (key, zh) = (f.key, f.zh[0]);
                crate::tr!("{key} ({zh})", "{zh}")
            })
            .collect();
        if !missing.is_empty() {
            let s = if missing.len() == 1 { "" } else { "s" };
            let (en, zh) = (missing.join(", "), missing.join("、"));
            return Err(crate::tr!(
                "missing column{s} {en}; a {kind} file has {has}",
                "缺少列：{zh}；{zh_kind}文件的列有：{has}"
            ));
        }
        Ok(Layout {
            at,
            kind: PhantomData,
        })
    }

    /// The column at a position in the record.
    pub(crate) fn key_at(&self, pos: usize) -> Option<&'static str> {
        let i = self.at.iter().position(|a| *a == Some(pos))?;
        Some(F::ALL[i].key())
    }

    /// Whether the column at a position holds the record's own code.
    pub(crate) fn is_code_at(&self, pos: usize) -> bool {
        self.at
            .iter()
            .position(|a| *a == Some(pos))
            .is_some_and(|i| F::ALL[i].field().ident == Ident::Code)
    }

    /// The position of a column in the record, when the file has it.
    pub(crate) fn position(&self, field: F) -> Option<usize> {
        self.at[field.index()]
    }
}

/// `code (编号, 代码), name (名称) [optional: rank (职级)]` for error messages.
/// The columns of a kind for messages: in English each key with its
/// Chinese headers, in Chinese the headers (one of each column, `/` between
/// the names it may have).
fn describe(fields: &[Field]) -> String {
    let one = |f: &Field| {
        let key = f.key;
        let (en, zh) = (f.zh.join(", "), f.zh.join("/"));
        crate::tr!("{key} ({en})", "{zh}")
    };
    let required: Vec<String> = fields.iter().filter(|f| f.required).map(one).collect();
    let optional: Vec<String> = fields.iter().filter(|f| !f.required).map(one).collect();
    let (required, optional) = match crate::domain::message_lang() {
        crate::domain::Lang::En => (required.join(", "), optional.join(", ")),
        crate::domain::Lang::Zh => (required.join("、"), optional.join("、")),
    };
    if optional.is_empty() {
        required
    } else {
        crate::tr!(
            "{required}; optional {optional}",
            "{required}；可选：{optional}"
        )
    }
}

#[cfg(test)]
mod tests;
