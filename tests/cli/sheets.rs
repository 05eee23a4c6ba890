//! Workbooks as supervisors keep them: a sheet imports to the same records
//! as the CSV of the same rows, errors name the sheet, row and column
//! letter, and codes never lose a digit on the way in or out.

use crate::harness::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell of a test workbook.
#[derive(Clone, Copy)]
pub enum C<'a> {
    /// A text cell.
    T(&'a str),
    /// A number cell.
    N(f64),
    /// A date cell (year, month, day), shown as a date.
    D(u16, u8, u8),
    Empty,
}

pub use C::{Empty, D, N, T};

/// Writes a workbook of the given sheets; a sheet named with a leading `~`
/// is hidden (the `~` is not part of its name).
pub fn workbook(env: &Env, file: &str, sheets: &[(&str, &[&[C]])]) -> std::path::PathBuf {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy/m/d");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        let hidden = name.starts_with('~');
        sheet.set_name(name.trim_start_matches('~')).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match *cell {
                    T(s) => {
                        sheet.write_string(r, c, s).unwrap();
                    }
                    N(n) => {
                        sheet.write_number(r, c, n).unwrap();
                    }
                    D(y, m, d) => {
                        let day = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        sheet.write_datetime_with_format(r, c, day, &date).unwrap();
                    }
                    Empty => {}
                }
            }
        }
        if hidden {
            sheet.set_hidden(true);
        }
    }
    // A hidden sheet cannot be the one shown on opening.
    if let Some(i) = sheets.iter().position(|(n, _)| !n.starts_with('~')) {
        book.worksheet_from_index(i).unwrap().set_active(true);
    }
    let path = env.path(file);
    book.save(&path).unwrap();
    path
}

/// The export of a kind as CSV text.
pub fn exported(env: &Env, kind: &str) -> String {
    env.ok(&["export", kind])
}

const VISITS_CSV: &str = "干部,企业,走访日期,方式,人次,工作任务
C01,914403001922038216,2022-03-01,实地,2,建档案
C03,重庆新视通智能科技有限公司,2022-03-04,phone,,
C03,91350100M000100Y43,2022-03-05,online,1,送政策、解难题
";

#[test]
fn a_sheet_imports_to_the_same_records_as_its_csv() {
    let by_csv = Env::new();
    by_csv.seed();
    let csv = by_csv.write("visits.csv", VISITS_CSV);
    by_csv.ok(&["import", "visits", csv.to_str().unwrap()]);

    let by_sheet = Env::new();
    by_sheet.seed();
    // A date cell, an Excel serial number in a date column, and a date
    // typed as text; whole numbers as number cells; a blank row between.
    let header = [
        T("干部"),
        T("企业"),
        T("走访日期"),
        T("方式"),
        T("人次"),
        T("工作任务"),
    ];
    let rows: &[&[C]] = &[
        &header,
        &[
            T("C01"),
            T("914403001922038216"),
            D(2022, 3, 1),
            T("实地"),
            N(2.0),
            T("建档案"),
        ],
        &[
            T("C03"),
            T("重庆新视通智能科技有限公司"),
            N(44624.0),
            T("phone"),
        ],
        &[],
        &[
            T("C03"),
            T("91350100M000100Y43"),
            T("2022/3/5"),
            T("online"),
            N(1.0),
            T("送政策、解难题"),
        ],
    ];
    let book = workbook(&by_sheet, "走访.xlsx", &[("走访记录", rows)]);
    let out = by_sheet.ok(&["import", "visits", "走访.xlsx"]);
    assert_eq!(out, "imported 3 visits from 走访.xlsx\n");
    assert!(book.exists());
    let o = by_sheet.run(&["import", "visits", "走访.xlsx", "--dry-run"]);
    assert!(o.stderr.contains("already"), "{}", o.transcript());
    assert_eq!(exported(&by_csv, "visits"), exported(&by_sheet, "visits"));
}

#[test]
fn the_first_visible_sheet_is_read_unless_one_is_named() {
    let env = Env::new();
    let notes: &[&[C]] = &[&[T("说明")], &[T("这张表不是单位名单")]];
    let units: &[&[C]] = &[
        &[T("编号"), T("单位名称"), T("类型")],
        &[T("007"), T("区经济信息委"), T("部门")],
    ];
    let towns: &[&[C]] = &[
        &[T("编号"), T("单位名称"), T("类型")],
        &[T("T01"), T("古南街道"), T("街镇")],
    ];
    workbook(
        &env,
        "单位.xlsx",
        &[("~说明", notes), ("部门", units), ("街镇", towns)],
    );
    env.ok(&["import", "units", "单位.xlsx"]);
    assert_eq!(
        env.count("SELECT count(*) FROM units WHERE code = '007'"),
        1
    );
    env.ok(&["import", "units", "单位.xlsx", "--sheet", "街镇"]);
    assert_eq!(env.count("SELECT count(*) FROM units"), 2);
    let line = env.fails(2, &["import", "units", "单位.xlsx", "--sheet", "乡镇"]);
    assert_eq!(
        line,
        r#"qianqi: 单位.xlsx has no sheet "乡镇"; its sheets are "说明", "部门", "街镇""#
    );
    let line = env.fails(2, &["import", "units", "单位.xlsx", "--sheet", "说明"]);
    assert!(
        line.contains("sheet 说明: unknown column \"说明\""),
        "{line}"
    );
}

#[test]
fn errors_name_the_sheet_the_row_and_the_column_letter() {
    let env = Env::new();
    env.seed();
    let rows: &[&[C]] = &[
        &[],
        &[Empty, T("干部"), T("企业"), T("走访日期")],
        &[Empty, T("C01"), T("914403001922038216"), T("2022-03-01")],
        &[Empty, T("C01"), T("914403001922038216"), T("2022-02-30")],
    ];
    workbook(&env, "走访.xlsx", &[("三月", rows)]);
    let line = env.fails(2, &["import", "visits", "走访.xlsx"]);
    assert!(
        line.starts_with(
            "qianqi: importing 走访.xlsx: sheet 三月, row 4, column D (visited_on): \"2022-02-30\" is not a date; use "
        ),
        "{line}"
    );
}

#[test]
fn a_code_that_lost_digits_in_a_number_cell_is_refused() {
    let env = Env::new();
    env.seed();
    let rows: &[&[C]] = &[
        &[T("统一社会信用代码"), T("企业名称"), T("所在街镇")],
        &[N(914_403_001_922_038_216.0), T("重庆金美"), T("T01")],
    ];
    workbook(&env, "企业.xlsx", &[("企业名单", rows)]);
    let line = env.fails(2, &["import", "enterprises", "企业.xlsx", "--upsert"]);
    assert_eq!(
        line,
        "qianqi: importing 企业.xlsx: sheet 企业名单, row 2, column A (uscc): the cell holds the number 9.14403001922038E+17, and a spreadsheet keeps only 15 digits of a number, so a longer code (a credit code, a phone number) has lost its last digits; format the column as text (文本), type the values again, and save; nothing was written"
    );
    // A phone of 11 digits is exact as a number and goes in as its digits.
    let rows: &[&[C]] = &[
        &[T("编号"), T("姓名"), T("单位"), T("电话")],
        &[T("C09"), T("赵敏"), T("D01"), N(13_800_138_000.0)],
    ];
    workbook(&env, "干部.xlsx", &[("干部", rows)]);
    env.ok(&["import", "cadres", "干部.xlsx"]);
    assert!(exported(&env, "cadres").contains("C09,赵敏,D01,,\"=\"\"13800138000\"\"\""));
}

#[test]
fn options_for_the_other_kind_of_file_are_refused() {
    let env = Env::new();
    let rows: &[&[C]] = &[
        &[T("code"), T("name"), T("kind")],
        &[T("T01"), T("古南街道"), T("town")],
    ];
    workbook(&env, "u.xlsx", &[("units", rows)]);
    let line = env.fails(2, &["import", "units", "u.xlsx", "--encoding", "gbk"]);
    assert_eq!(
        line,
        "qianqi: u.xlsx is a workbook, whose text has no encoding to choose; leave out --encoding"
    );
    env.write("u.csv", "code,name,kind\nT01,古南街道,town\n");
    let line = env.fails(2, &["import", "units", "u.csv", "--sheet", "units"]);
    assert_eq!(
        line,
        "qianqi: --sheet is for workbooks (.xlsx, .xls, .ods); u.csv is read as CSV"
    );
    // A workbook saved under a .csv name is still read as a workbook.
    std::fs::copy(env.path("u.xlsx"), env.path("renamed.csv")).unwrap();
    env.ok(&["import", "units", "renamed.csv"]);
    // A broken workbook says so.
    env.write("broken.xlsx", b"PK\x03\x04 not really a zip");
    let line = env.fails(2, &["import", "units", "broken.xlsx"]);
    assert!(
        line.starts_with("qianqi: broken.xlsx: cannot read the workbook ("),
        "{line}"
    );
}

/// LibreOffice's program, when installed and the slow tests run.
fn office(test: &str) -> Option<std::path::PathBuf> {
    if skip_slow(test) {
        return None;
    }
    program(test, &["libreoffice", "soffice"], "libreoffice-calc-nogui")
}

/// Converts files with LibreOffice into `outdir`: `to` is the target
/// format and filter, `infilter` how to read the input.
fn convert(
    env: &Env,
    office: &std::path::Path,
    infilter: Option<&str>,
    to: &str,
    files: &[std::path::PathBuf],
    outdir: &str,
) {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        env.path("lo-profile").display()
    );
    let mut c = std::process::Command::new(office);
    c.arg(&profile).args(["--headless", "--norestore"]);
    if let Some(f) = infilter {
        c.arg(format!("--infilter={f}"));
    }
    c.args(["--convert-to", to, "--outdir"])
        .arg(env.path(outdir))
        .args(files);
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Every kind, in the order they must be imported.
const KINDS: [&str; 8] = [
    "units",
    "cadres",
    "enterprises",
    "pairings",
    "meetings",
    "visits",
    "tickets",
    "events",
];

/// The exports of a database, as CSV, in both languages' headers.
fn every_export(env: &Env) -> String {
    KINDS
        .iter()
        .map(|k| exported(env, k))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_workbook_saved_by_libreoffice_imports_to_the_same_records_as_its_csv() {
    let Some(office) =
        office("sheets::a_workbook_saved_by_libreoffice_imports_to_the_same_records_as_its_csv")
    else {
        return;
    };
    let source = crate::import::rich();
    let mut csvs = Vec::new();
    for kind in KINDS {
        let path = source.path(&format!("{kind}.csv"));
        source.ok(&["--lang", "zh", "export", kind, "-o", path.to_str().unwrap()]);
        csvs.push(path);
    }
    let by_csv = Env::new();
    for (kind, csv) in KINDS.iter().zip(&csvs) {
        by_csv.ok(&["import", kind, csv.to_str().unwrap()]);
    }
    // LibreOffice keeps a line break in a cell as LF, whatever the CSV had:
    // the note that holds a lone CR comes back with an LF instead.
    let csv_side = every_export(&by_csv);
    assert!(csv_side.contains("\rCR"));
    let expected = csv_side.replace("\rCR", "\nCR");
    for format in ["xlsx", "ods"] {
        // Comma, double quote, UTF-8 (76), from line 1: as a person opens the CSV file.
        convert(
            &source,
            &office,
            Some("CSV:44,34,76,1"),
            format,
            &csvs,
            format,
        );
        let by_book = Env::new();
        for kind in KINDS {
            let book = source.path(&format!("{format}/{kind}.{format}"));
            by_book.ok(&["import", kind, book.to_str().unwrap()]);
        }
        let got = every_export(&by_book);
        if format == "ods" {
            // LibreOffice's ODS filter drops a tab from a cell of several lines.
            assert_eq!(got, expected.replace(" \tTAB", " TAB"), "{format}");
        } else {
            assert_eq!(got, expected, "{format}");
        }
    }
    // An .xls file's formula cells (the `="…"` of the digit codes) are
    // refused: its reader does not see a formula's text result.
    convert(
        &source,
        &office,
        Some("CSV:44,34,76,1"),
        "xls",
        &csvs,
        "xls",
    );
    let by_xls = Env::new();
    for kind in ["units", "cadres"] {
        let file = format!("{kind}.xls");
        std::fs::copy(source.path(&format!("xls/{file}")), by_xls.path(&file)).unwrap();
    }
    by_xls.ok(&["import", "units", "units.xls"]);
    let line = by_xls.fails(2, &["import", "cadres", "cadres.xls"]);
    assert_eq!(
        line,
        "qianqi: importing cadres.xls: sheet cadres, row 2, column E (phone): the cell holds a formula, whose result an .xls file does not keep readable; save the workbook as .xlsx, or paste the values in place of the formulas; nothing was written"
    );
}

#[test]
fn an_exported_workbook_imports_back_to_the_same_database() {
    let source = crate::import::rich();
    let target = Env::new();
    for (i, kind) in KINDS.iter().enumerate() {
        let file = format!("{kind}.xlsx");
        // Half in Chinese headers; the format follows the file's name.
        let lang = if i % 2 == 0 { "en" } else { "zh" };
        source.ok(&["--lang", lang, "export", kind, "-o", &file]);
        std::fs::copy(source.path(&file), target.path(&file)).unwrap();
        target.ok(&["import", kind, &file]);
    }
    assert_eq!(
        crate::import::content(&target),
        crate::import::content(&source)
    );
    assert_eq!(every_export(&target), every_export(&source));
}

#[test]
fn a_workbook_is_written_to_a_file_and_only_with_the_options_it_has() {
    let env = Env::new();
    env.seed();
    let line = env.fails(
        2,
        &[
            "export",
            "units",
            "--format",
            "xlsx",
            "--encoding",
            "gbk",
            "-o",
            "u.xlsx",
        ],
    );
    assert_eq!(
        line,
        "qianqi: --encoding, --no-bom and --plain are for CSV; leave them out with --format xlsx"
    );
    let line = env.fails(2, &["export", "units", "--format", "json", "--plain"]);
    assert!(line.contains("leave them out with --format json"), "{line}");
    // Written beside the target and renamed into place, owner-only.
    env.ok(&[
        "export",
        "enterprises",
        "--format",
        "xlsx",
        "-o",
        "企业.xlsx",
    ]);
    let bytes = std::fs::read(env.path("企业.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path("企业.xlsx"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never onto the database file.
    if !on_postgres() {
        let line = env.fails(2, &["export", "units", "--format", "xlsx", "-o", &env.db]);
        assert!(line.contains("database"), "{line}");
    }
}

#[test]
fn libreoffice_keeps_every_code_and_the_chinese_of_an_exported_workbook() {
    let Some(office) =
        office("sheets::libreoffice_keeps_every_code_and_the_chinese_of_an_exported_workbook")
    else {
        return;
    };
    let env = crate::import::rich();
    env.ok(&["unit", "add", "007", "区发展改革委", "--kind", "dept"]);
    env.ok(&[
        "cadre",
        "add",
        "0042",
        "陈静",
        "--unit",
        "007",
        "--phone",
        "02348612345",
    ]);
    let mut books = Vec::new();
    for kind in ["units", "cadres", "enterprises", "visits"] {
        let file = format!("{kind}.xlsx");
        env.ok(&["--lang", "zh", "export", kind, "-o", &file]);
        books.push(env.path(&file));
    }
    // Comma, double quote, UTF-8 (76), from line 1.
    convert(
        &env,
        &office,
        None,
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        &books,
        "back",
    );
    let read = |kind: &str| {
        let text = std::fs::read_to_string(env.path(&format!("back/{kind}.csv"))).unwrap();
        // LibreOffice quotes text cells; what matters is what is inside.
        text.replace('"', "")
    };
    let units = read("units");
    assert!(units.starts_with("编号,名称,类型\n"), "{units}");
    // Fixed words in the language asked.
    assert!(units.contains("007,区发展改革委,部门"), "{units}");
    let cadres = read("cadres");
    assert!(cadres.contains("0042,陈静,007,,02348612345"), "{cadres}");
    assert!(
        cadres.contains("C01,王芳,D01,副科级,13800138000"),
        "{cadres}"
    );
    let enterprises = read("enterprises");
    assert!(
        enterprises.contains("914403001922038216,重庆金美新材料科技有限公司,金美,T01,新材料,是"),
        "{enterprises}"
    );
    assert!(
        enterprises.contains("铝(再生铝)及铝精深加工"),
        "{enterprises}"
    );
    assert!(!enterprises.contains("E+17"), "{enterprises}");
    // Dates are dates, shown as written.
    let visits = read("visits");
    assert!(
        visits.contains("C01,914403001922038216,2022-03-01,电话,3,建档案、解难题"),
        "{visits}"
    );
}
