//! Integration tests: the real binary against temporary databases.

mod harness;

mod backup;
mod check;
mod concurrency;
mod core;
mod upgrade;
