//! The rules of the programme, free of SQL, I/O, the command line, the
//! clock and the environment: "today" and every other outside fact is
//! passed in.

pub(crate) mod assessment;
pub(crate) mod calendar;
pub mod date;
pub(crate) mod handling;
pub(crate) mod kinds;
pub(crate) mod reconcile;
pub(crate) mod rules;
pub(crate) mod status;
pub mod uscc;

/// What separates the items of a list as people type it: `a,b`, `a，b`,
/// `a、b`, `a;b` or `a；b`.
pub(crate) const LIST_SEPARATORS: [char; 5] = [',', '，', '、', ';', '；'];

/// The items of a typed list, trimmed, empty ones dropped.
pub(crate) fn list_items(s: &str) -> impl Iterator<Item = &str> {
    s.split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|i| !i.is_empty())
}

/// The language of headers and status names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Zh,
}

impl Lang {
    /// Every language, with its name on the command line.
    pub(crate) const ALL: [(Lang, &'static str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

    /// Picks the label for this language.
    pub(crate) fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
