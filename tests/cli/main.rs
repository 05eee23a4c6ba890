//! Integration tests: the real binary against temporary databases.

mod harness;

mod backup;
mod catalogue;
mod check;
mod concurrency;
mod core;
#[cfg(unix)]
mod crash;
mod fixture;
mod import;
mod report;
mod text;
mod trust;
mod upgrade;
