//! The Chinese of the help of the other reports, imports and exports, checking, backups, settings, completions and manual pages.

/// (English text as clap holds it, its Chinese).
pub(super) const TEXTS: &[(&str, &str)] = &[
    (
        "Judge statuses and due dates as they stood at the end of DATE [default: today]",
        "按 DATE 当天结束时的状态和办理时限判断 [默认：今天]",
    ),
    (
        "The handling departments' assessment (考核): every rate with its terms",
        "承办单位考核：各项指标及其分子、分母",
    ),
    (
        "The handling departments' assessment (考核): every rate with its terms.\n\nRates as of DATE (--as-of, else today) over the tickets collected in --from/--to: response_rate, on_time_rate, resolution_rate, follow_up_rate, satisfaction_rate, return_rate, redo_rate, each a numerator over a denominator (the formulas are printed under the table); a rate whose denominator is 0 is empty. Tickets count for the department in force on the day, return_rate for the department that returned them; a ticket voided by then counts nowhere. CSV and JSON: the key (named after --by), tickets, then for each rate R the columns R (the fraction rounded to 4 decimals, empty or null when R_d is 0), R_n and R_d; the total row last. With --rank they hold the red and black lists instead: list, rank, the key, R, R_n, R_d.",
        "承办单位考核：各项指标及其分子、分母。\n\n对 --from/--to 期间收集的问题，按截至 DATE（--as-of，否则为今天）的情况计算：响应率、按时办结率、解决率、回访率、满意率、退单率、重办率，每项都是分子比分母（计算口径列在表下）；分母为0的指标留空。问题计入当天的承办单位，退单率计入退单的单位；届时已作废的问题不计入任何单位。CSV 和 JSON：分组列（按 --by 的维度命名）、问题数，然后每项指标三列：指标值（保留4位小数，分母为0时为空或 `null`）、分子、分母；合计行在最后。给出 --rank 时改为红黑榜：榜单、名次、分组列、指标值、分子、分母。",
    ),
    (
        "Group the tickets by this dimension",
        "按该维度给问题分组",
    ),
    (
        "The handling department in force on the day (承办单位)",
        "当天的承办单位",
    ),
    (
        "Judge every rate from the history as it stood at the end of DATE [default: today]",
        "按办理记录截至 DATE 当天结束时的情况计算各项指标 [默认：今天]",
    ),
    (
        "Add the red and black lists (红黑榜) of this rate: the best and worst five groups among those with at least 10 tickets in its denominator",
        "附该指标的红黑榜：在分母不少于10件的分组中，列出最好和最差的各五个",
    ),
    (
        "Meetings (座谈会) held, cadres attending and tickets resolved at them",
        "召开的座谈会、参会干部和会上解决的问题",
    ),
    (
        "Meetings (座谈会) held, cadres attending and tickets resolved at them.\n\nColumns: meeting, held_on, title, meetings, cadres, tickets_resolved; one row per meeting and a total row (`total`) counting distinct cadres and tickets.",
        "召开的座谈会、参会干部和会上解决的问题。\n\n列：座谈会、日期、名称、场次、参会干部、会上解决问题；每场座谈会一行，另有合计行（`total`），其中干部和问题都不重复计数。",
    ),
    (
        "One HTML page of charts, each with its numbers in a table",
        "一个 HTML 图表页面，每张图都附数字表格",
    ),
    (
        "One HTML page of charts, each with its numbers in a table.\n\nThe identity and its verdict, each month's collected, closed and open tickets, towns and departments, open tickets against their deadlines, coverage, and visits per month. The file is self-contained (inline SVG and CSS, no script, nothing loaded from elsewhere): it opens without a network, prints on A4 and can be mailed. Written in Chinese with --lang zh.",
        "一个 HTML 图表页面，每张图都附数字表格。\n\n内容：对账等式及结论，每月收集、办结和未办结的问题，各街镇和承办单位，未办结问题距办理时限情况，结对覆盖，每月走访。文件自成一体（内嵌 SVG 和 CSS，没有脚本，不从别处加载任何内容）：不联网也能打开，可用 A4 纸打印，可作邮件附件发送。--lang zh 时为中文。",
    ),
    (
        "Compute every status as it stood at the end of DATE [default: today]",
        "按 DATE 当天结束时的情况计算各问题状态 [默认：今天]",
    ),
    (
        "Import a CSV file or a workbook of units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days",
        "导入单位、干部、企业、结对、座谈会、走访、问题、办理记录、类别或工作日历的 CSV 文件或工作簿",
    ),
    (
        "Import a CSV file or a workbook of units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days.\n\nThe file may be UTF-8 (with or without BOM) or GBK as Excel and WPS save it; the encoding is detected. Headers are the English column names or their Chinese equivalents (编号, 姓名, 统一社会信用代码, 走访日期, …) in any order; `qianqi export KIND` shows the columns. Either every row goes in or none does: bad rows are listed with their line and column, nothing is written, and the exit status is 2. The same file imported twice for the same kind is refused, so no visit is counted twice.",
        "导入单位、干部、企业、结对、座谈会、走访、问题、办理记录、类别或工作日历的 CSV 文件或工作簿。\n\n文件可以是 UTF-8（带不带 BOM 均可），也可以是 Excel 和 WPS 保存的 GBK；编码自动识别。表头用英文列名或对应的中文（编号、姓名、统一社会信用代码、走访日期……）均可，顺序不限；`qianqi export KIND` 可查看各列。要么全部导入，要么一行也不导入：有错的行会列出行号和列，不写入任何数据，退出状态为2。同一文件按同一类别再次导入会被拒绝，所以走访不会重复计数。",
    ),
    (
        "What the file holds",
        "文件内容的类别",
    ),
    (
        "Departments and towns/streets (单位)",
        "单位（部门和街镇）",
    ),
    (
        "Cadres (干部)",
        "干部",
    ),
    (
        "Enterprises (企业)",
        "企业",
    ),
    (
        "Cadre–enterprise pairings (对口服务)",
        "干部与企业的结对（对口服务）",
    ),
    (
        "Meetings (座谈会) and who attended",
        "座谈会及参会人员",
    ),
    (
        "Visits (走访)",
        "走访",
    ),
    (
        "Problem tickets (问题台账)",
        "问题台账",
    ),
    (
        "Ticket status changes after collection (办理记录)",
        "问题收集后的状态变化（办理记录）",
    ),
    (
        "Categories and their deadlines in working days (办理时限)",
        "类别及其办理时限（工作日）",
    ),
    (
        "Days declared working days or not (工作日历): holidays, 调休",
        "工作日历：另行规定上班或休息的日子（节假日、调休）",
    ),
    (
        "The CSV file (comma, tab or semicolon separated), a workbook (.xlsx, .xls, .ods), or - for CSV on standard input",
        "CSV 文件（逗号、制表符或分号分隔）、工作簿（.xlsx、.xls、.ods），或写 - 从标准输入读 CSV",
    ),
    (
        "A workbook's sheet to read [default: the first visible one]",
        "要读取的工作表 [默认：第一个可见的工作表]",
    ),
    (
        "Read a CSV file in this encoding instead of detecting it",
        "按这种编码读 CSV 文件，不自动识别",
    ),
    (
        "Check every row and report, but write nothing",
        "检查每一行并报告，但不写入任何数据",
    ),
    (
        "Units, cadres and enterprises: update the records whose codes exist instead of refusing them",
        "单位、干部和企业：编号已存在的记录予以更新，而不是拒绝",
    ),
    (
        "Read a file even though the same content was imported before (rows already present are still skipped)",
        "即使相同内容以前导入过，也再读一遍（已有的行仍会跳过）",
    ),
    (
        "List the files imported so far",
        "列出已导入的文件",
    ),
    (
        "Only imports of this kind",
        "只列这一类别的导入",
    ),
    (
        "Export units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days as CSV (or a workbook, JSON)",
        "把单位、干部、企业、结对、座谈会、走访、问题、办理记录、类别或工作日历导出为 CSV（或工作簿、JSON）",
    ),
    (
        "Export units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days as CSV (or a workbook, JSON).\n\nThe file opens in Excel and WPS as it should: UTF-8 with a BOM (or GBK with --encoding gbk), text that starts like a formula prefixed with ' so it never runs, and all-digit codes (USCC, phone) written as =\"…\" so they stay text. `qianqi import` reads it back unchanged.",
        "把单位、干部、企业、结对、座谈会、走访、问题、办理记录、类别或工作日历导出为 CSV（或工作簿、JSON）。\n\nCSV 文件用 Excel 和 WPS 打开不会走样：UTF-8 带 BOM（或用 --encoding gbk 写成 GBK）；像公式开头的文字前面加 '，不会被当作公式运行；全是数字的代码（统一社会信用代码、电话）写成 =\"…\"，保持为文本。`qianqi import` 可原样读回。",
    ),
    (
        "What to export",
        "要导出的类别",
    ),
    (
        "csv, xlsx (a workbook) or json [default: xlsx or json when --output ends in .xlsx or .json, else csv]",
        "csv、xlsx（工作簿）或 json [默认：--output 以 .xlsx 或 .json 结尾时为 xlsx 或 json，否则为 csv]",
    ),
    (
        "Comma-separated text that Excel and WPS open (see --encoding, --plain)",
        "逗号分隔的文本，Excel 和 WPS 可以打开（见 --encoding、--plain）",
    ),
    (
        "An Excel workbook: codes as text, dates as dates, the header frozen",
        "Excel 工作簿：代码为文本，日期为日期，冻结表头",
    ),
    (
        "An array of records with typed values (numbers, booleans, null)",
        "记录的数组，值带类型（数字、布尔值、`null`）",
    ),
    (
        "CSV cells exactly as stored, for scripts and databases: no formula guard, no =\"…\" marking, no BOM",
        "CSV 单元格与存储的内容完全一致，供脚本和数据库使用：不做公式防护，不加 =\"…\" 标记，不写 BOM",
    ),
    (
        "Load the bundled Qijiang 2022 campaign and print its reconciliation, coverage and the departments' assessment",
        "载入自带的綦江区2022年工作数据，并输出对账、覆盖情况和承办单位考核",
    ),
    (
        "Write a synthetic campaign as CSV files (the Qijiang fixture at scale 1; a city for benchmarks)",
        "生成一套模拟工作数据的 CSV 文件（规模为1时即綦江测试数据；规模大时相当于一座城市，用于性能测试）",
    ),
    (
        "Directory to write units.csv, cadres.csv, … events.csv into (created if missing)",
        "写入 `units.csv`、`cadres.csv`……`events.csv` 的目录（不存在则创建）",
    ),
    (
        "Number of districts",
        "区县数量",
    ),
    (
        "Write this many tickets in total instead (about three events each, collection included)",
        "改为共生成这么多个问题（每个约三条办理记录，含收集）",
    ),
    (
        "Seed of the random choices",
        "随机数种子",
    ),
    (
        "Verify the database before publishing figures: integrity, ticket histories, visits, pairings and the reconciliation identity (exit 1 if anything is wrong)",
        "发布数字前检查数据库：完整性、问题办理记录、走访、结对和对账等式（有任何问题，退出状态为1）",
    ),
    (
        "Copy every record, every ticket's history and the import log into an empty database of either engine: a SQLite file up to PostgreSQL, or back",
        "把全部记录、每个问题的办理记录和导入日志复制到一个空数据库，两种引擎均可：从 SQLite 文件升到 PostgreSQL，或反过来",
    ),
    (
        "The database to copy into: a SQLite file (created when missing) or a PostgreSQL URL (postgresql://USER@HOST:PORT/DBNAME); it must hold no records",
        "复制到的数据库：SQLite 文件（不存在则新建）或 PostgreSQL 地址（`postgresql://USER@HOST:PORT/DBNAME`）；其中不得已有记录",
    ),
    (
        "Copy the database to FILE: a consistent snapshot, even while others write",
        "把数据库复制到 FILE：即使别人正在写入，也是前后一致的快照",
    ),
    (
        "Where to write the copy; an older backup there is replaced",
        "副本写到哪里；那里原有的备份会被替换",
    ),
    (
        "Replace the database with a backup, after checking the backup; the replaced database is kept as <db>.before-restore",
        "先检查备份，再用备份替换数据库；被替换的数据库保留为 `<db>.before-restore`",
    ),
    (
        "A backup made by `qianqi backup`; it is checked before anything is replaced",
        "用 `qianqi backup` 做的备份；替换前先检查",
    ),
    (
        "Settings kept in a file, so that no environment variable is needed: db, user, lang",
        "保存在文件里的设置，有了它就不需要环境变量：`db`、`user`、`lang`",
    ),
    (
        "Keep a setting: db (database file), user (your cadre code), lang (en or zh)",
        "保存一项设置：`db`（数据库文件）、`user`（你的干部编号）、`lang`（`en` 或 `zh`）",
    ),
    (
        "Print a setting (exit status 1 when it is not set)",
        "显示一项设置（未设置时退出状态为1）",
    ),
    (
        "Forget a setting",
        "删除一项设置",
    ),
    (
        "Print every setting kept",
        "显示保存的全部设置",
    ),
    (
        "Print where the settings are kept",
        "显示设置文件的位置",
    ),
    (
        "Print a shell's completion script: bash, zsh, fish, powershell or elvish",
        "输出命令行外壳的补全脚本：bash、zsh、fish、powershell 或 elvish",
    ),
    (
        "Print a shell's completion script: bash, zsh, fish, powershell or elvish.\n\nbash: `qianqi completions bash > ~/.local/share/bash-completion/completions/qianqi`; PowerShell: `qianqi completions powershell | Out-String | Invoke-Expression` in $PROFILE.",
        "输出命令行外壳的补全脚本：bash、zsh、fish、powershell 或 elvish。\n\nbash：`qianqi completions bash > ~/.local/share/bash-completion/completions/qianqi`；PowerShell：在 `$PROFILE` 中加入 `qianqi completions powershell | Out-String | Invoke-Expression`。",
    ),
    (
        "Write manual pages (qianqi.1 and one per command) into a directory",
        "把手册页（英文，`qianqi.1` 及每个命令一页）写入目录",
    ),
    (
        "The directory to write the pages to (created when missing)",
        "手册页写入的目录（不存在则创建）",
    ),
    (
        "Import in this order, since each kind refers to the ones before:\n  units, cadres, enterprises, pairings, meetings, visits, tickets, events\n\nExamples:\n  qianqi import enterprises 企业名单.csv --dry-run\n  qianqi import visits 走访记录.xlsx --sheet 三月\n  qianqi import visits 走访记录.csv\n  qianqi import cadres cadres.csv --upsert      update names, units and phones",
        "请按以下顺序导入，因为每一类都要用到前面几类：\n  units、cadres、enterprises、pairings、meetings、visits、tickets、events\n\n示例：\n  qianqi import enterprises 企业名单.csv --dry-run\n  qianqi import visits 走访记录.xlsx --sheet 三月\n  qianqi import visits 走访记录.csv\n  qianqi import cadres 干部名单.csv --upsert      更新姓名、单位和电话",
    ),
    (
        "To copy a whole database, export and import in this order:\n  units, cadres, enterprises, pairings, meetings, visits, tickets, events\n(tickets come without their later history, which is in events); categories\nand calendar (the days declared over the shipped holidays) at any time.\n\nExamples:\n  qianqi export enterprises -o 企业名单.csv\n  qianqi --lang zh export visits --encoding gbk -o 走访记录.csv\n  qianqi --lang zh export enterprises -o 企业名单.xlsx\n  qianqi export visits --format json | jq '.[] | select(.people > 1)'",
        "要复制整个数据库，请按以下顺序导出，再按同样的顺序导入：\n  units、cadres、enterprises、pairings、meetings、visits、tickets、events\n导出的问题不带收集之后的办理记录，办理记录在 events 中；categories（类别）和\ncalendar（在自带节假日之外另行规定的日子）随时都可以导出、导入。\n\n示例：\n  qianqi export enterprises -o 企业名单.csv\n  qianqi --lang zh export visits --encoding gbk -o 走访记录.csv\n  qianqi --lang zh export enterprises -o 企业名单.xlsx\n  qianqi --lang zh export visits --format json -o 走访记录.json",
    ),
];
