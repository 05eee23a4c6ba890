//! The core records and the ticket lifecycle, command by command.

use crate::harness::*;

#[test]
fn init_creates_a_database_that_records_its_schema_version() {
    let env = Env::bare();
    let out = env.ok(&["init"]);
    assert!(out.contains("schema version 1"), "{out}");
    assert_eq!(env.count("PRAGMA user_version"), 1);
}
