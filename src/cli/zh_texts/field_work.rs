//! The Chinese of the help of ending pairings, visits, meetings and the changes of a ticket.

/// (English text as clap holds it, its Chinese).
pub(super) const TEXTS: &[(&str, &str)] = &[
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
        "remind (催办), supervise (督办) or notify (通报)",
        "督促的级别：催办（`remind`）、督办（`supervise`）或通报（`notify`）",
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
];
