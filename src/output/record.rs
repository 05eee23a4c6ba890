//! One record as one JSON object for `show --format json`: its own fields,
//! then its parts as arrays of objects, keys in English whatever the language.

use super::column::{Column, Value};
use super::table::Table;
use anyhow::Result;
use serde_json::{Map, Value as Json};
use std::io::Write;

/// How a `show` command prints its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ShowFormat {
    /// Lines and tables for people, in the language asked.
    Text,
    /// One JSON object for scripts: typed values, empty as null, keys in English.
    Json,
}

/// The `--format` flag of the `show` commands.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct ShowArgs {
    /// How to print the record: text, or json (one object with its parts as arrays; keys in English).
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub(crate) format: ShowFormat,
}

/// A record's fields and parts, in the order added.
#[derive(Debug, Default)]
pub(crate) struct Record(Map<String, Json>);

impl Record {
    /// The record's own fields: one row under its columns.
    pub(crate) fn new(columns: &[Column], row: Vec<Value>) -> Record {
        let mut t = Table::new(columns);
        t.push(row);
        let mut fields = Record::default();
        if let Some(Json::Object(m)) = t.json_rows().into_iter().next() {
            fields.0 = m;
        }
        fields.0.values_mut().for_each(empty_as_null);
        fields
    }

    /// A yes/no field, as a JSON boolean.
    pub(crate) fn flag(mut self, key: &str, value: bool) -> Record {
        self.0.insert(key.to_string(), Json::Bool(value));
        self
    }

    /// A part of the record: its rows as an array of objects.
    pub(crate) fn part(mut self, key: &str, table: &Table) -> Record {
        let mut rows = Json::Array(table.json_rows());
        empty_as_null(&mut rows);
        self.0.insert(key.to_string(), rows);
        self
    }

    pub(crate) fn write_json(&self, w: &mut dyn Write) -> Result<()> {
        serde_json::to_writer_pretty(&mut *w, &self.0)?;
        writeln!(w)?;
        Ok(())
    }
}

/// Empty text becomes null, so that a script tests one thing for "not set".
fn empty_as_null(v: &mut Json) {
    match v {
        Json::String(s) if s.is_empty() => *v = Json::Null,
        Json::Array(a) => a.iter_mut().for_each(empty_as_null),
        Json::Object(m) => m.values_mut().for_each(empty_as_null),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{col, Kind, Vocab};

    #[test]
    fn a_record_keeps_numbers_and_stored_names_and_makes_empty_text_null() {
        let columns = [
            col("code", "编号", Kind::Code),
            col("note", "备注", Kind::Text),
            col("status", "状态", Kind::Vocab(Vocab::Status)),
        ];
        let mut part = Table::new(&[col("n", "数", Kind::Plain), col("note", "备注", Kind::Text)]);
        part.push(vec![3.into(), "".into()]);
        let mut out = Vec::new();
        Record::new(
            &columns,
            vec!["C01".into(), "".into(), "in_progress".into()],
        )
        .flag("key", true)
        .part("rows", &part)
        .write_json(&mut out)
        .unwrap();
        let v: Json = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "code": "C01",
                "note": null,
                "status": "in_progress",
                "key": true,
                "rows": [{"n": 3, "note": null}],
            })
        );
    }
}
