//! `qianqi demo`: the Qijiang 2022 campaign, loaded and reconciled.

use super::{Ctx, Outcome};
use crate::cli::Cli;
use crate::error::input;
use anyhow::{Context, Result};
use clap::{Args, Parser};

/// The bundled fixture, compiled in so the demo works from any directory.
const FIXTURE: [(&str, &[u8]); 8] = [
    (
        "units",
        include_bytes!("../../fixtures/qijiang-2022/units.csv"),
    ),
    (
        "cadres",
        include_bytes!("../../fixtures/qijiang-2022/cadres.csv"),
    ),
    (
        "enterprises",
        include_bytes!("../../fixtures/qijiang-2022/enterprises.csv"),
    ),
    (
        "pairings",
        include_bytes!("../../fixtures/qijiang-2022/pairings.csv"),
    ),
    (
        "meetings",
        include_bytes!("../../fixtures/qijiang-2022/meetings.csv"),
    ),
    (
        "visits",
        include_bytes!("../../fixtures/qijiang-2022/visits.csv"),
    ),
    (
        "tickets",
        include_bytes!("../../fixtures/qijiang-2022/tickets.csv"),
    ),
    (
        "events",
        include_bytes!("../../fixtures/qijiang-2022/events.csv"),
    ),
];

/// The day the published figures describe.
const AS_OF: &str = "2022-12-31";

/// The figures as the article published them: 累计收集问题777个，办结695件
/// (含已作出政策解释但暂时无法办理问题164件)，正在办理81件.
const PUBLISHED: &str = "collected=777,closed=695,explained=164,in_progress=81";

/// Load the Qijiang district 2022 campaign and print its reconciliation, coverage and the departments' assessment.
///
/// The bundled fixture (fixtures/qijiang-2022, made by `qianqi generate`)
/// goes through the real importer into a fresh temporary database, or into
/// the database given with --db or QIANQI_DB, which must then be new or
/// empty (keep it to explore: `qianqi --db qijiang.db demo`, then
/// `qianqi --db qijiang.db report …`). The reports are as of 2022-12-31,
/// the end of the year the published figures describe.
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {}

impl DemoArgs {
    pub(crate) fn run(self, ctx: &Ctx) -> Result<()> {
        let files = tempfile::tempdir()
            .with_context(|| crate::tr!("creating a temporary directory", "创建临时目录"))?;
        let mut demo = ctx.clone();
        if ctx.db_given {
            let url = crate::db::url_of(&ctx.db).is_some();
            if (url || ctx.db.exists()) && !is_empty(ctx)? {
                let db = ctx.db_shown();
                return Err(input(crate::tr!(
                    "{db} already holds data; the demo loads into a new or empty database (choose another with --db)",
                    "{db} 中已有数据；演示只能载入新的或空的数据库（请用 --db 另选一个）"
                )));
            }
        } else {
            demo.db = files.path().join("qijiang-2022.db");
        }
        run_args(&demo, &["init"])?;
        let dir = files.path().join("qijiang-2022");
        std::fs::create_dir(&dir)?;
        let db = demo.db_shown();
        println!(
            "{}",
            crate::tr!(
                "Loading the Qijiang district 2022 campaign (fixtures/qijiang-2022) into {db}",
                "正在把綦江区2022年的“千人进千企”数据（fixtures/qijiang-2022）载入 {db}"
            )
        );
        for (kind, bytes) in FIXTURE {
            let path = dir.join(format!("{kind}.csv"));
            std::fs::write(&path, bytes)?;
            run_args(&demo, &["import", kind, &path.to_string_lossy()])?;
        }
        step(&format!("report reconcile --as-of {AS_OF}"), "问题办理对账");
        run_args(&demo, &["report", "reconcile", "--as-of", AS_OF])?;
        step(&format!("report coverage --as-of {AS_OF}"), "覆盖情况");
        run_args(&demo, &["report", "coverage", "--as-of", AS_OF])?;
        step(
            &format!("report assessment --by department --as-of {AS_OF}"),
            "承办单位考核",
        );
        run_args(
            &demo,
            &[
                "report",
                "assessment",
                "--by",
                "department",
                "--as-of",
                AS_OF,
            ],
        )?;
        // The published figures leave one ticket out; checking them is expected
        // to find it, so that finding is the demo's result, not its failure.
        step(
            &format!("report reconcile --as-of {AS_OF} --expect {PUBLISHED}"),
            "公开报道的数字与数据库核对",
        );
        run_args(
            &demo,
            &[
                "report",
                "reconcile",
                "--as-of",
                AS_OF,
                "--expect",
                PUBLISHED,
                "--list-limit",
                "1",
            ],
        )?;
        if !ctx.db_given {
            println!(
                "\n{}",
                crate::tr!(
                    "The demo database was temporary. To keep one and explore it: qianqi --db qijiang.db demo",
                    "演示数据库是临时的。要保留一份继续查看，请运行：`qianqi --db qijiang.db demo`"
                )
            );
        }
        Ok(())
    }
}

/// Whether the database file has no qianqi records yet (a new file counts as empty).
/// The heading of one step: the command it runs, and in Chinese what it
/// shows (`zh`), since the command's words are English.
fn step(command: &str, zh: &str) {
    println!(
        "\n{}\n",
        crate::tr!("== {command}", "== {zh}：`qianqi {command}`")
    );
}

fn is_empty(ctx: &Ctx) -> Result<bool> {
    if crate::db::url_of(&ctx.db).is_some() {
        return crate::db::check::is_empty(&ctx.open_or_create()?);
    }
    if std::fs::metadata(&ctx.db)?.len() == 0 {
        return Ok(true);
    }
    crate::db::check::is_empty(&ctx.open()?)
}

/// Runs one qianqi command line against the demo database, as a user would
/// type it; what the command finds is printed by it and is the demo's to show.
fn run_args(ctx: &Ctx, args: &[&str]) -> Result<Outcome> {
    let cli = Cli::try_parse_from(std::iter::once("qianqi").chain(args.iter().copied()))
        .with_context(|| {
            let step = args.join(" ");
            crate::tr!("demo step `qianqi {step}`", "演示步骤 `qianqi {step}`")
        })?;
    cli.command.run(ctx)
}
