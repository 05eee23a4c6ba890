//! What a column holds, which decides how CSV protects it and whether the
//! renderer translates it, and the values of a row.

use crate::domain::Lang;

/// What kind of data a column holds, which decides how CSV protects it
/// and whether the renderer translates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Free text from people: guarded against formula injection.
    Text,
    /// Codes that must stay text in a spreadsheet (USCC, phone).
    Id,
    /// A record's code, or a reference to one (unit, cadre, meeting, ticket):
    /// an all-digit one (`007`) is kept as text in a spreadsheet.
    Code,
    /// Numbers and dates: written as they are.
    Plain,
    /// A value of a closed vocabulary, held as its stored name (a task set
    /// as its bits): a table shows it in the language asked, CSV and JSON
    /// keep the stored names that `import` reads back.
    Vocab(Vocab),
}

/// The closed vocabularies a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vocab {
    Status,
    Tier,
    UnitKind,
    VisitKind,
    /// A set of work items, stored as bits.
    Tasks,
    /// A term of the reconciliation identity (`collected`, `closed`, …).
    Term,
    /// What an event of a ticket's history did (`assign`, `follow_up`, …).
    Action,
    Level,
    Outcome,
    Satisfaction,
    /// A ticket field an amendment corrects.
    AmendField,
    /// What an imported file held (`visits`, `units`, …).
    DataKind,
}

impl Vocab {
    /// The value in `lang`; a value outside the vocabulary is shown as it is.
    pub(crate) fn label(self, v: &Value, lang: Lang) -> Value {
        use crate::domain::kinds::{
            AmendField, Level, Outcome, Satisfaction, Tasks, Tier, UnitKind, VisitKind,
        };
        use crate::domain::reconcile::{TERMS, TERMS_ZH};
        use crate::domain::status::Action;
        use crate::domain::status::Status;
        let text = match (self, v) {
            (Vocab::Tasks, Value::Int(bits)) => return Tasks(*bits).join(lang).into(),
            (_, Value::Text(s)) => s.as_str(),
            _ => return v.clone(),
        };
        let label = match self {
            Vocab::Status => Status::parse(text).ok().map(|s| s.label(lang)),
            Vocab::Tier => Tier::parse(text).ok().map(|t| t.label(lang)),
            Vocab::UnitKind => UnitKind::parse(text).ok().map(|k| k.label(lang)),
            Vocab::VisitKind => VisitKind::parse(text).ok().map(|k| k.label(lang)),
            Vocab::Term => TERMS
                .iter()
                .position(|t| *t == text)
                .map(|i| lang.pick(TERMS[i], TERMS_ZH[i])),
            Vocab::Tasks => None,
            Vocab::Action => Action::parse(text).ok().map(|a| a.label(lang)),
            Vocab::Level => Level::parse(text).ok().map(|l| l.label(lang)),
            Vocab::Outcome => Outcome::parse(text).ok().map(|o| o.label(lang)),
            Vocab::Satisfaction => Satisfaction::parse(text).ok().map(|s| s.label(lang)),
            Vocab::AmendField => AmendField::parse(text).ok().map(|f| f.label(lang)),
            Vocab::DataKind => crate::cmd::data::DataKind::ALL
                .into_iter()
                .find(|k| k.as_str() == text)
                .map(|k| lang.pick(k.as_str(), k.zh())),
        };
        label.map_or_else(|| v.clone(), Value::from)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) key: &'static str,
    pub(crate) zh: &'static str,
    pub(crate) kind: Kind,
    /// Set when the column holds the key of a group of rows.
    pub(crate) group: Option<GroupKey>,
}

pub(crate) const fn col(key: &'static str, zh: &'static str, kind: Kind) -> Column {
    Column {
        key,
        zh,
        kind,
        group: None,
    }
}

impl Column {
    /// Declares the column the key of a group of rows (`--by`) above a total
    /// row keyed `total`: a table shows a missing key as `none_en` or
    /// `none_zh` and the total row in the language asked; CSV and JSON keep
    /// NULL and `total`.
    pub(crate) const fn group_key(self, none_en: &'static str, none_zh: &'static str) -> Column {
        Column {
            group: Some(GroupKey { none_en, none_zh }),
            ..self
        }
    }
}

/// How a table shows the key of the rows without a group.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupKey {
    pub(crate) none_en: &'static str,
    pub(crate) none_zh: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Int(i64),
    /// A fraction, already rounded as the report means it (a rate: 4 decimals).
    Real(f64),
    Null,
}

impl Value {
    pub(super) fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Null => String::new(),
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}
