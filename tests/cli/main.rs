//! Integration tests: the real binary against temporary databases.

mod harness;

mod core;
mod report;
