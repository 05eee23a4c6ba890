//! The Chinese of the help of the global flags, `init`, units, cadres, enterprises and pairing.

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
        "Language of messages, help, headers and values",
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
];
