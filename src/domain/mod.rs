//! The rules of the programme, free of SQL and I/O.

pub mod date;
pub mod kinds;
pub mod reconcile;
pub mod rules;
pub mod status;
pub mod uscc;

/// The language of headers and status names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// Picks the label for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
