//! Rules about single values that the commands, the importer and `check`
//! share, each written once. A broken rule is a `FieldError` naming the
//! field it is about, so the importer can name the column and the command
//! line the option.
//!
//! `text` holds the rules of free text, codes and names, `dates` those of
//! days, `counts` those of numbers.

mod counts;
mod dates;
mod text;

pub(crate) use counts::*;
pub(crate) use dates::*;
pub(crate) use text::*;

#[cfg(test)]
mod tests;
