//! The Chinese of the help of ticket lists and the first reports.

/// (English text as clap holds it, its Chinese).
pub(super) const TEXTS: &[(&str, &str)] = &[
    (
        "List tickets",
        "列出问题",
    ),
    (
        "Only tickets with this current status: collected (awaiting acceptance, also typed awaiting), in_progress, resolved, explained (or closed, open)",
        "只列当前为该状态的问题：收集（即待受理，也可写待受理）、正在办理、已解决、政策解释，或办结、未办结",
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
        "The response time (响应时限): working days from an assignment to its acceptance",
        "响应时限：交办后签收的工作日时限",
    ),
    (
        "Set the response time in working days from a day on",
        "设定自某日起的响应时限（工作日）",
    ),
    (
        "Set the response time in working days from a day on.\n\nAn assignment made on a day has the response time set from the latest day on or before it (of several set from one day, the last); 1 working day before any is set. Assignments made before --from keep theirs, so a past assessment stays what it was.",
        "设定自某日起的响应时限（工作日）。\n\n某日的交办，适用起始日期在该日或之前、最晚的那次设定（同一起始日期设定多次的，以最后一次为准）；从未设定时为1个工作日。--from 之前的交办仍按原时限，过去某日的考核结果不变。",
    ),
    (
        "Working days from an assignment to its acceptance (1–365)",
        "交办后须签收的工作日数（1–365）",
    ),
    (
        "First assignment day it holds for [default: today]",
        "适用的第一个交办日 [默认：今天]",
    ),
    (
        "List the response times set, with their history",
        "列出设定过的响应时限及其历史",
    ),
    (
        "List the response times set, with their history.\n\nColumns: from (the first assignment day it holds for), days, set_on (the day it was set), replaced (1 when a later setting from the same day replaced it). With none set, the response time is 1 working day.",
        "列出设定过的响应时限及其历史。\n\n列：起始日期（适用的第一个交办日）、工作日数、设定日期、已被替换（同一起始日期后来又设定过的为1）。从未设定时，响应时限为1个工作日。",
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
        "Open tickets past their due date, oldest due first (限期销号).\n\nColumns: code, enterprise, town, cadre, category, department, collected_on, due_on, days_overdue, status, escalation (the step reached by the as-of day: remind from the 1st working day past due, supervise from the 3rd, notify from the 5th), last_urge, last_urge_on.",
        "超过办理时限仍未办结的问题，到期最早的在前（限期销号）。\n\n列：编号、企业名称、街镇、收集干部、类别、承办单位、收集日期、办理时限、超期天数、状态、应督办级别（截至统计日：超期第1个工作日起催办，第3个起督办，第5个起通报）、最近催办、最近催办日期。",
    ),
];
