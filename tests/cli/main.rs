//! Integration tests: the real binary against temporary databases.

mod harness;

mod assessment;
mod backup;
mod calendar;
mod catalogue;
mod check;
mod chinese;
mod closing;
mod concurrency;
mod core;
#[cfg(unix)]
mod crash;
mod daily;
mod delimited;
mod escalation;
mod figures;
mod files;
mod fixture;
mod help_zh;
mod html;
mod import;
mod ledger;
mod postgres;
mod report;
mod response_time;
mod sheets;
mod show;
mod text;
mod trust;
mod upgrade;
