//! `report html`: the one-file picture report, read as text and opened in a
//! real browser; and the bar column of month tables on a terminal.

use crate::fixture::qijiang;
use crate::harness::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The demo's report as of the day the article's figures describe.
fn demo_page(env: &Env, lang: &str) -> String {
    let out = env.path(&format!("report-{lang}.html"));
    env.ok(&[
        "--lang",
        lang,
        "report",
        "html",
        "--as-of",
        "2022-12-31",
        "--output",
        out.to_str().unwrap(),
    ]);
    std::fs::read_to_string(out).unwrap()
}

/// The text of a page without its tags, entities decoded, runs of space made one.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_page_shows_the_published_figures_and_names_the_missing_ticket() {
    let env = qijiang();
    let page = demo_page(&env, "zh");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page:.200}");
    assert!(page.contains("<html lang=\"zh-CN\">"));
    let text = text_of(&page);
    // The bulletin and the identity with its verdict.
    assert!(
        text.contains("累计收集问题777个，办结695件（含已作出政策解释但暂时无法办理问题164件），正在办理81件，尚有1件已收集未受理。"),
        "{text}"
    );
    assert!(
        text.contains("收集 777 = 办结 695 + 正在办理 81 + 待受理 1：相符"),
        "{text}"
    );
    assert!(
        text.contains("办结 695 = 已解决 531 + 政策解释 164：相符"),
        "{text}"
    );
    // The terms table, every figure in a cell of its own.
    for (term, n) in [
        ("收集", 777),
        ("办结", 695),
        ("已解决", 531),
        ("政策解释", 164),
        ("正在办理", 81),
        ("待受理", 1),
    ] {
        assert!(
            page.contains(&format!("<td>{term}</td><td class=\"n\">{n}</td>")),
            "{term} {n}"
        );
    }
    // The residue named: the one ticket collected and never accepted.
    assert!(
        text.contains("已收集未受理：1件 编号 统一社会信用代码 企业名称 收集日期 已收集天数 2022-0777 91500222MAY12B81NC 重庆綦江威铭机械制造有限公司 2022-12-23 8"),
        "{text}"
    );
    // The burndown ends where the identity does: 81 + 1 open.
    assert!(
        text.contains("合计 777 715 20 82"),
        "the month table's total row: {text}"
    );
    assert!(
        text.contains("2022-12-31未办结82件 = 正在办理81件 + 待受理1件，与第1部分一致。"),
        "{text}"
    );
    // Towns and departments add up to the same total.
    assert_eq!(text.matches("合计 777 695 81 1 22").count(), 2, "{text}");
    // Open tickets against their deadlines add up to the open ones, and the overdue to the reconciliation's.
    assert!(text.contains("合计 82 1"), "{text}");
    assert!(text.contains("超期合计22件，与对账结果一致。"), "{text}");
    // Coverage: 285 ↔ 285, 460 → 681, 745 / 966; and the 15,000+ person-visits.
    assert!(
        text.contains("区级 285 285 街镇 460 681 合计 745 966"),
        "{text}"
    );
    assert!(text.contains("无干部对口服务的企业：0"), "{text}");
    assert!(text.contains("合计 13986 15071"), "{text}");
    // Seven sections.
    for n in 1..=7 {
        assert!(
            page.contains(&format!("<section id=\"s{n}\">")),
            "section {n}"
        );
    }
    // 7. The departments' rates: the district's resolution rate 531 / 695 in
    // the chart and in the table, under its red line of 80 %.
    let rates = &page[page.find("<section id=\"s7\">").unwrap()..];
    let rates_text = text_of(rates);
    assert!(
        rates_text.contains("7. 承办单位考核指标与红线"),
        "{rates_text}"
    );
    assert!(rates.contains("<svg class=\"chart\""), "{rates:.300}");
    assert!(
        rates.contains("解决率76.4%（红线80%）"),
        "the description names the rate and its line"
    );
    assert!(rates_text.contains("76.4% (531/695) ▼"), "{rates_text}");
    assert!(rates_text.contains("解决率（红线80%）"), "{rates_text}");
    assert!(
        rates.contains("<tr class=\"total\"><td>全区</td><td></td><td class=\"n\">777</td>"),
        "{rates}"
    );
    assert!(
        rates.contains("<td class=\"n\">76.4% ▼<br><small>531/695</small></td>"),
        "{rates}"
    );
    // Each department by its code, then its name.
    assert!(
        rates.contains("<tr><td class=\"c\">D02</td><td>区经济信息委</td>"),
        "{rates}"
    );
    assert!(rates.contains("class=\"red-line\""));
    // Codes and dates are never broken over two lines (`2022-` / `0276`);
    // names and headers in Chinese may wrap.
    assert!(page.contains("td.c { white-space: nowrap; }"), "the style");
    for code in [
        "2022-0777",
        "91500222MAY12B81NC",
        "2022-12-23",
        "T02",
        "D13",
    ] {
        assert!(
            page.contains(&format!("<td class=\"c\">{code}</td>")),
            "{code} is a cell that does not wrap"
        );
    }
    assert!(page.contains("<td>重庆綦江威铭机械制造有限公司</td>"));
}

#[test]
fn the_page_is_in_english_unless_the_language_is_zh() {
    let env = qijiang();
    let page = demo_page(&env, "en");
    assert!(page.contains("<html lang=\"en\">"));
    let text = text_of(&page);
    assert!(
        text.contains("collected 777 = closed 695 + in_progress 81 + awaiting 1: adds up"),
        "{text}"
    );
    assert!(
        text.contains("2022-0777 91500222MAY12B81NC 重庆綦江威铭机械制造有限公司 2022-12-23 8"),
        "{text}"
    );
    // The longest overdue: the enterprise and the department each by code and name.
    assert!(
        text.contains("code enterprise enterprise name department department name due days overdue 2022-0276 91500222MA1R9Y632Y 重庆綦江正瀚铝业有限公司 D03 区商务委 2022-06-18"),
        "{text}"
    );
    assert!(!text.contains("相符"), "{text}");
    assert!(
        text.contains("7. The departments' assessment rates against their red lines"),
        "{text}"
    );
    assert!(
        text.contains("resolution rate 76.4% (red line 80%)"),
        "{text}"
    );
    assert!(text.contains("76.4% (531/695) ▼"), "{text}");
}

/// Every place a page could load something from: attribute values of
/// src/href/xlink:href/srcset/action/poster/data, and CSS url(…) and @import.
fn outside_references(page: &str) -> Vec<String> {
    let lower = page.to_lowercase();
    let mut found = Vec::new();
    for attr in [
        " src=",
        " href=",
        ":href=",
        " srcset=",
        " action=",
        " poster=",
        " data=",
        " background=",
    ] {
        for (i, _) in lower.match_indices(attr) {
            let value = lower[i + attr.len()..]
                .trim_start_matches(['"', '\''])
                .to_string();
            if !(value.starts_with('#') || value.starts_with("data:")) {
                found.push(page[i..(i + 80).min(page.len())].to_string());
            }
        }
    }
    for (i, _) in lower.match_indices("url(") {
        let value = lower[i + 4..].trim_start_matches(['"', '\'', ' ']);
        if !value.starts_with('#') {
            found.push(page[i..(i + 80).min(page.len())].to_string());
        }
    }
    for tag in [
        "<script", "@import", "<link", "<iframe", "<object", "<embed", "<img", "<base",
    ] {
        if lower.contains(tag) {
            found.push(tag.to_string());
        }
    }
    found
}

#[test]
fn the_page_loads_nothing_from_outside_itself_and_stays_small() {
    let env = qijiang();
    for lang in ["zh", "en"] {
        let page = demo_page(&env, lang);
        assert_eq!(outside_references(&page), Vec::<String>::new(), "{lang}");
        assert!(
            page.len() < 150_000,
            "{lang}: the demo's page is {} bytes",
            page.len()
        );
    }
    // The check itself catches what it looks for.
    let bad = "<img src=\"http://x/a.png\"><style>@import 'a.css'; b { background: url(http://x) }</style>";
    assert_eq!(
        outside_references(bad).len(),
        4,
        "{:?}",
        outside_references(bad)
    );
}

#[test]
fn every_chart_has_a_title_a_description_and_a_table_of_its_numbers() {
    let env = qijiang();
    let page = demo_page(&env, "zh");
    let charts = page.matches("<svg class=\"chart\"").count();
    assert_eq!(
        charts, 8,
        "identity, months, towns, departments, lateness, coverage, visits, rates"
    );
    assert_eq!(
        page.matches("role=\"img\" aria-labelledby=").count(),
        charts
    );
    // One <title> for the page, then a title and a description in each chart.
    assert_eq!(page.matches("<title").count(), charts + 1);
    assert_eq!(page.matches("<desc id=").count(), charts);
    assert!(page.matches("<table>").count() >= charts);
    // Print setup.
    assert!(page.contains("@page { size: A4"));
    assert!(page.contains("@media print"));
}

#[test]
fn the_page_goes_to_standard_output_without_output() {
    let env = qijiang();
    let o = env.run(&["report", "html", "--as-of", "2022-12-31"]);
    assert_eq!(o.status, 0, "{}", o.transcript());
    assert!(o.stdout.starts_with("<!DOCTYPE html>"));
    assert!(o.stdout.trim_end().ends_with("</html>"));
    assert_eq!(o.stderr, "");
}

#[test]
fn the_page_takes_the_reports_period_and_refuses_a_future_day() {
    let env = qijiang();
    let o = env.run(&[
        "--lang",
        "zh",
        "report",
        "html",
        "--as-of",
        "2022-12-31",
        "--from",
        "2022-12-01",
        "--to",
        "2022-12-31",
    ]);
    assert_eq!(o.status, 0, "{}", o.transcript());
    let text = text_of(&o.stdout);
    assert!(
        text.contains("收集 50 = 办结 37 + 正在办理 12 + 待受理 1：相符"),
        "{text}"
    );
    let msg = env.fails(2, &["report", "html", "--as-of", "2023-01-01"]);
    assert!(msg.contains("in the future"), "{msg}");
    let msg = env.fails(
        2,
        &[
            "report",
            "html",
            "--from",
            "2022-12-01",
            "--to",
            "2022-11-01",
        ],
    );
    assert!(msg.contains("is after --to"), "{msg}");
}

/// Runs a command in a pseudo-terminal (util-linux `script`), so that its
/// standard output is a terminal.
fn on_a_terminal(env: &Env, args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("qianqi");
    let line = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("QIANQI_DB", &env.db)
        .env("QIANQI_TODAY", &env.today)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs a command on a terminal");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

#[test]
fn month_tables_draw_bars_on_a_terminal_only() {
    let env = qijiang();
    let args = [
        "report",
        "reconcile",
        "--by",
        "month",
        "--as-of",
        "2022-12-31",
        "--list-limit",
        "1",
    ];
    let tty = on_a_terminal(&env, &args);
    assert!(tty.contains("| # closed  - open "), "{tty}");
    // November: 94 collected, 65 closed, 29 open, the longest bar (24 characters).
    assert!(
        tty.contains("| 2022-11 |        94 |     65 |       49 |        16 |          29 |        0 |       5 | #################------- |"),
        "{tty}"
    );
    let piped = env.ok(&args);
    assert!(!piped.contains("# closed"), "{piped}");
    assert!(!piped.contains("##"), "{piped}");

    let args = ["--lang", "zh", "report", "visits", "--period", "month"];
    let tty = on_a_terminal(&env, &args);
    assert!(tty.contains("# 走访人次"), "{tty}");
    assert!(tty.contains("| ######################## |"), "{tty}");
    assert!(!env.ok(&args).contains('#'));
    // Never in CSV or JSON, even on a terminal.
    let csv = on_a_terminal(
        &env,
        &["report", "visits", "--period", "month", "--format", "csv"],
    );
    assert!(!csv.contains('#'), "{csv}");
}

// --- in a real browser --------------------------------------------------

/// Debian's chromium (or a Chrome of another name) on PATH.
fn chromium(test: &str) -> Option<PathBuf> {
    program(
        test,
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium fonts-noto-cjk",
    )
}

/// Runs headless Chromium on a page with `extra` flags; returns its stderr.
fn browse(chromium: &Path, page: &Path, profile: &Path, extra: &[String]) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting chromium");
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium did not finish within 3 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// The number of distinct colours of a PNG and the share of pixels that are not white.
fn colours(png_file: &Path) -> (usize, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_file).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let mut seen = std::collections::HashSet::new();
    let mut inked = 0usize;
    for p in pixels.chunks(px) {
        seen.insert(p[..3.min(px)].to_vec());
        if p[..3.min(px)].iter().any(|v| *v < 240) {
            inked += 1;
        }
    }
    (seen.len(), inked as f64 / (pixels.len() / px) as f64)
}

#[test]
fn the_page_renders_and_prints_in_a_real_browser() {
    let Some(chromium) = chromium("html::the_page_renders_and_prints_in_a_real_browser") else {
        return;
    };
    let env = qijiang();
    let page = env.path("report.html");
    demo_page(&env, "zh");
    std::fs::rename(env.path("report-zh.html"), &page).unwrap();

    let shot = env.path("report.png");
    let log = browse(
        &chromium,
        &page,
        &env.path("profile-1"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,3000".into(),
        ],
    );
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let (distinct, inked) = colours(&shot);
    assert!(
        distinct > 200,
        "only {distinct} colours: the page did not render"
    );
    assert!(
        inked > 0.05,
        "only {:.1} % of the screenshot is not white",
        inked * 100.0
    );

    let pdf = env.path("report.pdf");
    let log = browse(
        &chromium,
        &page,
        &env.path("profile-2"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let raw = String::from_utf8_lossy(&bytes);
    let pages = raw
        .match_indices("/Type /Page")
        .filter(|(i, _)| !raw[i + "/Type /Page".len()..].starts_with('s'));
    let pages = pages.count();
    assert!((2..=20).contains(&pages), "{pages} pages");
    // Every page A4: 595 × 842 points.
    let boxes: Vec<(f64, f64)> = raw
        .match_indices("/MediaBox [0 0 ")
        .filter_map(|(i, m)| {
            let rest = &raw[i + m.len()..];
            let mut nums = rest[..rest.find(']')?].split_whitespace();
            Some((nums.next()?.parse().ok()?, nums.next()?.parse().ok()?))
        })
        .collect();
    assert_eq!(boxes.len(), pages, "{boxes:?}");
    assert!(
        boxes
            .iter()
            .all(|(w, h)| (w - 595.0).abs() < 1.0 && (h - 842.0).abs() < 1.0),
        "not A4: {boxes:?}"
    );
    // The Chinese text was drawn with a CJK font, embedded in the print.
    assert!(
        raw.contains("NotoSansCJK") || raw.contains("NotoSerifCJK"),
        "no CJK font in the PDF: is fonts-noto-cjk installed?"
    );
}

/// The rows of the page's table whose caption begins with `caption`: each
/// group's code, its name and its collected, closed, in progress, awaiting and overdue.
fn page_groups(page: &str, caption: &str) -> Vec<(String, String, Vec<i64>)> {
    let start = page
        .find(&format!("<caption>{caption}"))
        .unwrap_or_else(|| panic!("no table {caption:?}"));
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    body.split("<tr")
        .skip(1)
        .filter(|row| !row.contains("class=\"total\""))
        .map(|row| {
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|c| text_of(&format!("<td{c}")))
                .collect();
            let numbers = cells[2..].iter().map(|n| n.parse().unwrap()).collect();
            (cells[0].clone(), cells[1].clone(), numbers)
        })
        .collect()
}

/// The same figures from `report reconcile --by BY --format csv`: the
/// unit's code, its name, then the figures.
fn reconcile_groups(env: &Env, by: &str, period: &[&str]) -> Vec<(String, String, Vec<i64>)> {
    let mut args = vec!["report", "reconcile", "--by", by, "--format", "csv"];
    args.extend_from_slice(period);
    let csv = env.ok(&args);
    csv.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("total,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let n = |i: usize| f[i].parse::<i64>().unwrap();
            // The CSV leaves the group without a department empty; the page names it.
            let group = if f[0].is_empty() {
                "(no department)"
            } else {
                f[0]
            };
            (
                group.to_string(),
                f[1].to_string(),
                vec![n(2), n(3), n(6), n(7), n(8)],
            )
        })
        .collect()
}

#[test]
fn the_towns_and_departments_on_the_page_are_the_reconciliations() {
    let env = qijiang();
    // A ticket voided in the year leaves the counts from that day on.
    env.ok(&[
        "ticket",
        "void",
        "2022-0101",
        "--on",
        "2022-09-01",
        "--by",
        "C0001",
        "--reason",
        "重复登记",
    ]);
    let page_file = env.path("groups.html");
    let periods: [&[&str]; 6] = [
        &["--as-of", "2022-03-31"],
        &["--as-of", "2022-07-15"],
        &["--as-of", "2022-08-31"],
        &["--as-of", "2022-10-20"],
        &[
            "--as-of",
            "2022-12-31",
            "--from",
            "2022-06-01",
            "--to",
            "2022-09-30",
        ],
        &[],
    ];
    for period in periods {
        let mut args = vec![
            "--lang",
            "en",
            "report",
            "html",
            "--output",
            page_file.to_str().unwrap(),
        ];
        args.extend_from_slice(period);
        env.ok(&args);
        let page = std::fs::read_to_string(&page_file).unwrap();
        for (by, caption) in [("town", "By town"), ("department", "By department")] {
            let mut on_page = page_groups(&page, caption);
            let mut reconciled = reconcile_groups(&env, by, period);
            assert!(on_page.len() <= 25, "every group has a row of its own");
            on_page.sort();
            reconciled.sort();
            assert_eq!(on_page, reconciled, "{by} {period:?}");
        }
    }
}
