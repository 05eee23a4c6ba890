//! The Chinese of the command line's help: every English text clap takes
//! from the doc comments of the commands and their arguments, with the
//! Chinese that stands in for it under `--lang zh`.
//!
//! The English text is the key, so that an English text that changes loses
//! its Chinese and the test in `zh` fails until the Chinese is written again;
//! a text used by several commands (`--format`, `--on`, …) is written once.
//! `zh::tests` fails for any text of the command tree without its Chinese
//! and for any entry here that no text uses any more.
//!
//! Words the person types stay as they are typed: flags, placeholders
//! (`DATE`, `FILE`), possible values, and codes in backticks.

/// (English text as clap holds it, its Chinese).
pub(super) const TEXTS: &[(&str, &str)] = &[
    // The heading of the global flags (`GLOBAL` in cli.rs).
    ("Global options", "全局选项"),
    // clap's own help and version flags and help command.
    ("Print help", "显示帮助"),
    (
        "Print help (see more with '--help')",
        "显示帮助（用 --help 看完整说明）",
    ),
    (
        "Print help (see a summary with '-h')",
        "显示帮助（用 -h 看摘要）",
    ),
    ("Print version", "显示版本"),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本说明，或所给命令的帮助",
    ),
    // The commands, their arguments and their possible values.
    (
        "qianqi (千企): pairings, visits, meetings and problem tickets of the \"thousand cadres into thousand enterprises\" programme, with the reconciliation reports that show whether the figures add up",
        "qianqi（千企）：“千人进千企”工作的干部结对、走访、座谈会和问题台账，并用对账报表核对各项数字是否相符",
    ),
    (
        "Database: a SQLite file, or a PostgreSQL URL such as postgresql://USER@HOST:PORT/DBNAME [default: $QIANQI_DB, else qianqi/qianqi.db in the user's data directory]",
        "数据库：SQLite 文件，或 PostgreSQL 地址，如 `postgresql://USER@HOST:PORT/DBNAME` [默认：$QIANQI_DB，否则为用户数据目录下的 `qianqi/qianqi.db`]",
    ),
    (
        "Language of headers and status names",
        "语言：表头、状态名称、提示和帮助",
    ),
    (
        "How long to wait for another process's write to finish before giving up (exit status 3); at most a day",
        "等其他进程写完最多等多少毫秒，超时则放弃（退出状态3）；最长一天",
    ),
    (
        "Open a database on a network share (NFS, SMB/CIFS) although SQLite's locking is unreliable there",
        "数据库在网络共享（NFS、SMB/CIFS）上也照样打开，尽管 SQLite 的文件锁在那里并不可靠",
    ),
    (
        "Colour overdue tickets and refusals: auto (on a terminal, unless NO_COLOR is set), always or never",
        "用颜色标出超期问题和被拒绝的操作：auto（在终端上且未设 NO_COLOR 时）、always（总是）或 never（从不）",
    ),
    (
        "Create the database (or bring an existing one up to date)",
        "创建数据库（或把已有的数据库升级到最新）",
    ),
    (
        "Units: district departments (部门) and towns/streets (街镇)",
        "单位：区级部门和街镇",
    ),
    (
        "Add a unit: a district department (dept) or a town/street (town)",
        "添加单位：区级部门或街镇",
    ),
    (
        "Short code, e.g. D01 or T01",
        "简短编号，如 D01、T01",
    ),
    (
        "Full name, e.g. 区经济信息委 or 古南街道",
        "全称，如区经济信息委、古南街道",
    ),
    (
        "dept (区级部门) or town (街镇)",
        "部门（`dept`）或街镇（`town`）",
    ),
    (
        "List units",
        "列出单位",
    ),
    (
        "Only units of this kind",
        "只列这一类单位：部门或街镇",
    ),
    (
        "How to print the rows",
        "输出格式",
    ),
    (
        "Print at most N rows (0: all) [default: 50 in a table on a terminal, else all]",
        "最多输出 N 行（0 为全部）[默认：终端上的表格输出50行，其他情况全部输出]",
    ),
    (
        "Write to FILE instead of standard output (replaced whole, never half-written)",
        "写入文件 FILE，而不是标准输出（整个替换，不会只写一半）",
    ),
    (
        "Text encoding of CSV output: utf8 (with a BOM, for Excel) or gbk (GB18030, for older Excel and WPS)",
        "CSV 输出的文字编码：utf8（带 BOM，供 Excel 用）或 gbk（GB18030，供旧版 Excel 和 WPS 用）",
    ),
    (
        "UTF-8, optionally with a BOM",
        "UTF-8，可带 BOM",
    ),
    (
        "GBK, read and written as GB18030 (a superset of GBK that can encode every character)",
        "GBK，按 GB18030 读写（GBK 的超集，能表示所有字符）",
    ),
    (
        "Leave out the UTF-8 byte-order mark that tells Excel the file is UTF-8",
        "不写 UTF-8 字节顺序标记（BOM，Excel 靠它认出 UTF-8 文件）",
    ),
    (
        "Cadres (干部) and their enterprise files",
        "干部及其对口企业的档案",
    ),
    (
        "Add a cadre (助企干部) employed by a unit",
        "添加助企干部，并注明所在单位",
    ),
    (
        "Short code, e.g. C0001",
        "简短编号，如 C0001",
    ),
    (
        "Name, e.g. 王芳",
        "姓名，如王芳",
    ),
    (
        "The cadre's unit (department or town): code or name",
        "干部所在单位（部门或街镇）：编号或名称",
    ),
    (
        "Rank, e.g. 副科级",
        "职级，如副科级",
    ),
    (
        "Phone number (digits, spaces, + and -)",
        "电话号码（数字、空格、+ 和 -）",
    ),
    (
        "List cadres with their open pairings and visit counts",
        "列出干部及其当前结对和走访次数",
    ),
    (
        "Only cadres of this unit (code or name)",
        "只列该单位的干部（编号或名称）",
    ),
    (
        "Only cadres with an open pairing of this tier",
        "只列在该层级（区级或街镇）有当前结对的干部",
    ),
    (
        "Show a cadre: unit, pairings, visits and the tickets the cadre collected",
        "查看干部：所在单位、结对、走访及其收集的问题",
    ),
    (
        "Cadre code (any case) or name",
        "干部编号（不分大小写）或姓名",
    ),
    (
        "How to print the record: text, or json (one object with its parts as arrays; keys in English)",
        "输出格式：text，或 json（一个对象，各组成部分为数组；键名为英文）",
    ),
    (
        "Lines and tables for people, in the language asked",
        "供人阅读的文字和表格，用所选的语言",
    ),
    (
        "One JSON object for scripts: typed values, empty as null, keys in English",
        "供脚本使用的一个 JSON 对象：值带类型，空值为 `null`，键名为英文",
    ),
    (
        "Enterprises (企业) and their files (企业档案)",
        "企业及企业档案",
    ),
    (
        "Add an enterprise, identified by its unified social credit code (统一社会信用代码)",
        "添加企业，以统一社会信用代码为准",
    ),
    (
        "The 18-character unified social credit code",
        "18位统一社会信用代码",
    ),
    (
        "The registered name, e.g. 重庆金美新材料科技有限公司",
        "登记名称，如重庆金美新材料科技有限公司",
    ),
    (
        "The town/street (街镇) where it is located: code or name",
        "企业所在街镇：编号或名称",
    ),
    (
        "A short name to type instead of the code, e.g. 金美 (简称)",
        "简称，可代替信用代码输入，如金美",
    ),
    (
        "Industry chain, e.g. 装备制造",
        "产业链，如装备制造",
    ),
    (
        "A key enterprise (重点企业)",
        "是重点企业",
    ),
    (
        "Give an enterprise a short name (简称) to type instead of its code, or take it away with \"\"",
        "给企业设简称，以后可代替信用代码输入；写 `\"\"` 则取消简称",
    ),
    (
        "Unified social credit code, name, short name or a part of the name",
        "统一社会信用代码、名称、简称或名称的一部分",
    ),
    (
        "The short name, e.g. 金美; \"\" for none",
        "简称，如金美；`\"\"` 表示不设简称",
    ),
    (
        "List enterprises with their open pairings",
        "列出企业及其当前结对",
    ),
    (
        "Only enterprises located in this town (code or name)",
        "只列位于该街镇的企业（编号或名称）",
    ),
    (
        "Only enterprises with an open pairing of this tier",
        "只列在该层级（区级或街镇）有当前结对的企业",
    ),
    (
        "Only key enterprises",
        "只列重点企业",
    ),
    (
        "Only enterprises that no cadre serves now",
        "只列目前没有干部对口服务的企业",
    ),
    (
        "Print an enterprise's file (企业档案): pairings, visits and tickets",
        "查看企业档案：结对、走访和问题",
    ),
    (
        "Pair a cadre with an enterprise (对口服务), or list pairings with `pair list`",
        "为干部和企业结对（对口服务），或用 `pair list` 列出结对",
    ),
    (
        "Cadre code",
        "干部编号",
    ),
    (
        "Enterprise: credit code, name, short name, or a part of the name only it has",
        "企业：信用代码、名称、简称，或只有这家企业相符的部分名称",
    ),
    (
        "district (区级, one-to-one) or town (街镇, a cadre may serve several)",
        "区级（`district`，一对一）或街镇（`town`，一名干部可服务多家企业）",
    ),
    (
        "First day of the pairing [default: today]",
        "结对开始日期 [默认：今天]",
    ),
    (
        "List pairings",
        "列出结对",
    ),
    (
        "Only this cadre's records: code (any case) or a name only one cadre has",
        "只列该干部的记录：编号（不分大小写）或只有一名干部叫的姓名",
    ),
    (
        "Only this enterprise's records: credit code, name, short name, or a part of the name only it has",
        "只列该企业的记录：信用代码、名称、简称，或只有这家企业相符的部分名称",
    ),
    (
        "Only the records of cadres of this unit: code or name",
        "只列该单位干部的记录：编号或名称",
    ),
    (
        "Only the records of enterprises located in this town: code or name",
        "只列位于该街镇的企业的记录：编号或名称",
    ),
    (
        "Only pairings still open",
        "只列尚未结束的结对",
    ),
    (
        "End a cadre's pairing with an enterprise",
        "结束干部与企业的结对",
    ),
    (
        "The day the pairing ends: it is in force until the day before, so the day it began records a pairing that was never in force [default: today]",
        "结对结束日期：结对有效至前一天，所以写结对开始那天，表示这次结对从未生效 [默认：今天]",
    ),
    (
        "Log a visit (走访), or list visits with `visit list`",
        "登记一次走访，或用 `visit list` 列出走访",
    ),
    (
        "Enterprise visited: credit code, name, short name, or a part of the name only it has",
        "走访的企业：信用代码、名称、简称，或只有这家企业相符的部分名称",
    ),
    (
        "The visiting cadre: code (any case) or a name only one cadre has [default: QIANQI_USER or the settings file's user]",
        "走访的干部：编号（不分大小写）或只有一名干部叫的姓名 [默认：QIANQI_USER 或设置文件中的 `user`]",
    ),
    (
        "Day of the visit [default: today]",
        "走访日期 [默认：今天]",
    ),
    (
        "onsite (实地), phone (电话) or online (线上)",
        "走访方式：实地（`onsite`）、电话（`phone`）或线上（`online`）",
    ),
    (
        "How many cadre person-visits (人次) this visit counts for",
        "这次走访计多少干部人次",
    ),
    (
        "Work items covered, separated by , ， 、 ; or ；: file (建档案), policy (送政策), agency (真代办), problem (解难题), industry (研产业)",
        "这次走访做了哪几项工作，用 , ， 、 ; 或 ； 分隔：建档案（`file`）、送政策（`policy`）、真代办（`agency`）、解难题（`problem`）、研产业（`industry`）",
    ),
    (
        "Free-text note",
        "备注",
    ),
    (
        "Record a visit by a cadre not (yet) paired with the enterprise, e.g. by a supervisor on someone's behalf",
        "登记未与该企业结对（或尚未结对）的干部的走访，如督导人员代人走访",
    ),
    (
        "List visits",
        "列出走访",
    ),
    (
        "Only visits by cadres with an open pairing of this tier with the enterprise",
        "只列与企业在该层级（区级或街镇）有当前结对的干部的走访",
    ),
    (
        "First day, included",
        "起始日期（含当天）",
    ),
    (
        "Last day, included",
        "截止日期（含当天）",
    ),
    (
        "The voided visits, with the day and reason of each void, instead of the ones that count",
        "改为列出已作废的走访，并注明作废日期和原因",
    ),
    (
        "Void a visit recorded by mistake: from the void date on it counts nowhere; reports as of an earlier day still count it",
        "作废一条误登的走访：自作废之日起不再计入任何统计；截至更早日期的报表仍计入",
    ),
    (
        "The visit's id (the id column of `qianqi visit list`)",
        "走访的编号（`qianqi visit list` 的编号列）",
    ),
    (
        "What the mistake was",
        "作废原因：哪里登记错了",
    ),
    (
        "Day of the void [default: today]",
        "作废日期 [默认：今天]",
    ),
    (
        "Meetings (座谈会) of cadres",
        "干部座谈会",
    ),
    (
        "Record a meeting (座谈会) and the cadres who attended",
        "登记一次座谈会及参会干部",
    ),
    (
        "Short code, e.g. M001",
        "简短编号，如 M001",
    ),
    (
        "Title, e.g. 古南街道助企干部座谈会",
        "会议名称，如古南街道助企干部座谈会",
    ),
    (
        "Day it was held [default: today]",
        "召开日期 [默认：今天]",
    ),
    (
        "Codes of the attending cadres, separated by , ; or 、",
        "参会干部的编号，用 , ; 或 、 分隔",
    ),
    (
        "List meetings with attendance and the tickets resolved at each",
        "列出座谈会、参会人数和会上解决的问题",
    ),
    (
        "Only meetings this cadre attended: code (any case) or a name only one cadre has",
        "只列该干部参加的座谈会：编号（不分大小写）或只有一名干部叫的姓名",
    ),
    (
        "Problem tickets (问题) and their history",
        "问题台账及办理记录",
    ),
    (
        "Log a problem (问题) an enterprise raised; prints the ticket's code",
        "登记企业反映的问题，并输出问题编号",
    ),
    (
        "What the problem is, in the enterprise's words",
        "问题内容，照企业的说法写",
    ),
    (
        "The collecting cadre: code (any case) or a name only one cadre has [default: QIANQI_USER or the settings file's user]",
        "收集问题的干部：编号（不分大小写）或只有一名干部叫的姓名 [默认：QIANQI_USER 或设置文件中的 `user`]",
    ),
    (
        "Ticket code [default: YYYY-NNNN, the next free number in the collection year]",
        "问题编号 [默认：收集年份的下一个空号，如 2026-0001]",
    ),
    (
        "Category, e.g. 融资贷款, 用工招聘",
        "类别，如融资贷款、用工招聘",
    ),
    (
        "Handling department (承办单位), a unit code",
        "承办单位的编号",
    ),
    (
        "Deadline (办理时限)",
        "办理时限",
    ),
    (
        "Day collected [default: today]",
        "收集日期 [默认：今天]",
    ),
    (
        "Assign the ticket to a handling department (交办, 改派); it stays collected",
        "把问题交办（或改派）给承办单位；状态仍为收集",
    ),
    (
        "Ticket code",
        "问题编号",
    ),
    (
        "Day of the event [default: today]",
        "办理日期 [默认：今天]",
    ),
    (
        "Who records it: a cadre code",
        "登记人：干部编号",
    ),
    (
        "Free-text note kept with the event",
        "随这条办理记录保存的备注",
    ),
    (
        "Co-handling units (协办), unit codes separated by commas",
        "协办单位的编号，用逗号分隔",
    ),
    (
        "Deadline (办理时限) [default: the category's deadline in working days from the assignment]",
        "办理时限 [默认：自交办之日起，按该类别的时限数工作日]",
    ),
    (
        "The handling department accepts the ticket (签收): collected → in_progress",
        "承办单位签收问题：收集 → 正在办理",
    ),
    (
        "Handling department (承办单位), a unit code: records the assignment first; needed when none is in force",
        "承办单位的编号：先记一条交办；问题尚无承办单位时必须给出",
    ),
    (
        "Deadline (办理时限): records the assignment first, with this due date",
        "办理时限：先按这个时限记一条交办",
    ),
    (
        "The department sends the ticket back (退单): back to collected with no department",
        "承办单位退单：回到收集状态，不再有承办单位",
    ),
    (
        "Why it is returned",
        "退单原因",
    ),
    (
        "A later due date (延期); the earlier one stays in the history",
        "延期：改为更晚的办理时限，原时限留在办理记录中",
    ),
    (
        "The new due date",
        "新的办理时限",
    ),
    (
        "Why more time is needed",
        "延期原因",
    ),
    (
        "Escalate an open ticket: remind (催办), supervise (督办), notify (通报)",
        "督促未办结的问题：催办、督办、通报",
    ),
    (
        "The problem is solved (已解决): collected or in_progress → resolved",
        "问题已解决：收集或正在办理 → 已解决",
    ),
    (
        "The meeting (座谈会) at which it was resolved; the date defaults to the meeting's",
        "在哪次座谈会上解决（座谈会编号）；日期默认为座谈会召开日期",
    ),
    (
        "Policy explained, cannot be handled for now (政策解释): collected or in_progress → explained",
        "已作出政策解释但暂时无法办理：收集或正在办理 → 政策解释",
    ),
    (
        "The meeting (座谈会) at which it was explained; the date defaults to the meeting's",
        "在哪次座谈会上作出解释（座谈会编号）；日期默认为座谈会召开日期",
    ),
    (
        "Ask the enterprise whether a closed ticket was solved and whether it is satisfied (回访)",
        "回访：问企业已办结的问题是否解决、是否满意",
    ),
    (
        "solved, partly or unsolved",
        "解决情况：已解决（`solved`）、部分解决（`partly`）或未解决（`unsolved`）",
    ),
    (
        "satisfied (满意), basic (基本满意) or dissatisfied (不满意)",
        "满意度：满意（`satisfied`）、基本满意（`basic`）或不满意（`dissatisfied`）",
    ),
    (
        "Take a closed ticket up again: resolved or explained → in_progress",
        "重办已办结的问题：已解决或政策解释 → 正在办理",
    ),
    (
        "The ticket was a mistake (作废): it leaves every count from this day on",
        "作废误登的问题：自当日起不再计入任何统计",
    ),
    (
        "Why it is voided",
        "作废原因",
    ),
    (
        "Correct a wrong field (更正); the old and new values stay in the history",
        "更正填错的内容；原值和新值都留在办理记录中",
    ),
    (
        "List tickets",
        "列出问题",
    ),
    (
        "Only tickets with this current status: collected, in_progress, resolved, explained (or closed, open)",
        "只列当前为该状态的问题：收集、正在办理、已解决、政策解释，或办结、`open`（未办结）",
    ),
    (
        "Only tickets handled by this department: code or name",
        "只列该承办单位的问题：编号或名称",
    ),
    (
        "Collected on or after this day",
        "收集日期不早于该日",
    ),
    (
        "Collected on or before this day",
        "收集日期不晚于该日",
    ),
    (
        "Only open tickets past their due date (超期)",
        "只列超期未办结的问题",
    ),
    (
        "Only voided tickets (作废), which the list leaves out otherwise",
        "只列已作废的问题（平时不列出）",
    ),
    (
        "Show a ticket and its whole history",
        "查看问题及其全部办理记录",
    ),
    (
        "Problem categories and their deadlines in working days (办理时限)",
        "问题类别及其办理时限（工作日）",
    ),
    (
        "Give a category its deadline in working days, or change it",
        "设定或修改类别的办理时限（工作日）",
    ),
    (
        "Give a category its deadline in working days, or change it.\n\nAn assignment without --due is due this many working days later; a category without a deadline of its own has 7.",
        "设定或修改类别的办理时限（工作日）。\n\n交办时没有给 --due 的，办理时限为交办后这么多个工作日；没有单独设定时限的类别为7个工作日。",
    ),
    (
        "The category, as tickets name it, e.g. 用工招聘",
        "类别名称，与问题中的写法相同，如用工招聘",
    ),
    (
        "Working days to solve a ticket of this category in (1–365)",
        "办理该类问题的工作日数（1–365）",
    ),
    (
        "List the categories: those given a deadline and those tickets name",
        "列出类别：已设定时限的类别和问题中出现的类别",
    ),
    (
        "List the categories: those given a deadline and those tickets name.\n\nColumns: name, days (the deadline in working days), set (1 when given with `category add` or imported, 0 for the default), tickets.",
        "列出类别：已设定时限的类别和问题中出现的类别。\n\n列：类别、办理时限（工作日）、已设定（用 `category add` 设定或导入的为1，默认时限为0）、问题数。",
    ),
    (
        "The working-day calendar: public holidays and 调休 working days",
        "工作日历：法定节假日和调休上班日",
    ),
    (
        "List the holidays and the weekend working days (调休) in a period",
        "列出一段时间内的节假日和周末调休上班日",
    ),
    (
        "List the holidays and the weekend working days (调休) in a period.\n\nColumns: date, weekday, workday (1: worked, 0: off). Every other day is a working day from Monday to Friday. `import calendar FILE` overrides days; `export calendar` writes the days imported.",
        "列出一段时间内的节假日和周末调休上班日。\n\n列：日期、星期、工作日（1 为上班，0 为休息）。未列出的日子，周一至周五上班。`import calendar FILE` 可改定某些日子；`export calendar` 导出导入过的日子。",
    ),
    (
        "First day [default: 1 January of this year]",
        "起始日期 [默认：今年1月1日]",
    ),
    (
        "Last day [default: 31 December of this year]",
        "截止日期 [默认：今年12月31日]",
    ),
    (
        "Supervision reports: reconcile, coverage, visits, overdue, assessment, meetings",
        "督导报表：对账、覆盖情况、走访、超期、考核、座谈会",
    ),
    (
        "Reconcile the problem tickets: collected = closed + in_progress + awaiting",
        "问题对账：收集 = 办结 + 正在办理 + 待受理",
    ),
    (
        "Reconcile the problem tickets: collected = closed + in_progress + awaiting.\n\nPrints every term, states whether the identity holds, and lists the tickets awaiting acceptance and the overdue ones. CSV and JSON hold the main table only: the grouping key (named after --by, or `group` = `total`), collected, closed, resolved, explained, in_progress, awaiting, overdue; the total row last. With --expect, CSV and JSON hold the comparison instead: term, declared, database, difference. `--format text` writes the press bulletin. A table by month on a terminal ends with a bar per month (# closed, - open).\n\nExit status: 0, or 1 when --expect finds a figure that differs from the database or declared figures that do not add up.",
        "问题对账：收集 = 办结 + 正在办理 + 待受理。\n\n列出每一项，说明等式是否成立，并列出待受理和超期的问题。CSV 和 JSON 只含主表：分组列（按 --by 的维度命名；不分组时为“分组”列，值为 `total`）、收集、办结、已解决、政策解释、正在办理、待受理、超期；合计行在最后。给出 --expect 时，CSV 和 JSON 改为核对表：项目、申报数、数据库、差额。`--format text` 输出新闻通稿。在终端上按月输出的表格，末尾有逐月条形图（# 为办结，- 为未办结）。\n\n退出状态：0；--expect 发现申报数与数据库不一致，或申报数自身对不上时为1。",
    ),
    (
        "Break the figures down by this dimension, with a total row",
        "按该维度分组统计，并附合计行",
    ),
    (
        "The town/street (街镇) where the ticket's enterprise is located",
        "问题所属企业所在的街镇",
    ),
    (
        "The handling department (承办单位); tickets without one form their own group",
        "承办单位；没有承办单位的问题单独成组",
    ),
    (
        "The unit of the collecting cadre",
        "收集问题的干部所在单位",
    ),
    (
        "The collecting cadre",
        "收集问题的干部",
    ),
    (
        "The ticket's category",
        "问题类别",
    ),
    (
        "The tier of the pairing between the enterprise and the collecting cadre",
        "企业与收集干部之间结对的层级",
    ),
    (
        "The month of collection",
        "收集月份",
    ),
    (
        "The quarter of collection",
        "收集季度",
    ),
    (
        "First day included (collection day for tickets, visit day, meeting day)",
        "起始日期，含当天（问题按收集日期，走访按走访日期，座谈会按召开日期）",
    ),
    (
        "Last day included",
        "截止日期，含当天",
    ),
    (
        "Compute every status as it stood at the end of DATE, from the ticket history; overdue is judged on DATE [default: today, from the current status]",
        "按办理记录还原 DATE 当天结束时各问题的状态，超期也按 DATE 判断 [默认：今天，按当前状态]",
    ),
    (
        "Check declared figures, e.g. collected=777,closed=695,explained=164,in_progress=81 (any of the terms, or their Chinese names), against the database and the identity",
        "核对申报数，如 `收集=777,办结=695,政策解释=164,正在办理=81`（各项可写中文或英文名称），与数据库和等式比对",
    ),
    (
        "List at most N tickets awaiting acceptance and N overdue (0: all of them)",
        "待受理和超期的问题各最多列 N 个（0 为全部列出）",
    ),
    (
        "How to print the report",
        "报表的输出格式",
    ),
    (
        "The one-paragraph press bulletin (in the source article's wording with --lang zh)",
        "一段话的新闻通稿（--lang zh 时沿用原报道的措辞）",
    ),
    (
        "Cadres deployed and enterprises served, per tier and in total, and the gaps",
        "派出干部和服务企业数（分层级及合计），以及缺口",
    ),
    (
        "Cadres deployed and enterprises served, per tier and in total, and the gaps.\n\nCounts the pairings in force on the day (--as-of, else today), or during --from/--to. The table form adds four lists: enterprises with no cadre in force, enterprises without a file, key enterprises whose cadres attended no meeting, and idle cadres. CSV and JSON hold the main table (tier, cadres, enterprises; the total row last) unless --list picks one list.",
        "派出干部和服务企业数（分层级及合计），以及缺口。\n\n统计当天（--as-of，否则为今天）或 --from/--to 期间有效的结对。表格另附四张清单：无干部对口服务的企业、未建档案的企业、助企干部未参加座谈会的重点企业、近期未走访的干部。CSV 和 JSON 只含主表（层级、派出干部、服务企业；合计行在最后），用 --list 选定一张清单时则只含该清单。",
    ),
    (
        "The day pairings, files and visits are judged on [default: today]",
        "按哪一天判断结对、档案和走访 [默认：今天]",
    ),
    (
        "A cadre is idle after this many days without a visit",
        "干部超过这么多天没有走访，即列为未走访",
    ),
    (
        "Print only this list, in any format",
        "只输出这一张清单（任何格式均可）",
    ),
    (
        "Enterprises with no pairing in force on the day",
        "当天没有有效结对的企业",
    ),
    (
        "Enterprises with no visit that built their file (work item `file`) by the day",
        "截至当天还没有一次建档案走访的企业",
    ),
    (
        "Key enterprises none of whose cadres in force attended a meeting in the period",
        "结对干部在期间内都没有参加座谈会的重点企业",
    ),
    (
        "Cadres in force who made no visit in the last --idle-days days",
        "最近 --idle-days 天内没有走访的结对干部",
    ),
    (
        "Visit records and person-visits (人次), with the work items covered",
        "走访次数和人次，以及各项工作内容",
    ),
    (
        "Visit records and person-visits (人次), with the work items covered.\n\nColumns: the --by key and/or the --period key (or `group` = `total`), visits, person_visits, then one count per work item: file (建档案), policy (送政策), agency (真代办), problem (解难题), industry (研产业), each the number of visits that covered it; the total row last. A table by --period month on a terminal ends with a bar of person-visits per month.",
        "走访次数和人次，以及各项工作内容。\n\n列：--by 的分组列和/或 --period 的时段列（不分组时为“分组”列，值为 `total`）、走访次数、走访人次，然后每项工作内容一列：建档案、送政策、真代办、解难题、研产业，各为做了该项工作的走访次数；合计行在最后。在终端上按 --period month 输出的表格，末尾有逐月走访人次条形图。",
    ),
    (
        "Break the figures down by this dimension",
        "按该维度分组统计",
    ),
    (
        "The town/street (街镇) where the visited enterprise is located",
        "被走访企业所在的街镇",
    ),
    (
        "The visiting cadre's unit",
        "走访干部所在单位",
    ),
    (
        "The visiting cadre",
        "走访干部",
    ),
    (
        "The tier of the pairing between the cadre and the enterprise",
        "干部与企业之间结对的层级",
    ),
    (
        "The month of the visit",
        "走访月份",
    ),
    (
        "The quarter of the visit",
        "走访季度",
    ),
    (
        "Break the figures down by week, month or quarter of the visit",
        "按走访所在的周、月或季度分段统计",
    ),
    (
        "ISO week, e.g. 2022-W09 (周调度)",
        "ISO 周，如 2022-W09（周调度）",
    ),
    (
        "Month, e.g. 2022-03 (月研判)",
        "月，如 2022-03（月研判）",
    ),
    (
        "Quarter, e.g. 2022-Q1 (季督办)",
        "季度，如 2022-Q1（季督办）",
    ),
    (
        "Open tickets past their due date, oldest due first (限期销号)",
        "超过办理时限仍未办结的问题，到期最早的在前（限期销号）",
    ),
    (
        "Open tickets past their due date, oldest due first (限期销号).\n\nColumns: code, enterprise, town, cadre, category, department, collected_on, due_on, days_overdue, status.",
        "超过办理时限仍未办结的问题，到期最早的在前（限期销号）。\n\n列：编号、企业名称、街镇、收集干部、类别、承办单位、收集日期、办理时限、超期天数、状态、应督办级别、最近催办、最近催办日期。",
    ),
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
        "Import a CSV file of units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days",
        "导入单位、干部、企业、结对、座谈会、走访、问题、办理记录、类别或工作日历的 CSV 文件或工作簿",
    ),
    (
        "Import a CSV file of units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days.\n\nThe file may be UTF-8 (with or without BOM) or GBK as Excel and WPS save it; the encoding is detected. Headers are the English column names or their Chinese equivalents (编号, 姓名, 统一社会信用代码, 走访日期, …) in any order; `qianqi export KIND` shows the columns. Either every row goes in or none does: bad rows are listed with their line and column, nothing is written, and the exit status is 2. The same file imported twice for the same kind is refused, so no visit is counted twice.",
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
        "Export units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days as CSV",
        "把单位、干部、企业、结对、座谈会、走访、问题、办理记录、类别或工作日历导出为 CSV（或工作簿、JSON）",
    ),
    (
        "Export units, cadres, enterprises, pairings, meetings, visits, tickets, events, categories or calendar days as CSV.\n\nThe file opens in Excel and WPS as it should: UTF-8 with a BOM (or GBK with --encoding gbk), text that starts like a formula prefixed with ' so it never runs, and all-digit codes (USCC, phone) written as =\"…\" so they stay text. `qianqi import` reads it back unchanged.",
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

/// Arguments whose English has no help text, so that their Chinese is keyed
/// by where they are: (command path, argument id, Chinese).
pub(super) const UNDOCUMENTED: &[(&str, &str, &str)] = &[
    (
        "pair list",
        "tier",
        "只列该层级的结对：区级（`district`）或街镇（`town`）",
    ),
    (
        "visit list",
        "kind",
        "只列该方式的走访：实地（`onsite`）、电话（`phone`）或线上（`online`）",
    ),
    (
        "ticket urge",
        "level",
        "督促的级别：催办（`remind`）、督办（`supervise`）或通报（`notify`）",
    ),
    ("ticket amend", "summary", "改正后的问题内容"),
    ("ticket amend", "category", "改正后的类别"),
    ("ticket list", "category", "只列该类别的问题"),
    ("config set", "key", "设置项：`db`、`user` 或 `lang`"),
    ("config set", "value", "设置的值"),
    ("config get", "key", "设置项：`db`、`user` 或 `lang`"),
    ("config unset", "key", "设置项：`db`、`user` 或 `lang`"),
    ("completions", "shell", "命令行外壳"),
];

/// clap's heading of the usage line ("Usage").
pub(super) const USAGE: &str = "用法";
/// clap's heading of the subcommands ("Commands").
pub(super) const COMMANDS: &str = "命令";
/// clap's heading of the positional arguments ("Arguments").
pub(super) const ARGUMENTS: &str = "参数";
/// clap's heading of the options ("Options").
pub(super) const OPTIONS: &str = "选项";
/// What the usage line says for the options ("[OPTIONS]").
pub(super) const OPTIONS_TAG: &str = "[选项]";
/// The placeholder of a subcommand in the usage line ("COMMAND").
pub(super) const COMMAND: &str = "命令";
/// What clap shows after an argument's help: "[env: …]", "[default: …]",
/// "[possible values: …]" and the "Possible values:" list of the long help.
pub(super) const ENV: &str = "环境变量";
pub(super) const DEFAULT: &str = "默认";
pub(super) const POSSIBLE_VALUES: &str = "可选值";
