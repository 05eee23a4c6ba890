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

/// The language of every message of this process (errors, success lines,
/// warnings), set by `cli` from `--lang`, `QIANQI_LANG` or the settings
/// file before anything else runs; English until then. It is set twice: a
/// first reading of the command line before clap parses it, so that the
/// value parsers' messages are in the language asked too, then clap's.
static MESSAGE_LANG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets the language of messages.
pub(crate) fn set_message_lang(lang: Lang) {
    MESSAGE_LANG.store(lang == Lang::Zh, std::sync::atomic::Ordering::Relaxed);
}

/// The language messages are written in.
pub(crate) fn message_lang() -> Lang {
    if MESSAGE_LANG.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A message in the language of this process: `tr!("imported {n} visits",
/// "导入走访{n}条")`. Both texts sit side by side where the message is made,
/// so neither can drift from the other; format arguments are the same for both.
#[macro_export]
macro_rules! tr {
    ($en:literal, $zh:literal $(,)?) => {
        match $crate::domain::message_lang() {
            $crate::domain::Lang::En => format!($en),
            $crate::domain::Lang::Zh => format!($zh),
        }
    };
    ($en:literal, $zh:literal, $($arg:tt)+) => {
        match $crate::domain::message_lang() {
            $crate::domain::Lang::En => format!($en, $($arg)+),
            $crate::domain::Lang::Zh => format!($zh, $($arg)+),
        }
    };
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

#[cfg(test)]
mod message_tests {
    #[test]
    fn tr_formats_the_english_text_until_a_language_is_set() {
        let n = 3;
        assert_eq!(
            crate::tr!("imported {n} visits", "导入走访{n}条"),
            "imported 3 visits"
        );
        assert_eq!(crate::tr!("{} and {}", "{}和{}", 1, 2), "1 and 2");
    }
}
