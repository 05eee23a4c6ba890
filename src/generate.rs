//! Synthetic campaign generator.
//!
//! Writes a campaign in qianqi's canonical CSV import format. Scale 1 is the
//! bundled fixture of the Qijiang district 2022 campaign and reproduces every
//! published figure (745 cadres, 966 enterprises, 15,000+ person-visits, 777
//! problems of which 531 resolved, 164 explained, 81 in progress and one still
//! awaiting acceptance, 100+ forums solving 300+ problems). Scale N writes N
//! such districts for benchmarks; `tickets` overrides the number of problems.
//!
//! Every random choice comes from a ChaCha8 stream per district, sampled only
//! through `u32`/`f64` draws, so the same spec gives byte-identical files on
//! every platform.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use anyhow::{ensure, Context, Result};
use chrono::{Datelike, NaiveDate, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::uscc::Uscc;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Number of districts; 1 is the Qijiang fixture.
    pub scale: u32,
    /// Total number of tickets across all districts, replacing the 777 per
    /// district of the fixture.
    pub tickets: Option<u64>,
    pub seed: u64,
}

/// Counts of what was written, for the caller to print and for tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub units: u64,
    pub cadres: u64,
    pub enterprises: u64,
    pub pairings: u64,
    /// Rows of visits.csv.
    pub visits: u64,
    /// Sum of the `people` column of visits.csv (人次).
    pub person_visits: u64,
    pub meetings: u64,
    pub tickets: u64,
    /// Rows of events.csv: transitions after collection.
    pub events: u64,
}

// Published figures of the Qijiang 2022 campaign.
const DISTRICT_CADRES: usize = 285;
const TOWN_CADRES: usize = 460;
const TOWN_ENTERPRISES: usize = 681;
const TICKETS: u64 = 777;
const RESOLVED: u64 = 531;
const EXPLAINED: u64 = 164;
const IN_PROGRESS: u64 = 81;
const AWAITING: u64 = 1;
const MAX_ATTENDEES: usize = 40;

const DEPTS: [(&str, u32); 20] = [
    ("区发展改革委", 12),
    ("区经济信息委", 16),
    ("区商务委", 9),
    ("区人力社保局", 9),
    ("区市场监管局", 10),
    ("区住房城乡建委", 9),
    ("区规划自然资源局", 8),
    ("区生态环境局", 6),
    ("区财政局", 8),
    ("区科技局", 6),
    ("区交通局", 6),
    ("区应急局", 5),
    ("区金融发展中心", 5),
    ("区招商投资促进局", 8),
    ("区税务局", 8),
    ("区城市管理局", 5),
    ("区水利局", 4),
    ("区农业农村委", 6),
    ("区公安局", 6),
    ("区供电公司", 4),
];
// Indices into DEPTS, for the problem templates below.
const FGW: u8 = 0;
const JXW: u8 = 1;
const SWW: u8 = 2;
const RSJ: u8 = 3;
const SCJ: u8 = 4;
const ZJW: u8 = 5;
const GHJ: u8 = 6;
const HBJ: u8 = 7;
const CZJ: u8 = 8;
const KJJ: u8 = 9;
const JTJ: u8 = 10;
const YJJ: u8 = 11;
const JRZ: u8 = 12;
const ZSJ: u8 = 13;
const SWJ: u8 = 14;
const CGJ: u8 = 15;
const SLJ: u8 = 16;
const NYW: u8 = 17;
const GAJ: u8 = 18;
const GDG: u8 = 19;

/// Qijiang's towns and streets with a rough weight of their economic activity.
const QIJIANG_TOWNS: [(&str, u32); 21] = [
    ("古南街道", 9),
    ("文龙街道", 9),
    ("三江街道", 8),
    ("新盛街道", 5),
    ("通惠街道", 6),
    ("石角镇", 4),
    ("东溪镇", 4),
    ("赶水镇", 4),
    ("打通镇", 3),
    ("石壕镇", 2),
    ("永新镇", 3),
    ("三角镇", 3),
    ("隆盛镇", 2),
    ("郭扶镇", 2),
    ("篆塘镇", 2),
    ("丁山镇", 2),
    ("安稳镇", 2),
    ("扶欢镇", 2),
    ("永城镇", 2),
    ("中峰镇", 2),
    ("横山镇", 2),
];

/// Town names for the other districts of a synthetic city.
#[rustfmt::skip]
const TOWN_POOL: [&str; 60] = [
    "白沙", "石门", "塘河", "吴滩", "朱杨", "油溪", "龙华", "李市", "慈云", "柏林", "蔡家", "嘉平",
    "杜市", "广兴", "永兴", "中山", "贾嗣", "先锋", "夏坝", "西湖", "珞璜", "双福", "几江", "鼎山",
    "德感", "圣泉", "双凤", "来凤", "丁家", "大路", "八塘", "七塘", "河边", "福禄", "大兴", "正兴",
    "广普", "三合", "健龙", "金山", "青龙", "安居", "少云", "维新", "太平", "平滩", "石鱼", "福果",
    "庆隆", "华兴", "土桥", "二坪", "高升", "新桥", "龙水", "宝顶", "中敖", "三驱", "玉龙", "古龙",
];

/// Districts and counties of Chongqing, Qijiang first.
const PLACES: [(&str, &str); 38] = [
    ("綦江", "区"),
    ("江津", "区"),
    ("永川", "区"),
    ("璧山", "区"),
    ("铜梁", "区"),
    ("大足", "区"),
    ("荣昌", "区"),
    ("合川", "区"),
    ("潼南", "区"),
    ("南川", "区"),
    ("巴南", "区"),
    ("长寿", "区"),
    ("涪陵", "区"),
    ("万州", "区"),
    ("黔江", "区"),
    ("开州", "区"),
    ("梁平", "区"),
    ("武隆", "区"),
    ("城口", "县"),
    ("丰都", "县"),
    ("垫江", "县"),
    ("忠县", ""),
    ("云阳", "县"),
    ("奉节", "县"),
    ("巫山", "县"),
    ("巫溪", "县"),
    ("石柱", "县"),
    ("秀山", "县"),
    ("酉阳", "县"),
    ("彭水", "县"),
    ("渝北", "区"),
    ("北碚", "区"),
    ("沙坪坝", "区"),
    ("九龙坡", "区"),
    ("南岸", "区"),
    ("大渡口", "区"),
    ("江北", "区"),
    ("渝中", "区"),
];
const NUMERALS: [&str; 10] = ["", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The six industry chains (六大产业链) with their share of enterprises and
/// the name endings typical of each.
const CHAINS: [(&str, u32, &[&str]); 6] = [
    (
        "铝(再生铝)及铝精深加工",
        20,
        &[
            "铝业有限公司",
            "铝材有限公司",
            "再生资源有限公司",
            "铝合金制品有限公司",
            "金属材料有限公司",
            "铝型材有限公司",
        ],
    ),
    (
        "装配式建筑",
        12,
        &[
            "建材有限公司",
            "新型建材有限公司",
            "钢结构有限公司",
            "建筑科技有限公司",
            "混凝土有限公司",
            "实业有限公司",
        ],
    ),
    (
        "装备制造",
        25,
        &[
            "机械制造有限公司",
            "齿轮有限公司",
            "机电有限公司",
            "汽车配件有限公司",
            "重工有限公司",
            "精密机械有限公司",
            "工业有限公司",
        ],
    ),
    (
        "新材料",
        15,
        &[
            "新材料科技有限公司",
            "新材料有限公司",
            "化工有限公司",
            "复合材料有限公司",
            "玻璃有限公司",
            "科技有限公司",
        ],
    ),
    (
        "电子信息",
        10,
        &[
            "电子科技有限公司",
            "光电有限公司",
            "智能科技有限公司",
            "信息技术有限公司",
            "电子有限公司",
            "科技有限公司",
        ],
    ),
    (
        "消费品",
        18,
        &[
            "食品有限公司",
            "酒业有限公司",
            "农业发展有限公司",
            "茶业有限公司",
            "服饰有限公司",
            "家具有限公司",
            "实业有限公司",
        ],
    ),
];

#[rustfmt::skip]
const BRAND: [&str; 72] = [
    "金", "美", "旗", "能", "华", "兴", "宏", "达", "鑫", "盛", "泰", "恒", "丰", "瑞", "隆", "昌",
    "信", "福", "祥", "源", "通", "海", "永", "新", "远", "博", "联", "创", "宇", "天", "凯", "宝",
    "龙", "鼎", "益", "安", "顺", "和", "佳", "嘉", "德", "正", "汇", "诚", "利", "荣", "威", "耀",
    "腾", "飞", "东", "南", "川", "渝", "巴", "蜀", "河", "江", "山", "晟", "航", "锦", "瀚", "铭",
    "晨", "峰", "润", "泽", "辉", "光", "力", "方",
];

#[rustfmt::skip]
const SURNAMES: [(&str, u32); 60] = [
    ("王", 70), ("李", 68), ("张", 62), ("刘", 52), ("陈", 50), ("杨", 36), ("黄", 28), ("赵", 24),
    ("吴", 22), ("周", 22), ("徐", 18), ("孙", 14), ("马", 13), ("朱", 13), ("胡", 14), ("郭", 12),
    ("何", 14), ("罗", 14), ("高", 10), ("林", 9), ("郑", 9), ("梁", 9), ("谢", 9), ("唐", 12),
    ("许", 8), ("冯", 8), ("宋", 7), ("韩", 7), ("邓", 11), ("彭", 9), ("曾", 8), ("曹", 7), ("蒋", 7),
    ("袁", 8), ("余", 8), ("杜", 6), ("谭", 9), ("叶", 6), ("程", 6), ("蔡", 6), ("苏", 5), ("魏", 6),
    ("吕", 5), ("丁", 5), ("任", 7), ("沈", 4), ("姚", 5), ("卢", 5), ("钟", 5), ("廖", 7), ("向", 7),
    ("冉", 5), ("熊", 6), ("秦", 5), ("雷", 5), ("陶", 5), ("贺", 4), ("龚", 4), ("覃", 3), ("夏", 4),
];
#[rustfmt::skip]
const GIVEN: [&str; 96] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "文", "辉", "力", "宇",
    "鹏", "飞", "斌", "波", "宁", "浩", "凯", "俊", "峰", "婷", "雪", "琳", "倩", "颖", "晶", "丹",
    "蓉", "莉", "萍", "燕", "梅", "林", "海", "国", "庆", "春", "志", "永", "德", "成", "福", "荣",
    "亮", "东", "晓", "小", "佳", "思", "欣", "雨", "嘉", "昊", "子", "家", "世", "光", "元", "远",
    "川", "江", "渝", "卫", "新", "金", "长", "宏", "云", "翔", "龙", "蕾", "薇", "慧", "琴", "敬",
];
#[rustfmt::skip]
const PHONE_PREFIXES: [u64; 28] = [

    130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 157, 158, 159, 173, 177,
    180, 181, 182, 183, 186, 187, 189, 191, 199,
];
const DISTRICT_RANKS: [(&str, u32); 4] = [
    ("副科级", 40),
    ("正科级", 35),
    ("副处级", 18),
    ("正处级", 7),
];
const TOWN_RANKS: [(&str, u32); 4] = [("办事员", 8), ("科员", 42), ("副科级", 32), ("正科级", 18)];

// Visit task bits, in the order the programme lists them.
const FILE: u8 = 1;
const POLICY: u8 = 2;
const AGENCY: u8 = 4;
const PROBLEM: u8 = 8;
const INDUSTRY: u8 = 16;
const TASK_NAMES: [&str; 5] = ["file", "policy", "agency", "problem", "industry"];

const KINDS: [&str; 3] = ["onsite", "phone", "online"];

/// A problem as an enterprise would raise it and how it is typically closed;
/// `#` takes a number drawn from `num` (low, high, step), `depts` are the
/// plausible handling departments.
struct Problem {
    text: &'static str,
    depts: &'static [u8],
    num: (u32, u32, u32),
    fix: &'static str,
}

const fn p(text: &'static str, depts: &'static [u8], fix: &'static str) -> Problem {
    Problem {
        text,
        depts,
        num: (0, 0, 1),
        fix,
    }
}

const fn pn(
    text: &'static str,
    depts: &'static [u8],
    num: (u32, u32, u32),
    fix: &'static str,
) -> Problem {
    Problem {
        text,
        depts,
        num,
        fix,
    }
}

struct Category {
    name: &'static str,
    weight: u32,
    problems: &'static [Problem],
}

#[rustfmt::skip]
const CATEGORIES: [Category; 10] = [
    Category { name: "融资贷款", weight: 18, problems: &[
        pn("扩大生产需流动资金#万元，银行授信额度不足", &[JRZ], (100, 2000, 50), "已组织银企对接，企业获得授信"),
        pn("申请技改贷款#万元，缺少有效抵押物", &[JRZ, CZJ], (200, 3000, 100), "已协调担保公司增信，银行完成放款"),
        p("贷款即将到期，希望协调银行续贷", &[JRZ], "已协调合作银行办理无还本续贷"),
        p("申请创业担保贷款贴息进度慢", &[CZJ, RSJ], "贴息资金已拨付"),
        p("应收账款回款慢，资金周转困难", &[JRZ, JXW], "已办理应收账款质押融资"),
    ] },
    Category { name: "用工招聘", weight: 16, problems: &[
        pn("一线操作工缺口#人，招工困难", &[RSJ], (10, 120, 5), "已组织专场招聘会，企业招到所需人员"),
        pn("急需引进高层次技术人才#名", &[RSJ, KJJ], (2, 15, 1), "已对接高校开展校园招聘"),
        p("员工子女就近入学需协调", &[RSJ], "已协调就近学校安排入学"),
        p("希望组织专场招聘会", &[RSJ], "专场招聘会已举办"),
        p("熟练焊工短缺，希望开展职业技能培训", &[RSJ], "已安排职业技能培训"),
    ] },
    Category { name: "用地规划", weight: 9, problems: &[
        pn("扩建厂房需新增用地#亩", &[GHJ], (5, 80, 1), "已完成用地报批"),
        p("厂区规划调整手续办理缓慢", &[GHJ], "已完成规划调整"),
        p("项目用地不动产权证尚未办理", &[GHJ], "不动产权证已办结"),
        p("标准厂房租赁到期，需协调续租", &[ZSJ, JXW], "已协调园区续租"),
    ] },
    Category { name: "审批手续", weight: 12, problems: &[
        p("新建生产线环评审批进度慢", &[HBJ], "环评批复已下达"),
        p("厂房消防验收手续办理遇阻", &[ZJW], "消防验收已通过"),
        p("项目竣工验收需多部门协调", &[ZJW, FGW], "已组织联合验收"),
        p("食品生产许可证延续办理", &[SCJ], "许可证延续已办结"),
        p("技改项目备案材料需指导", &[FGW, JXW], "已代办完成项目备案"),
        p("安全生产许可证换证", &[YJJ], "换证已办结"),
    ] },
    Category { name: "政策兑现", weight: 14, problems: &[
        p("稳岗返还资金尚未到账", &[RSJ], "稳岗返还资金已到账"),
        p("工业企业技改补助资金未兑现", &[JXW, CZJ], "技改补助已拨付到位"),
        p("增值税留抵退税申请进度咨询", &[SWJ], "留抵退税已办结"),
        p("高新技术企业认定奖励未兑付", &[KJJ, CZJ], "奖励资金已兑现"),
        p("招商引资协议约定的扶持资金未落实", &[ZSJ, CZJ], "扶持资金已按协议兑现"),
        p("外贸企业出口奖励申报", &[SWW], "出口奖励已兑现"),
    ] },
    Category { name: "物流运输", weight: 6, problems: &[
        p("厂区道路狭窄，大货车通行困难", &[JTJ], "道路拓宽已完成"),
        p("原材料运输成本高，希望协调物流", &[JTJ, SWW], "已对接物流企业降低运费"),
        p("疫情期间货车通行证办理", &[JTJ, GAJ], "通行证已办理"),
        p("希望协调开通园区公交线路", &[JTJ], "园区公交线路已开通"),
    ] },
    Category { name: "水电气保障", weight: 8, problems: &[
        pn("生产用电负荷不足，需增容#千伏安", &[GDG], (200, 2000, 100), "增容改造已完成"),
        p("夏季有序用电影响生产，希望错峰安排", &[GDG, JXW], "已优化错峰用电安排"),
        p("厂区供水管网压力不足", &[SLJ], "供水管网改造已完成"),
        p("天然气供应不稳定影响生产", &[JXW], "已协调燃气公司保障供应"),
    ] },
    Category { name: "市场开拓", weight: 7, problems: &[
        p("产品销路受阻，希望对接采购商", &[SWW, JXW], "已组织产销对接会"),
        p("希望参加市外产品展销会", &[SWW], "已协助企业参展"),
        p("希望协调本地企业配套采购", &[JXW, ZSJ], "已促成本地配套采购"),
        p("开拓东盟市场需出口报关指导", &[SWW], "已完成出口业务指导"),
    ] },
    Category { name: "技术创新", weight: 6, problems: &[
        p("申报市级专精特新企业需指导", &[JXW], "已指导完成申报"),
        p("希望对接高校开展技术合作", &[KJJ], "已促成校企合作"),
        p("研发费用加计扣除政策咨询", &[SWJ, KJJ], "加计扣除已落实"),
        p("新产品检验检测周期长", &[SCJ], "已协调加快检测"),
    ] },
    Category { name: "其他", weight: 4, problems: &[
        p("企业周边环境需整治", &[CGJ], "周边环境整治已完成"),
        p("厂区周边治安问题需协调", &[GAJ], "已加强周边巡逻防控"),
        p("企业与周边村民存在用地纠纷", &[NYW, GHJ], "纠纷已调解处理"),
        p("员工通勤不便，希望协调解决", &[JTJ], "已增开通勤班线"),
    ] },
];

const ACCEPT_NOTES: [&str; 4] = [
    "已受理",
    "已受理，正在协调办理",
    "已对接企业，正在办理",
    "已列入问题台账，限期办理",
];
const EXPLAIN_NOTES: [&str; 4] = [
    "已作出政策解释，暂不符合条件",
    "已向企业解释相关政策，暂时无法办理",
    "受政策限制暂无法办理，已做好解释",
    "已解释说明，待条件成熟后推进",
];
const REOPEN_NOTES: [&str; 3] = [
    "企业反映问题仍未解决，重新办理",
    "问题反复，重新交办",
    "企业提出新诉求，重新办理",
];
const SPOT_NOTES: [&str; 3] = ["现场解决", "现场答复解决", "当场协调办结"];
const MEETING_NOTE: &str = "座谈会上协调解决";

// Every date is a day number counted from 1 January of the year before the
// campaign, so labels and weekdays come from a table instead of formatting.
struct Calendar {
    first: NaiveDate,
    labels: Vec<String>,
    weekend: Vec<bool>,
    years: Vec<i32>,
}

impl Calendar {
    fn new(from_year: i32, to_year: i32) -> Calendar {
        let first = NaiveDate::from_ymd_opt(from_year, 1, 1).expect("valid year");
        let last = NaiveDate::from_ymd_opt(to_year, 12, 31).expect("valid year");
        let (mut labels, mut weekend, mut years) = (Vec::new(), Vec::new(), Vec::new());
        for d in first.iter_days().take_while(|d| *d <= last) {
            labels.push(d.format("%Y-%m-%d").to_string());
            weekend.push(matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
            years.push(d.year());
        }
        Calendar {
            first,
            labels,
            weekend,
            years,
        }
    }

    fn day(&self, y: i32, m: u32, d: u32) -> i32 {
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        (date - self.first).num_days() as i32
    }

    fn label(&self, day: i32) -> &str {
        &self.labels[day as usize]
    }

    fn weekend(&self, day: i32) -> bool {
        self.weekend[day as usize]
    }

    fn year(&self, day: i32) -> i32 {
        self.years[day as usize]
    }
}

/// The campaign period shared by all districts.
struct Campaign {
    exact: bool,
    first_year: i32,
    last_year: i32,
    end: i32,
    /// Cadres chosen as idle make no visit on or after this day.
    idle_cut: i32,
}

type Rand = ChaCha8Rng;

// Draws go through u32 and f64 only: rand's usize sampling depends on the
// pointer width, which would break byte-identical output across platforms.
fn below(rng: &mut Rand, n: u32) -> u32 {
    debug_assert!(n > 0);
    rng.gen_range(0..n)
}

fn between(rng: &mut Rand, lo: i32, hi: i32) -> i32 {
    if hi <= lo {
        return lo;
    }
    lo + below(rng, (hi - lo + 1) as u32) as i32
}

fn chance(rng: &mut Rand, p: f64) -> bool {
    rng.gen::<f64>() < p
}

fn pick<'a, T>(rng: &mut Rand, items: &'a [T]) -> &'a T {
    &items[below(rng, items.len() as u32) as usize]
}

fn pick_str(rng: &mut Rand, items: &[&'static str]) -> &'static str {
    items[below(rng, items.len() as u32) as usize]
}

fn weighted(rng: &mut Rand, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = below(rng, total);
    for (i, &w) in weights.iter().enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn pick_weighted<T: Copy>(rng: &mut Rand, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut x = below(rng, total);
    for &(item, w) in items {
        if x < w {
            return item;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

fn shuffle<T>(rng: &mut Rand, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i as u32 + 1) as usize;
        items.swap(i, j);
    }
}

/// Moves `k` random elements of `pool` to its front and returns them.
fn take_random(rng: &mut Rand, pool: &mut [usize], k: usize) -> Vec<usize> {
    let k = k.min(pool.len());
    for i in 0..k {
        let j = i + below(rng, (pool.len() - i) as u32) as usize;
        pool.swap(i, j);
    }
    pool[..k].to_vec()
}

/// A day in `lo..=hi`, usually a weekday: cadres rarely visit at weekends.
fn workday(rng: &mut Rand, cal: &Calendar, lo: i32, hi: i32) -> i32 {
    let mut d = between(rng, lo, hi);
    for _ in 0..4 {
        if !cal.weekend(d) || chance(rng, 0.08) {
            break;
        }
        d = between(rng, lo, hi);
    }
    d
}

fn task_labels() -> Vec<String> {
    (0..32u8)
        .map(|bits| {
            let names: Vec<&str> = TASK_NAMES
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect();
            names.join(";")
        })
        .collect()
}

type Csv = csv::Writer<BufWriter<File>>;

struct Out {
    units: Csv,
    cadres: Csv,
    enterprises: Csv,
    pairings: Csv,
    visits: Csv,
    meetings: Csv,
    tickets: Csv,
    events: Csv,
}

fn open(dir: &Path, name: &str, header: &[&str]) -> Result<Csv> {
    let path = dir.join(name);
    crate::files::refuse_database(&path)?;
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(BufWriter::with_capacity(1 << 16, file));
    w.write_record(header)?;
    Ok(w)
}

impl Out {
    fn create(dir: &Path) -> Result<Out> {
        Ok(Out {
            units: open(dir, "units.csv", &["code", "name", "kind"])?,
            cadres: open(
                dir,
                "cadres.csv",
                &["code", "name", "unit", "rank", "phone"],
            )?,
            enterprises: open(
                dir,
                "enterprises.csv",
                &["uscc", "name", "town", "chain", "key"],
            )?,
            pairings: open(
                dir,
                "pairings.csv",
                &["cadre", "enterprise", "tier", "started_on", "ended_on"],
            )?,
            visits: open(
                dir,
                "visits.csv",
                &[
                    "cadre",
                    "enterprise",
                    "visited_on",
                    "kind",
                    "people",
                    "tasks",
                    "note",
                ],
            )?,
            meetings: open(dir, "meetings.csv", &["code", "held_on", "title", "cadres"])?,
            tickets: open(
                dir,
                "tickets.csv",
                &[
                    "code",
                    "enterprise",
                    "cadre",
                    "collected_on",
                    "category",
                    "summary",
                    "department",
                    "due_on",
                ],
            )?,
            events: open(
                dir,
                "events.csv",
                &["ticket", "on", "status", "by", "note", "meeting"],
            )?,
        })
    }

    fn flush(self) -> Result<()> {
        for w in [
            self.units,
            self.cadres,
            self.enterprises,
            self.pairings,
            self.visits,
            self.meetings,
            self.tickets,
            self.events,
        ] {
            w.into_inner()
                .map_err(|e| anyhow::anyhow!("cannot flush CSV output: {}", e.error()))?
                .into_inner()
                .map_err(|e| anyhow::anyhow!("cannot flush CSV output: {}", e.error()))?;
        }
        Ok(())
    }
}

/// Writes units.csv, cadres.csv, enterprises.csv, pairings.csv, visits.csv, meetings.csv, tickets.csv, events.csv into `dir` (created if missing).
///
/// The same spec always gives byte-identical files. events.csv holds only
/// the transitions after collection; the importer derives each ticket's
/// `collected` event from tickets.csv.
pub fn write_city(spec: &Spec, dir: &Path) -> Result<Summary> {
    ensure!(spec.scale >= 1, "scale must be at least 1");
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let scale = u64::from(spec.scale);
    let per_district = spec.tickets.map_or(TICKETS, |t| t.div_ceil(scale));
    // Large ticket counts are spread over several campaign years to keep the
    // number of problems collected per day plausible.
    let years = match spec.tickets {
        None => 1,
        Some(_) if per_district <= 2_000 => 1,
        Some(_) if per_district <= 20_000 => 3,
        Some(_) => 5,
    };
    let first_year = 2022 - (years - 1) / 2;
    let last_year = first_year + years - 1;
    let cal = Calendar::new(first_year - 1, last_year + 1);
    let camp = Campaign {
        exact: spec.tickets.is_none(),
        first_year,
        last_year,
        end: cal.day(last_year, 12, 31),
        idle_cut: cal.day(last_year, 10, 1),
    };
    let mut city = City {
        cal,
        camp,
        scale: spec.scale,
        seed: spec.seed,
        out: Out::create(dir)?,
        phones: HashSet::new(),
        tasks: task_labels(),
        summary: Summary::default(),
    };
    for d in 0..spec.scale {
        let tickets = match spec.tickets {
            None => TICKETS,
            Some(t) => t / scale + u64::from(u64::from(d) < t % scale),
        };
        let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
        rng.set_stream(u64::from(d));
        city.district(d, tickets, &mut rng)?;
    }
    let City { out, summary, .. } = city;
    out.flush()?;
    Ok(summary)
}

struct City {
    cal: Calendar,
    camp: Campaign,
    scale: u32,
    seed: u64,
    out: Out,
    /// Phone numbers handed out so far, kept unique across the city.
    phones: HashSet<u64>,
    tasks: Vec<String>,
    summary: Summary,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Home {
    Dept(u8),
    Town(u8),
}

struct Cadre {
    code: String,
    home: Home,
}

struct Enterprise {
    uscc: String,
    chain: u8,
    key: bool,
    cadre: u32,
    district_tier: bool,
    start: i32,
}

#[derive(Clone, Copy)]
struct Visit {
    day: i32,
    ent: u32,
    kind: u8,
    people: u8,
    tasks: u8,
    note: &'static str,
    /// File visits and each active cadre's last-quarter visit must survive
    /// the trimming to the person-visit target.
    pinned: bool,
}

struct Meeting {
    day: i32,
    title: String,
    attendees: Vec<u32>,
    /// Bit i set when a cadre of department i attends.
    depts: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fate {
    Awaiting,
    Progress,
    Resolved,
    Explained,
    SpotResolved,
    SpotExplained,
    AtMeeting,
    /// resolved, reopened, resolved again
    ReopenRR,
    /// explained, reopened, resolved
    ReopenER,
    /// explained, reopened, explained again
    ReopenEE,
    /// resolved, reopened, still in progress
    ReopenRP,
}

struct Ticket {
    visit: u32,
    collected: i32,
    accept: i32,
    due: i32,
    category: u8,
    problem: u8,
    dept: Option<u8>,
    handler: u32,
    fate: Fate,
    meeting: Option<u32>,
}

struct Ev {
    day: i32,
    status: &'static str,
    by: u32,
    note: &'static str,
    meeting: Option<u32>,
}

/// One district's people and enterprises, kept while its rows are written.
struct District {
    prefix: String,
    /// "区" or "县", for meeting titles.
    level: &'static str,
    dept_codes: Vec<String>,
    town_names: Vec<String>,
    cadres: Vec<Cadre>,
    dept_staff: Vec<Vec<u32>>,
    town_staff: Vec<Vec<u32>>,
    ents: Vec<Enterprise>,
    cadre_ents: Vec<Vec<u32>>,
}

impl City {
    fn district(&mut self, d: u32, n_tickets: u64, rng: &mut Rand) -> Result<()> {
        let dist = self.people(d, rng)?;
        let visits = self.visits(&dist, rng)?;
        let mut meetings = self.meetings(&dist, rng);
        self.tickets(&dist, &visits, &mut meetings, n_tickets, rng)?;
        self.write_meetings(&dist, &meetings)?;
        Ok(())
    }

    /// Units, cadres, enterprises and pairings.
    fn people(&mut self, d: u32, rng: &mut Rand) -> Result<District> {
        let cal = &self.cal;
        let qualified = self.scale > 1;
        let (base, level) = PLACES[d as usize % PLACES.len()];
        let place = format!(
            "{base}{}",
            NUMERALS[(d as usize / PLACES.len()) % NUMERALS.len()]
        );
        let prefix = if qualified {
            format!("K{:03}-", d + 1)
        } else {
            String::new()
        };
        let qualify = |name: &str| {
            if qualified {
                format!("{place}{level}{name}")
            } else {
                name.to_string()
            }
        };

        let mut towns: Vec<(String, u32)> = if d == 0 {
            QIJIANG_TOWNS
                .iter()
                .map(|(n, w)| (n.to_string(), *w))
                .collect()
        } else {
            let mut pool: Vec<usize> = (0..TOWN_POOL.len()).collect();
            take_random(rng, &mut pool, 21)
                .into_iter()
                .enumerate()
                .map(|(i, t)| {
                    if i < 5 {
                        (format!("{}街道", TOWN_POOL[t]), between(rng, 5, 9) as u32)
                    } else {
                        (format!("{}镇", TOWN_POOL[t]), between(rng, 2, 4) as u32)
                    }
                })
                .collect()
        };
        for t in &mut towns {
            t.0 = qualify(&t.0);
        }
        let town_weights: Vec<u32> = towns.iter().map(|t| t.1).collect();
        let dept_codes: Vec<String> = (1..=DEPTS.len())
            .map(|i| format!("{prefix}D{i:02}"))
            .collect();
        let town_codes: Vec<String> = (1..=towns.len())
            .map(|i| format!("{prefix}T{i:02}"))
            .collect();
        for (code, (name, _)) in dept_codes.iter().zip(DEPTS) {
            let name = if qualified {
                format!("{place}{level}{}", name.trim_start_matches('区'))
            } else {
                name.to_string()
            };
            self.out
                .units
                .write_record([code.as_str(), &name, "dept"])?;
        }
        for (code, (name, _)) in town_codes.iter().zip(&towns) {
            self.out.units.write_record([code.as_str(), name, "town"])?;
        }
        self.summary.units += (DEPTS.len() + towns.len()) as u64;

        // Cadres: district cadres grouped by department, then town cadres
        // grouped by town, as a roster would list them.
        let dept_weights: Vec<u32> = DEPTS.iter().map(|d| d.1).collect();
        let mut per_dept = vec![6u32; DEPTS.len()];
        for _ in 0..DISTRICT_CADRES - 6 * DEPTS.len() {
            per_dept[weighted(rng, &dept_weights)] += 1;
        }
        let mut per_town = vec![10u32; towns.len()];
        for _ in 0..TOWN_CADRES - 10 * towns.len() {
            per_town[weighted(rng, &town_weights)] += 1;
        }
        let homes = per_dept
            .iter()
            .enumerate()
            .flat_map(|(i, &n)| std::iter::repeat_n(Home::Dept(i as u8), n as usize))
            .chain(
                per_town
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &n)| std::iter::repeat_n(Home::Town(i as u8), n as usize)),
            );
        let mut cadres = Vec::with_capacity(DISTRICT_CADRES + TOWN_CADRES);
        let mut dept_staff = vec![Vec::new(); DEPTS.len()];
        let mut town_staff = vec![Vec::new(); towns.len()];
        for (i, home) in homes.enumerate() {
            let code = format!("{prefix}C{:04}", i + 1);
            let name = person_name(rng);
            let (unit, rank) = match home {
                Home::Dept(k) => {
                    dept_staff[k as usize].push(i as u32);
                    (&dept_codes[k as usize], pick_weighted(rng, &DISTRICT_RANKS))
                }
                Home::Town(k) => {
                    town_staff[k as usize].push(i as u32);
                    (&town_codes[k as usize], pick_weighted(rng, &TOWN_RANKS))
                }
            };
            let phone = loop {
                let n =
                    pick(rng, &PHONE_PREFIXES) * 100_000_000 + u64::from(below(rng, 100_000_000));
                if self.phones.insert(n) {
                    break n;
                }
            };
            let mut phone_s = String::with_capacity(11);
            write!(phone_s, "{phone}")?;
            self.out
                .cadres
                .write_record([code.as_str(), &name, unit, rank, &phone_s])?;
            cadres.push(Cadre { code, home });
        }
        self.summary.cadres += cadres.len() as u64;

        // Enterprises: district cadre i serves enterprise i; each town cadre
        // serves one to three enterprises of the cadre's own town.
        let mut owners: Vec<(u32, u8)> = (0..DISTRICT_CADRES)
            .map(|i| (i as u32, weighted(rng, &town_weights) as u8))
            .collect();
        let mut load = vec![1u8; TOWN_CADRES];
        let mut extra = TOWN_ENTERPRISES - TOWN_CADRES;
        while extra > 0 {
            let k = below(rng, TOWN_CADRES as u32) as usize;
            if load[k] < 3 {
                load[k] += 1;
                extra -= 1;
            }
        }
        for (k, &n) in load.iter().enumerate() {
            let c = DISTRICT_CADRES + k;
            let Home::Town(t) = cadres[c].home else {
                unreachable!("town cadres follow district cadres")
            };
            for _ in 0..n {
                owners.push((c as u32, t));
            }
        }
        let mut key = vec![false; owners.len()];
        let mut pool: Vec<usize> = (0..DISTRICT_CADRES).collect();
        let k = between(rng, 128, 136) as usize;
        for i in take_random(rng, &mut pool, k) {
            key[i] = true;
        }
        let mut pool: Vec<usize> = (DISTRICT_CADRES..owners.len()).collect();
        let k = between(rng, 16, 24) as usize;
        for i in take_random(rng, &mut pool, k) {
            key[i] = true;
        }

        let admin = if d == 0 {
            500_222
        } else {
            500_200 + (22 + d) % 100
        };
        let chain_weights: Vec<u32> = CHAINS.iter().map(|c| c.1).collect();
        let mut names = HashSet::new();
        let mut ents = Vec::with_capacity(owners.len());
        let mut cadre_ents = vec![Vec::new(); cadres.len()];
        let fy = self.camp.first_year;
        for (i, &(cadre, town)) in owners.iter().enumerate() {
            let chain = weighted(rng, &chain_weights) as u8;
            let name = loop {
                let n = format!(
                    "重庆{place}{}{}{}",
                    pick(rng, &BRAND),
                    pick(rng, &BRAND),
                    pick(rng, CHAINS[chain as usize].2)
                );
                if names.insert(n.clone()) {
                    break n;
                }
            };
            let uscc = uscc(rng, admin, d, i as u32, self.seed);
            let district_tier = i < DISTRICT_CADRES;
            // The campaign was launched at the start of the year; most
            // pairings date from January.
            let start = match weighted(rng, &[60, 25, 15]) {
                0 => workday(rng, cal, cal.day(fy, 1, 4), cal.day(fy, 1, 28)),
                1 => workday(rng, cal, cal.day(fy, 2, 7), cal.day(fy, 2, 28)),
                _ => workday(rng, cal, cal.day(fy, 3, 1), cal.day(fy, 3, 31)),
            };
            self.out.enterprises.write_record([
                uscc.as_str(),
                &name,
                &town_codes[town as usize],
                CHAINS[chain as usize].0,
                if key[i] { "yes" } else { "no" },
            ])?;
            self.out.pairings.write_record([
                cadres[cadre as usize].code.as_str(),
                &uscc,
                if district_tier { "district" } else { "town" },
                cal.label(start),
                "",
            ])?;
            cadre_ents[cadre as usize].push(i as u32);
            ents.push(Enterprise {
                uscc,
                chain,
                key: key[i],
                cadre,
                district_tier,
                start,
            });
        }
        self.summary.enterprises += ents.len() as u64;
        self.summary.pairings += ents.len() as u64;

        Ok(District {
            prefix,
            level: if level.is_empty() { "县" } else { level },
            dept_codes,
            town_names: towns.into_iter().map(|t| t.0).collect(),
            cadres,
            dept_staff,
            town_staff,
            ents,
            cadre_ents,
        })
    }

    fn visits(&mut self, dist: &District, rng: &mut Rand) -> Result<Vec<Visit>> {
        let cal = &self.cal;
        let camp = &self.camp;
        let n_cadres = dist.cadres.len();
        let mut idle = vec![false; n_cadres];
        let mut pool: Vec<usize> = (0..n_cadres).collect();
        let k = between(rng, 6, 12) as usize;
        for c in take_random(rng, &mut pool, k) {
            idle[c] = true;
        }
        let activity: Vec<f64> = (0..n_cadres)
            .map(|_| 0.6 + 0.8 * rng.gen::<f64>())
            .collect();

        let mut visits =
            Vec::with_capacity(16_000 * (camp.last_year - camp.first_year + 1) as usize);
        let mut windows = Vec::with_capacity(dist.ents.len());
        for (e, ent) in dist.ents.iter().enumerate() {
            let c = ent.cadre as usize;
            let first = workday(rng, cal, ent.start, (ent.start + 30).min(camp.end));
            let tasks = if chance(rng, 0.4) {
                FILE | POLICY
            } else {
                FILE
            };
            let people = pick_weighted(rng, &[(1u8, 80), (2, 16), (3, 4)]);
            let note = pick(
                rng,
                &[
                    "建立企业档案，摸清生产经营情况",
                    "首次走访，完善企业基本信息",
                    "建档立卡，了解企业诉求",
                    "",
                ],
            );
            visits.push(Visit {
                day: first,
                ent: e as u32,
                kind: 0,
                people,
                tasks,
                note,
                pinned: true,
            });
            let lo = first + 1;
            let hi = if idle[c] { camp.idle_cut - 1 } else { camp.end };
            windows.push((lo, hi));
            let tier = if ent.district_tier { 0.8 } else { 1.08 };
            let key = if ent.key { 1.2 } else { 1.0 };
            let expect = 15.05 * activity[c] * tier * key * f64::from((hi - lo + 1).max(0)) / 365.0;
            let n = expect.floor() as u32 + u32::from(chance(rng, expect.fract()));
            for _ in 0..n {
                visits.push(routine_visit(rng, cal, e as u32, lo, hi));
            }
        }
        // Only the chosen cadres may look idle: every other one gets a visit
        // in the last quarter.
        let mut late = vec![false; n_cadres];
        for v in &visits {
            if v.day >= camp.idle_cut {
                late[dist.ents[v.ent as usize].cadre as usize] = true;
            }
        }
        for c in 0..n_cadres {
            if idle[c] || late[c] {
                continue;
            }
            let e = *pick(rng, &dist.cadre_ents[c]);
            let (lo, _) = windows[e as usize];
            let mut v = routine_visit(rng, cal, e, lo.max(camp.idle_cut), camp.end);
            v.pinned = true;
            visits.push(v);
        }
        if camp.exact {
            // The article says 15,000-odd person-visits: hit a figure just
            // above 15,000 exactly.
            let target = 15_000 + between(rng, 12, 96) as u64;
            let mut sum: u64 = visits.iter().map(|v| u64::from(v.people)).sum();
            while sum < target {
                let e = below(rng, dist.ents.len() as u32);
                let (lo, hi) = windows[e as usize];
                if lo > hi {
                    continue;
                }
                let mut v = routine_visit(rng, cal, e, lo, hi);
                v.people = 1;
                visits.push(v);
                sum += 1;
            }
            while sum > target {
                let k = below(rng, visits.len() as u32) as usize;
                if visits[k].people > 1 {
                    visits[k].people -= 1;
                } else if !visits[k].pinned {
                    visits.swap_remove(k);
                } else {
                    continue;
                }
                sum -= 1;
            }
        }
        visits.sort_by_key(|v| (v.day, v.ent));

        let w = &mut self.out.visits;
        for v in &visits {
            let ent = &dist.ents[v.ent as usize];
            w.write_record([
                dist.cadres[ent.cadre as usize].code.as_str(),
                &ent.uscc,
                cal.label(v.day),
                KINDS[v.kind as usize],
                ["0", "1", "2", "3"][v.people as usize],
                &self.tasks[v.tasks as usize],
                v.note,
            ])?;
            self.summary.person_visits += u64::from(v.people);
        }
        self.summary.visits += visits.len() as u64;
        Ok(visits)
    }

    fn meetings(&self, dist: &District, rng: &mut Rand) -> Vec<Meeting> {
        let cal = &self.cal;
        let camp = &self.camp;
        let level = dist.level;
        let district_cadres: Vec<u32> = (0..DISTRICT_CADRES as u32).collect();
        let key_cadres: Vec<u32> = dist
            .ents
            .iter()
            .filter(|e| e.key)
            .map(|e| e.cadre)
            .collect();
        let chain_cadres: Vec<Vec<u32>> = (0..CHAINS.len())
            .map(|c| {
                dist.ents
                    .iter()
                    .filter(|e| e.chain as usize == c)
                    .map(|e| e.cadre)
                    .collect()
            })
            .collect();
        let town_sizes: Vec<u32> = dist.town_staff.iter().map(|s| s.len() as u32).collect();
        const TOPICS: [(&str, &[u8]); 5] = [
            ("融资对接助企干部座谈会", &[JRZ, CZJ]),
            ("稳岗用工助企干部座谈会", &[RSJ]),
            ("惠企政策兑现助企干部座谈会", &[JXW, CZJ, SWJ]),
            ("项目审批服务助企干部座谈会", &[FGW, SCJ, ZJW, GHJ, HBJ]),
            ("要素保障助企干部座谈会", &[GDG, SLJ, GHJ, JTJ]),
        ];

        let mut meetings = Vec::new();
        for y in camp.first_year..=camp.last_year {
            for _ in 0..between(rng, 101, 110) {
                let day = workday(rng, cal, cal.day(y, 2, 10), cal.day(y, 12, 30));
                let mut m = Meeting {
                    day,
                    title: String::new(),
                    attendees: Vec::new(),
                    depts: 0,
                };
                match weighted(rng, &[12, 55, 18, 15]) {
                    0 => {
                        // The district's leaders meet the cadres of key
                        // enterprises in person.
                        let who = if chance(rng, 0.5) { "委" } else { "政府" };
                        m.title = format!("{level}{who}主要领导联系企业助企干部座谈会");
                        let size = between(rng, 20, 40) as usize;
                        while m.attendees.len() < size {
                            let c = if chance(rng, 0.6) {
                                *pick(rng, &key_cadres)
                            } else {
                                *pick(rng, &district_cadres)
                            };
                            m.add(c, &dist.cadres);
                        }
                    }
                    1 => {
                        let t = weighted(rng, &town_sizes);
                        m.title = format!("{}助企干部座谈会", dist.town_names[t]);
                        let mut staff = dist.town_staff[t].clone();
                        let size = between(rng, 5, staff.len().min(34) as i32) as usize;
                        shuffle(rng, &mut staff);
                        for &c in &staff[..size] {
                            m.add(c, &dist.cadres);
                        }
                        for _ in 0..between(rng, 1, 4) {
                            let c = *pick(rng, &district_cadres);
                            m.add(c, &dist.cadres);
                        }
                    }
                    2 => {
                        let c = below(rng, CHAINS.len() as u32) as usize;
                        m.title = format!("{}产业链助企干部座谈会", CHAINS[c].0);
                        let size = between(rng, 10, 30) as usize;
                        for _ in 0..size * 2 {
                            if m.attendees.len() >= size {
                                break;
                            }
                            let k = *pick(rng, &chain_cadres[c]);
                            m.add(k, &dist.cadres);
                        }
                        for dept in [JXW, ZSJ] {
                            let k = *pick(rng, &dist.dept_staff[dept as usize]);
                            m.add(k, &dist.cadres);
                        }
                    }
                    _ => {
                        let (title, depts) = *pick(rng, &TOPICS);
                        m.title = title.to_string();
                        for &dept in depts {
                            for _ in 0..between(rng, 1, 2) {
                                let k = *pick(rng, &dist.dept_staff[dept as usize]);
                                m.add(k, &dist.cadres);
                            }
                        }
                        let size = between(rng, 8, 25) as usize;
                        while m.attendees.len() < size {
                            let k = below(rng, dist.cadres.len() as u32);
                            m.add(k, &dist.cadres);
                        }
                    }
                }
                meetings.push(m);
            }
        }
        meetings.sort_by_key(|m| m.day);

        // 全覆盖: every key enterprise's cadre attends at least one forum,
        // preferably the leaders' forum or the forum of the cadre's own town.
        let mut attended = vec![false; dist.cadres.len()];
        for m in &meetings {
            for &c in &m.attendees {
                attended[c as usize] = true;
            }
        }
        for &c in &key_cadres {
            if attended[c as usize] {
                continue;
            }
            let home = match dist.cadres[c as usize].home {
                Home::Dept(_) => "主要领导".to_string(),
                Home::Town(t) => dist.town_names[t as usize].clone(),
            };
            let preferred: Vec<usize> = (0..meetings.len())
                .filter(|&i| {
                    meetings[i].title.contains(&home) && meetings[i].attendees.len() < MAX_ATTENDEES
                })
                .collect();
            let any: Vec<usize> = (0..meetings.len())
                .filter(|&i| meetings[i].attendees.len() < MAX_ATTENDEES)
                .collect();
            let i = if preferred.is_empty() {
                *pick(rng, &any)
            } else {
                *pick(rng, &preferred)
            };
            meetings[i].add(c, &dist.cadres);
            attended[c as usize] = true;
        }
        meetings
    }

    fn tickets(
        &mut self,
        dist: &District,
        visits: &[Visit],
        meetings: &mut [Meeting],
        n: u64,
        rng: &mut Rand,
    ) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        let cal = &self.cal;
        let camp = &self.camp;
        let end = camp.end;
        let n = n as usize;
        let (n_await, n_prog, n_expl) = if camp.exact {
            (AWAITING as usize, IN_PROGRESS as usize, EXPLAINED as usize)
        } else {
            let share = |p: f64| (n as f64 * p).round() as usize;
            (share(0.01), share(0.10), share(0.21))
        };
        debug_assert!(!camp.exact || n as u64 == AWAITING + IN_PROGRESS + EXPLAINED + RESOLVED);

        // Problems are collected on visit days, mostly on visits that set
        // out to solve problems (解难题).
        let mut cum = Vec::with_capacity(visits.len());
        let mut total = 0u32;
        for v in visits {
            total += if v.tasks & PROBLEM != 0 { 12 } else { 1 };
            cum.push(total);
        }
        let draw = |rng: &mut Rand, upto: usize| -> u32 {
            let x = below(rng, cum[upto - 1]);
            cum.partition_point(|&c| c <= x) as u32
        };
        let mut picks: Vec<u32> = Vec::with_capacity(n);
        if n_await == 1 {
            // The single awaiting problem is the last one collected, in the
            // campaign's last days, so nobody has had time to accept it.
            let lo = visits.partition_point(|v| v.day < end - 11);
            let hi = visits.partition_point(|v| v.day < end);
            let (lo, hi) = if lo < hi {
                (lo, hi)
            } else {
                let last = visits[visits.len() - 1].day;
                (visits.partition_point(|v| v.day < last), visits.len())
            };
            let last = lo + below(rng, (hi - lo) as u32) as usize;
            let before = visits.partition_point(|v| v.day < visits[last].day);
            for _ in 1..n {
                picks.push(if before > 0 {
                    draw(rng, before)
                } else {
                    last as u32
                });
            }
            picks.push(last as u32);
        } else {
            for _ in 0..n {
                picks.push(draw(rng, visits.len()));
            }
        }
        picks.sort_unstable();

        let cat_weights: Vec<u32> = CATEGORIES.iter().map(|c| c.weight).collect();
        let mut ts: Vec<Ticket> = picks
            .iter()
            .map(|&v| {
                let collected = visits[v as usize].day;
                let category = weighted(rng, &cat_weights) as u8;
                let problems = CATEGORIES[category as usize].problems;
                let problem = below(rng, problems.len() as u32) as u8;
                let dept = *pick(rng, problems[problem as usize].depts);
                let handler = *pick(rng, &dist.dept_staff[dept as usize]);
                let delay = match weighted(rng, &[25, 45, 25, 5]) {
                    0 => 0,
                    1 => between(rng, 1, 3),
                    2 => between(rng, 4, 10),
                    _ => between(rng, 11, 20),
                };
                Ticket {
                    visit: v,
                    collected,
                    accept: (collected + delay).min(end),
                    due: collected + due_offset(rng, 15, 90),
                    category,
                    problem,
                    dept: Some(dept),
                    handler,
                    fate: Fate::Resolved,
                    meeting: None,
                }
            })
            .collect();

        let mut taken = vec![false; n];
        for t in ts.iter_mut().skip(n - n_await) {
            t.fate = Fate::Awaiting;
        }
        for flag in taken.iter_mut().skip(n - n_await) {
            *flag = true;
        }

        // In progress: some past their due date (超期), the rest collected
        // recently enough to be within it.
        let n_over = if camp.exact {
            between(rng, 20, 30) as usize
        } else {
            (n_prog as f64 * 0.3).round() as usize
        }
        .min(n_prog);
        let mut prog = Vec::with_capacity(n_prog);
        let mut recent: Vec<usize> = (0..n)
            .filter(|&i| !taken[i] && ts[i].collected >= end - 90)
            .collect();
        for i in take_random(rng, &mut recent, n_prog - n_over) {
            taken[i] = true;
            ts[i].due = ts[i].collected + due_offset(rng, end - ts[i].collected, 90);
            prog.push(i);
        }
        let mut over: Vec<usize> = (0..n)
            .filter(|&i| !taken[i] && ts[i].collected >= end - 240 && ts[i].collected <= end - 16)
            .collect();
        if over.len() < n_prog - prog.len() {
            over = (0..n)
                .filter(|&i| !taken[i] && ts[i].collected <= end - 16)
                .collect();
        }
        for i in take_random(rng, &mut over, n_prog - prog.len()) {
            taken[i] = true;
            ts[i].due = ts[i].collected + due_offset(rng, 15, end - 1 - ts[i].collected);
            prog.push(i);
        }
        let mut rest: Vec<usize> = (0..n).filter(|&i| !taken[i]).collect();
        for i in take_random(rng, &mut rest, n_prog - prog.len()) {
            taken[i] = true;
            prog.push(i);
        }
        for &i in &prog {
            ts[i].fate = Fate::Progress;
        }

        let mut rest: Vec<usize> = (0..n).filter(|&i| !taken[i]).collect();
        for i in take_random(rng, &mut rest, n_expl) {
            ts[i].fate = Fate::Explained;
        }

        // Reopened problems (about 20 in the fixture), spread over the four
        // ways a closed problem comes back.
        let n_reopen = if camp.exact {
            between(rng, 18, 24) as usize
        } else {
            n * 21 / 777
        };
        let early = |ts: &[Ticket], fate: Fate, margin: i32| -> Vec<usize> {
            (0..ts.len())
                .filter(|&i| ts[i].fate == fate && ts[i].collected <= end - margin)
                .collect()
        };
        let quota = [n_reopen / 6, n_reopen / 5, n_reopen * 3 / 20];
        let mut pool = early(&ts, Fate::Progress, 45);
        for i in take_random(rng, &mut pool, quota[0]) {
            ts[i].fate = Fate::ReopenRP;
        }
        let mut pool = early(&ts, Fate::Explained, 60);
        for i in take_random(rng, &mut pool, quota[1]) {
            ts[i].fate = Fate::ReopenEE;
        }
        let mut pool = early(&ts, Fate::Resolved, 60);
        let chosen = take_random(rng, &mut pool, n_reopen - quota[0] - quota[1]);
        for (k, i) in chosen.into_iter().enumerate() {
            ts[i].fate = if k < quota[2] {
                Fate::ReopenER
            } else {
                Fate::ReopenRR
            };
        }

        // Problems solved at forums (精准解决问题300余个): resolved on the
        // forum's day by an attending cadre of the handling department.
        let n_meet = if camp.exact {
            between(rng, 305, 320) as usize
        } else {
            n * 312 / 777
        };
        let days: Vec<i32> = meetings.iter().map(|m| m.day).collect();
        let mut pool: Vec<usize> = (0..n).filter(|&i| ts[i].fate == Fate::Resolved).collect();
        shuffle(rng, &mut pool);
        let mut met = 0;
        for &i in &pool {
            if met == n_meet {
                break;
            }
            let t = &ts[i];
            let dept = t.dept.expect("planned tickets have a department");
            let staff = &dist.dept_staff[dept as usize];
            if let Some((m, by)) = find_meeting(
                rng,
                meetings,
                &days,
                t.accept,
                end,
                dept,
                staff,
                &dist.cadres,
            ) {
                let t = &mut ts[i];
                t.fate = Fate::AtMeeting;
                t.meeting = Some(m);
                t.handler = by;
                met += 1;
            }
        }

        // Some problems are settled on the spot by the collecting cadre,
        // without a handling department unless it is the cadre's own.
        for t in &mut ts {
            let spot = match t.fate {
                Fate::Resolved if chance(rng, 0.1) => Fate::SpotResolved,
                Fate::Explained if chance(rng, 0.12) => Fate::SpotExplained,
                _ => continue,
            };
            let collector = dist.ents[visits[t.visit as usize].ent as usize].cadre;
            let depts = CATEGORIES[t.category as usize].problems[t.problem as usize].depts;
            t.fate = spot;
            t.handler = collector;
            t.dept = match dist.cadres[collector as usize].home {
                Home::Dept(k) if depts.contains(&k) => Some(k),
                _ => None,
            };
        }

        // Write tickets in collection order, numbered per year.
        let mut code = String::new();
        let mut text = String::new();
        let mut evs: Vec<Ev> = Vec::with_capacity(4);
        // Numbers keep one width within a district so that codes sort.
        let width = n.to_string().len().max(4);
        let mut seq = 0u32;
        let mut year = 0;
        for t in &ts {
            let y = cal.year(t.collected);
            if y != year {
                year = y;
                seq = 0;
            }
            seq += 1;
            code.clear();
            write!(code, "{}{y}-{seq:0width$}", dist.prefix)?;
            let ent = &dist.ents[visits[t.visit as usize].ent as usize];
            let collector = ent.cadre;
            let cat = &CATEGORIES[t.category as usize];
            let prob = &cat.problems[t.problem as usize];
            text.clear();
            match prob.text.split_once('#') {
                Some((a, b)) => {
                    let (lo, hi, step) = prob.num;
                    let steps = (hi - lo) / step;
                    let x = lo + step * below(rng, steps + 1);
                    write!(text, "{a}{x}{b}")?;
                }
                None => text.push_str(prob.text),
            }
            self.out.tickets.write_record([
                code.as_str(),
                &ent.uscc,
                &dist.cadres[collector as usize].code,
                cal.label(t.collected),
                cat.name,
                &text,
                t.dept.map_or("", |k| dist.dept_codes[k as usize].as_str()),
                cal.label(t.due),
            ])?;
            history(rng, t, collector, cat, end, meetings, &mut evs);
            for e in &evs {
                self.out.events.write_record([
                    code.as_str(),
                    cal.label(e.day),
                    e.status,
                    &dist.cadres[e.by as usize].code,
                    e.note,
                    &e.meeting
                        .map_or(String::new(), |m| meeting_code(&dist.prefix, m)),
                ])?;
            }
            self.summary.events += evs.len() as u64;
        }
        self.summary.tickets += n as u64;
        Ok(())
    }

    fn write_meetings(&mut self, dist: &District, meetings: &[Meeting]) -> Result<()> {
        let mut who = String::new();
        for (i, m) in meetings.iter().enumerate() {
            let mut attendees = m.attendees.clone();
            attendees.sort_unstable();
            who.clear();
            for (k, c) in attendees.iter().enumerate() {
                if k > 0 {
                    who.push(';');
                }
                who.push_str(&dist.cadres[*c as usize].code);
            }
            self.out.meetings.write_record([
                meeting_code(&dist.prefix, i as u32).as_str(),
                self.cal.label(m.day),
                &m.title,
                &who,
            ])?;
        }
        self.summary.meetings += meetings.len() as u64;
        Ok(())
    }
}

impl Meeting {
    /// Adds a cadre unless already there or the room is full.
    fn add(&mut self, cadre: u32, cadres: &[Cadre]) -> bool {
        if self.attendees.len() >= MAX_ATTENDEES || self.attendees.contains(&cadre) {
            return false;
        }
        self.attendees.push(cadre);
        if let Home::Dept(k) = cadres[cadre as usize].home {
            self.depts |= 1 << k;
        }
        true
    }
}

fn meeting_code(prefix: &str, i: u32) -> String {
    format!("{prefix}M{:03}", i + 1)
}

/// A forum within 75 days after `from` where a cadre of `dept` attends (or
/// can still be seated), and that cadre.
#[allow(clippy::too_many_arguments)]
fn find_meeting(
    rng: &mut Rand,
    meetings: &mut [Meeting],
    days: &[i32],
    from: i32,
    end: i32,
    dept: u8,
    staff: &[u32],
    cadres: &[Cadre],
) -> Option<(u32, u32)> {
    let lo = days.partition_point(|&d| d < from);
    let hi = days.partition_point(|&d| d <= (from + 75).min(end));
    if lo >= hi {
        return None;
    }
    let span = hi - lo;
    let start = below(rng, span as u32) as usize;
    let tries = span.min(12);
    for k in 0..tries {
        let i = lo + (start + k) % span;
        let m = &meetings[i];
        if m.depts & (1 << dept) != 0 {
            let present: Vec<u32> = m
                .attendees
                .iter()
                .copied()
                .filter(|&c| cadres[c as usize].home == Home::Dept(dept))
                .collect();
            return Some((i as u32, *pick(rng, &present)));
        }
    }
    for k in 0..tries {
        let i = lo + (start + k) % span;
        let by = *pick(rng, staff);
        if meetings[i].add(by, cadres) {
            return Some((i as u32, by));
        }
    }
    None
}

/// The transitions after collection that lead a ticket to its planned fate.
fn history(
    rng: &mut Rand,
    t: &Ticket,
    collector: u32,
    cat: &Category,
    end: i32,
    meetings: &[Meeting],
    evs: &mut Vec<Ev>,
) {
    evs.clear();
    let by = t.handler;
    let mut ev =
        |day: i32, status: &'static str, by: u32, note: &'static str, meeting: Option<u32>| {
            evs.push(Ev {
                day,
                status,
                by,
                note,
                meeting,
            });
        };
    let fix = if chance(rng, 0.8) {
        cat.problems[t.problem as usize].fix
    } else {
        pick_str(
            rng,
            &["问题已解决，企业满意", "已协调解决", "已办结，企业认可"],
        )
    };
    let accept_note = *pick(rng, &ACCEPT_NOTES);
    let explain_note = *pick(rng, &EXPLAIN_NOTES);
    let a = t.accept;
    // Mostly closed within the deadline, sometimes late.
    let close = |rng: &mut Rand| -> i32 {
        let d = if chance(rng, 0.85) {
            between(rng, a, a.max(t.due))
        } else {
            between(rng, t.due + 1, t.due + 45)
        };
        d.clamp(a, end)
    };
    // Closed, reopened and closed again, all before the campaign's end.
    let mut reopen = |rng: &mut Rand, first: &'static str, then: Option<&'static str>| {
        let r1 = (a + between(rng, 3, 30)).min(end);
        let r2 = (r1 + between(rng, 5, 20)).min(end);
        let r3 = (r2 + between(rng, 3, 25)).min(end);
        ev(a, "in_progress", by, accept_note, None);
        ev(
            r1,
            first,
            by,
            if first == "resolved" {
                fix
            } else {
                explain_note
            },
            None,
        );
        ev(
            r2,
            "in_progress",
            collector,
            pick_str(rng, &REOPEN_NOTES),
            None,
        );
        if let Some(s) = then {
            ev(
                r3,
                s,
                by,
                if s == "resolved" { fix } else { explain_note },
                None,
            );
        }
    };
    match t.fate {
        Fate::Awaiting => {}
        Fate::Progress => ev(a, "in_progress", by, accept_note, None),
        Fate::Resolved => {
            let r = close(rng);
            ev(a, "in_progress", by, accept_note, None);
            ev(r, "resolved", by, fix, None);
        }
        Fate::Explained => {
            let r = close(rng);
            ev(a, "in_progress", by, accept_note, None);
            ev(r, "explained", by, explain_note, None);
        }
        Fate::SpotResolved => ev(
            t.collected,
            "resolved",
            by,
            pick_str(rng, &SPOT_NOTES),
            None,
        ),
        Fate::SpotExplained => ev(t.collected, "explained", by, "现场作出政策解释", None),
        Fate::AtMeeting => {
            let m = t.meeting.expect("meeting chosen");
            ev(a, "in_progress", by, accept_note, None);
            ev(
                meetings[m as usize].day,
                "resolved",
                by,
                MEETING_NOTE,
                Some(m),
            );
        }
        Fate::ReopenRR => reopen(rng, "resolved", Some("resolved")),
        Fate::ReopenER => reopen(rng, "explained", Some("resolved")),
        Fate::ReopenEE => reopen(rng, "explained", Some("explained")),
        Fate::ReopenRP => reopen(rng, "resolved", None),
    }
}

/// Days until a problem's deadline, within `lo..=hi` (and 15..=90): usually
/// one of the customary 15/30/60/90-day limits (限期销号).
fn due_offset(rng: &mut Rand, lo: i32, hi: i32) -> i32 {
    let (lo, hi) = (lo.max(15), hi.min(90));
    if lo >= hi {
        return lo.min(90);
    }
    let usual: Vec<(i32, u32)> = [(15, 20), (30, 40), (60, 25), (90, 15)]
        .into_iter()
        .filter(|(d, _)| (lo..=hi).contains(d))
        .collect();
    if !usual.is_empty() && chance(rng, 0.8) {
        pick_weighted(rng, &usual)
    } else {
        between(rng, lo, hi)
    }
}

fn routine_visit(rng: &mut Rand, cal: &Calendar, ent: u32, lo: i32, hi: i32) -> Visit {
    let day = workday(rng, cal, lo, hi);
    let kind = weighted(rng, &[55, 28, 17]) as u8;
    let people = if kind == 0 {
        pick_weighted(rng, &[(1u8, 91), (2, 7), (3, 2)])
    } else {
        pick_weighted(rng, &[(1u8, 99), (2, 1)])
    };
    let mut tasks = 0;
    for (bit, p) in [
        (POLICY, 0.42),
        (PROBLEM, 0.33),
        (AGENCY, 0.18),
        (INDUSTRY, 0.14),
        (FILE, 0.03),
    ] {
        if chance(rng, p) {
            tasks |= bit;
        }
    }
    if tasks == 0 {
        tasks = if chance(rng, 0.5) { POLICY } else { PROBLEM };
    }
    let note = if chance(rng, 0.3) {
        ""
    } else if kind == 1 && chance(rng, 0.5) {
        pick_str(
            rng,
            &[
                "电话回访企业生产经营情况",
                "电话跟进问题办理进度",
                "电话告知政策申报时限",
            ],
        )
    } else if kind == 2 && chance(rng, 0.5) {
        pick_str(
            rng,
            &[
                "视频连线了解企业诉求",
                "微信沟通政策申报事项",
                "线上推送惠企政策",
            ],
        )
    } else if tasks & PROBLEM != 0 {
        pick_str(
            rng,
            &[
                "收集企业困难问题",
                "了解企业融资需求",
                "了解企业用工缺口",
                "跟进问题办理进度",
                "协调解决企业诉求",
            ],
        )
    } else if tasks & AGENCY != 0 {
        pick_str(
            rng,
            &[
                "代办项目备案手续",
                "协助办理审批事项",
                "帮助企业申报专精特新",
                "代办稳岗返还申请",
            ],
        )
    } else if tasks & INDUSTRY != 0 {
        pick_str(
            rng,
            &[
                "调研产业链上下游配套情况",
                "了解企业技改扩能计划",
                "研究延链补链项目",
            ],
        )
    } else if tasks & POLICY != 0 {
        pick_str(
            rng,
            &[
                "宣讲稳企惠企政策",
                "送达减税降费政策清单",
                "解读留抵退税政策",
                "宣传稳岗返还政策",
            ],
        )
    } else {
        "更新企业档案信息"
    };
    Visit {
        day,
        ent,
        kind,
        people,
        tasks,
        note,
        pinned: false,
    }
}

fn person_name(rng: &mut Rand) -> String {
    let mut name = pick_weighted(rng, &SURNAMES).to_string();
    name.push_str(pick_str(rng, &GIVEN));
    if chance(rng, 0.7) {
        name.push_str(pick_str(rng, &GIVEN));
    }
    name
}

const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid USCC for enterprise `i` of district `d`. The org-code part is a
/// bijection of (d, i) shifted by the seed, so codes never collide within a
/// city: "MA…" codes of enterprises registered since 2015, or an older
/// 组织机构代码 with its own check digit.
fn uscc(rng: &mut Rand, admin: u32, d: u32, i: u32, seed: u64) -> String {
    let mut first17 = format!("91{admin}");
    if chance(rng, 0.7) {
        // 31^7 values; the multiplier is coprime to 31.
        const SPACE: u64 = 27_512_614_111;
        let n = (u64::from(d) << 20) | u64::from(i);
        let mut x = ((u128::from(n) * 1_234_567_891 + u128::from(seed)) % u128::from(SPACE)) as u64;
        let mut digits = [0u8; 7];
        for slot in digits.iter_mut().rev() {
            *slot = USCC_ALPHABET[(x % 31) as usize];
            x /= 31;
        }
        first17.push_str("MA");
        first17.push_str(std::str::from_utf8(&digits).expect("ascii"));
    } else {
        // 8 digits, multiplier coprime to 10, then the GB 11714 check digit.
        let n = u64::from(d) * 10_000 + u64::from(i);
        let x = (u128::from(n) * 7_654_321 + u128::from(seed)) % 100_000_000;
        let body = format!("{x:08}");
        let sum: u32 = body
            .bytes()
            .zip([3, 7, 9, 10, 5, 8, 4, 2])
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let check = match 11 - sum % 11 {
            10 => 'X',
            11 => '0',
            c => char::from_digit(c, 10).expect("digit"),
        };
        first17.push_str(&body);
        first17.push(check);
    }
    Uscc::complete(&first17)
        .expect("generated from the USCC alphabet")
        .as_str()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    /// One CSV file read back: header check and column lookup by name.
    struct Table {
        rows: Vec<csv::StringRecord>,
        cols: HashMap<String, usize>,
    }

    impl Table {
        fn read(dir: &Path, name: &str, header: &str) -> Table {
            let bytes = fs::read(dir.join(name)).unwrap();
            assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name} has a BOM");
            assert!(!bytes.contains(&b'\r'), "{name} has CR line ends");
            let mut r = csv::Reader::from_reader(bytes.as_slice());
            let got: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
            assert_eq!(got.join(","), header, "{name} header");
            let cols = got
                .iter()
                .enumerate()
                .map(|(i, h)| (h.clone(), i))
                .collect();
            let rows = r.records().map(Result::unwrap).collect();
            Table { rows, cols }
        }

        fn col(&self, name: &str) -> usize {
            self.cols[name]
        }

        fn column(&self, name: &str) -> Vec<&str> {
            let c = self.col(name);
            self.rows.iter().map(|r| &r[c]).collect()
        }
    }

    struct Files {
        units: Table,
        cadres: Table,
        enterprises: Table,
        pairings: Table,
        visits: Table,
        meetings: Table,
        tickets: Table,
        events: Table,
    }

    fn read_all(dir: &Path) -> Files {
        Files {
            units: Table::read(dir, "units.csv", "code,name,kind"),
            cadres: Table::read(dir, "cadres.csv", "code,name,unit,rank,phone"),
            enterprises: Table::read(dir, "enterprises.csv", "uscc,name,town,chain,key"),
            pairings: Table::read(
                dir,
                "pairings.csv",
                "cadre,enterprise,tier,started_on,ended_on",
            ),
            visits: Table::read(
                dir,
                "visits.csv",
                "cadre,enterprise,visited_on,kind,people,tasks,note",
            ),
            meetings: Table::read(dir, "meetings.csv", "code,held_on,title,cadres"),
            tickets: Table::read(
                dir,
                "tickets.csv",
                "code,enterprise,cadre,collected_on,category,summary,department,due_on",
            ),
            events: Table::read(dir, "events.csv", "ticket,on,status,by,note,meeting"),
        }
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
    }

    fn generate(spec: &Spec) -> (tempfile::TempDir, Summary, Files) {
        let dir = tempfile::tempdir().unwrap();
        let summary = write_city(spec, dir.path()).unwrap();
        let files = read_all(dir.path());
        (dir, summary, files)
    }

    /// What replaying events.csv says about each ticket.
    #[derive(Default)]
    struct Replay {
        final_status: BTreeMap<String, String>,
        reopened: HashSet<String>,
        /// Tickets with a resolved event at a meeting, not reopened later.
        meeting_resolved: HashSet<String>,
    }

    /// Replays events.csv through the allowed transitions, checking dates
    /// and actors, and returns each ticket's history summary.
    fn replay(f: &Files, last: NaiveDate) -> Replay {
        let t = &f.tickets;
        let (code, coll, cadre, dept) = (
            t.col("code"),
            t.col("collected_on"),
            t.col("cadre"),
            t.col("department"),
        );
        let tickets: HashMap<&str, (NaiveDate, &str, &str)> = t
            .rows
            .iter()
            .map(|r| (&r[code], (date(&r[coll]), &r[cadre], &r[dept])))
            .collect();
        assert_eq!(tickets.len(), t.rows.len(), "ticket codes unique");
        let unit_of: HashMap<&str, &str> = f.cadres.rows.iter().map(|r| (&r[0], &r[2])).collect();
        let meetings: HashMap<&str, (NaiveDate, HashSet<&str>)> = f
            .meetings
            .rows
            .iter()
            .map(|r| (&r[0], (date(&r[1]), r[3].split(';').collect())))
            .collect();

        let mut state: HashMap<&str, (&str, NaiveDate)> = tickets
            .iter()
            .map(|(k, v)| (*k, ("collected", v.0)))
            .collect();
        let mut out = Replay::default();
        let mut done: HashSet<&str> = HashSet::new();
        let mut current = "";
        for r in &f.events.rows {
            let (tk, on, status, by, meeting) = (&r[0], date(&r[1]), &r[2], &r[3], &r[5]);
            if tk != current {
                assert!(done.insert(tk), "events of {tk} are not contiguous");
                current = tk;
            }
            let &(collected, collector, department) =
                tickets.get(tk).expect("event for unknown ticket");
            let (prev, prev_on) = state[tk];
            assert!(
                on >= collected && on >= prev_on,
                "{tk}: event on {on} out of order"
            );
            assert!(on <= last, "{tk}: event after {last}");
            let ok = matches!(
                (prev, status),
                ("collected", "in_progress" | "resolved" | "explained")
                    | ("in_progress", "resolved" | "explained")
                    | ("resolved" | "explained", "in_progress")
            );
            assert!(ok, "{tk}: {prev} -> {status} not allowed");
            let reopen = status == "in_progress" && prev != "collected";
            if reopen {
                out.reopened.insert(tk.to_string());
                out.meeting_resolved.remove(tk);
            } else if department.is_empty() {
                assert_eq!(by, collector, "{tk}: actor without department");
            } else {
                assert_eq!(
                    unit_of[by], department,
                    "{tk}: actor not of the handling department"
                );
            }
            if !meeting.is_empty() {
                let (held, attendees) = &meetings[meeting];
                assert_eq!(status, "resolved");
                assert_eq!(*held, on, "{tk}: resolved at {meeting} on another day");
                assert!(
                    attendees.contains(by),
                    "{tk}: resolver did not attend {meeting}"
                );
                out.meeting_resolved.insert(tk.to_string());
            }
            state.insert(tk, (status, on));
        }
        out.final_status = state
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.0.to_string()))
            .collect();
        out
    }

    fn count(rp: &Replay, status: &str) -> usize {
        rp.final_status.values().filter(|s| *s == status).count()
    }

    #[test]
    fn scale_one_reproduces_the_published_qijiang_figures() {
        let (_dir, summary, f) = generate(&Spec {
            scale: 1,
            tickets: None,
            seed: 2022,
        });
        let last = date("2022-12-31");

        // Units and cadres: 285 senior district cadres, 460 town cadres.
        let kind: HashMap<&str, &str> = f.units.rows.iter().map(|r| (&r[0], &r[2])).collect();
        assert_eq!(
            f.units
                .column("kind")
                .iter()
                .filter(|k| **k == "town")
                .count(),
            21
        );
        assert!(
            f.units
                .column("kind")
                .iter()
                .filter(|k| **k == "dept")
                .count()
                >= 20
        );
        assert_eq!(f.cadres.rows.len(), 745);
        let unit_of: HashMap<&str, &str> = f.cadres.rows.iter().map(|r| (&r[0], &r[2])).collect();
        let dept_cadres: HashSet<&str> = unit_of
            .iter()
            .filter(|(_, u)| kind[*u] == "dept")
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(dept_cadres.len(), 285);
        assert_eq!(
            unit_of.values().filter(|u| kind[**u] == "town").count(),
            460
        );
        for r in &f.cadres.rows {
            if dept_cadres.contains(&r[0]) {
                assert!(
                    ["副科级", "正科级", "副处级", "正处级"].contains(&&r[3]),
                    "{}",
                    &r[3]
                );
            }
            assert_eq!(r[4].len(), 11);
            assert!(["13", "15", "17", "18", "19"].contains(&&r[4][..2]));
        }

        // Enterprises: 966, valid and unique codes and names.
        assert_eq!(f.enterprises.rows.len(), 966);
        let town_of: HashMap<&str, &str> =
            f.enterprises.rows.iter().map(|r| (&r[0], &r[2])).collect();
        assert_eq!(town_of.len(), 966, "USCCs unique");
        for r in &f.enterprises.rows {
            let code = Uscc::parse(&r[0]).unwrap();
            assert_eq!(code.as_str(), &r[0]);
            assert!(r[0].starts_with("91500222"));
            assert!(r[1].starts_with("重庆綦江") && r[1].ends_with("有限公司"));
            assert_eq!(kind[&r[2]], "town");
            assert!(CHAINS.iter().any(|c| c.0 == &r[3]));
        }
        let names: HashSet<&str> = f.enterprises.column("name").into_iter().collect();
        assert_eq!(names.len(), 966);
        let keys: HashSet<&str> = f
            .enterprises
            .rows
            .iter()
            .filter(|r| &r[4] == "yes")
            .map(|r| &r[0])
            .collect();
        assert!(
            (130..=170).contains(&keys.len()),
            "{} key enterprises",
            keys.len()
        );

        // Pairings: one open pairing per enterprise; district tier one-to-one,
        // 460 town cadres serving 681 enterprises of their own towns.
        assert_eq!(f.pairings.rows.len(), 966);
        let mut paired: HashMap<&str, (&str, NaiveDate)> = HashMap::new();
        let mut district = HashSet::new();
        let mut town_load: HashMap<&str, usize> = HashMap::new();
        for r in &f.pairings.rows {
            let start = date(&r[3]);
            assert!(start >= date("2022-01-01") && start <= date("2022-03-31"));
            assert!(r[4].is_empty(), "pairing open");
            assert!(
                paired.insert(&r[1], (&r[0], start)).is_none(),
                "one pairing per enterprise"
            );
            match &r[2] {
                "district" => {
                    assert!(dept_cadres.contains(&r[0]));
                    assert!(district.insert(&r[0]), "district tier one-to-one");
                }
                "town" => {
                    assert_eq!(unit_of[&r[0]], town_of[&r[1]], "town cadre serves own town");
                    *town_load.entry(&r[0]).or_default() += 1;
                }
                tier => panic!("tier {tier}"),
            }
        }
        assert_eq!(district.len(), 285);
        assert_eq!(town_load.len(), 460);
        assert_eq!(town_load.values().sum::<usize>(), 681);
        assert!(town_load.values().all(|n| (1..=3).contains(n)));

        // Visits: by the paired cadre, within the pairing and the year; the
        // first is an on-site file visit within 30 days; 15,000-odd person-visits.
        let mut first: HashMap<&str, (NaiveDate, &str, &str)> = HashMap::new();
        let mut last_visit: HashMap<&str, NaiveDate> = HashMap::new();
        let mut visited: HashSet<(&str, &str, NaiveDate)> = HashSet::new();
        let mut people = 0u64;
        let mut kinds: HashMap<&str, usize> = HashMap::new();
        for r in &f.visits.rows {
            let (cadre, start) = paired[&r[1]];
            let on = date(&r[2]);
            assert_eq!(&r[0], cadre, "visit by the paired cadre");
            assert!(on >= start && on <= last);
            let n: u64 = r[4].parse().unwrap();
            assert!((1..=3).contains(&n));
            people += n;
            *kinds.entry(&r[3]).or_default() += 1;
            for task in r[5].split(';') {
                assert!(TASK_NAMES.contains(&task), "task {task}");
            }
            let e = first.entry(&r[1]).or_insert((on, &r[3], &r[5]));
            if on < e.0 {
                *e = (on, &r[3], &r[5]);
            }
            let l = last_visit.entry(&r[0]).or_insert(on);
            *l = (*l).max(on);
            visited.insert((&r[0], &r[1], on));
        }
        assert_eq!(first.len(), 966);
        for (e, (on, kind, tasks)) in &first {
            assert_eq!(*kind, "onsite");
            assert!(tasks.split(';').any(|t| t == "file"));
            assert!((*on - paired[e].1).num_days() <= 30);
        }
        assert!(people > 15_000 && people < 15_500, "{people} person-visits");
        assert_eq!(summary.person_visits, people);
        assert_eq!(summary.visits, f.visits.rows.len() as u64);
        assert!(kinds.len() == 3 && kinds["onsite"] > kinds["phone"]);
        let idle = last_visit
            .values()
            .filter(|d| **d < date("2022-10-01"))
            .count();
        assert!((5..=15).contains(&idle), "{idle} idle cadres");

        // Meetings: 100+, 5-40 known cadres each, every key enterprise's cadre.
        assert!(f.meetings.rows.len() >= 100);
        let mut attended = HashSet::new();
        for r in &f.meetings.rows {
            let who: Vec<&str> = r[3].split(';').collect();
            assert!((5..=40).contains(&who.len()), "{} attendees", who.len());
            assert_eq!(who.iter().collect::<HashSet<_>>().len(), who.len());
            assert!(date(&r[1]) <= last);
            assert!(r[2].ends_with("座谈会"));
            for c in who {
                assert!(unit_of.contains_key(c));
                attended.insert(c);
            }
        }
        for k in &keys {
            assert!(
                attended.contains(paired[k].0),
                "key cadre without a meeting"
            );
        }

        // Tickets: 777 collected on visit days by the paired cadre.
        assert_eq!(f.tickets.rows.len(), 777);
        let mut latest = ("", date("2000-01-01"));
        for (i, r) in f.tickets.rows.iter().enumerate() {
            assert_eq!(&r[0], format!("2022-{:04}", i + 1));
            let on = date(&r[3]);
            assert_eq!(&r[2], paired[&r[1]].0);
            assert!(
                visited.contains(&(&r[2], &r[1], on)),
                "{} not collected on a visit",
                &r[0]
            );
            assert!(on <= last);
            assert!(CATEGORIES.iter().any(|c| c.name == &r[4]));
            assert!(!r[5].is_empty());
            assert!(r[6].is_empty() || kind[&r[6]] == "dept");
            let due = (date(&r[7]) - on).num_days();
            assert!((15..=90).contains(&due), "due after {due} days");
            assert!(on >= latest.1);
            if on > latest.1 {
                latest = (&f.tickets.rows[i][0], on);
            }
        }

        // Final states 531/164/81/1 and the stories behind them.
        let rp = replay(&f, last);
        assert_eq!(count(&rp, "resolved"), 531);
        assert_eq!(count(&rp, "explained"), 164);
        assert_eq!(count(&rp, "in_progress"), 81);
        assert_eq!(count(&rp, "collected"), 1);
        let awaiting = rp
            .final_status
            .iter()
            .find(|(_, s)| *s == "collected")
            .unwrap()
            .0;
        assert_eq!(awaiting, "2022-0777");
        assert_eq!(
            awaiting, latest.0,
            "awaiting ticket is the latest collected"
        );
        assert!(latest.1 >= date("2022-12-15"));
        assert!(
            rp.meeting_resolved.len() >= 300,
            "{}",
            rp.meeting_resolved.len()
        );
        assert!(
            (10..=30).contains(&rp.reopened.len()),
            "{} reopened",
            rp.reopened.len()
        );
        let due: HashMap<&str, NaiveDate> = f
            .tickets
            .rows
            .iter()
            .map(|r| (&r[0], date(&r[7])))
            .collect();
        let overdue = rp
            .final_status
            .iter()
            .filter(|(t, s)| *s == "in_progress" && due[t.as_str()] < last)
            .count();
        assert!((20..=30).contains(&overdue), "{overdue} overdue");
        let on_spot = f
            .events
            .rows
            .iter()
            .filter(|r| {
                r[2] != *"in_progress" && !rp.reopened.contains(&r[0]) && {
                    let t = f.tickets.rows.iter().find(|t| t[0] == r[0]).unwrap();
                    t[3] == r[1]
                }
            })
            .count();
        assert!(on_spot > 0);
        assert_eq!(summary.events, f.events.rows.len() as u64);
        assert_eq!(
            summary,
            Summary {
                units: f.units.rows.len() as u64,
                cadres: 745,
                enterprises: 966,
                pairings: 966,
                visits: summary.visits,
                person_visits: people,
                meetings: f.meetings.rows.len() as u64,
                tickets: 777,
                events: summary.events,
            }
        );
    }

    fn bytes(dir: &Path) -> Vec<Vec<u8>> {
        let names = [
            "units.csv",
            "cadres.csv",
            "enterprises.csv",
            "pairings.csv",
            "visits.csv",
            "meetings.csv",
            "tickets.csv",
            "events.csv",
        ];
        names
            .iter()
            .map(|n| fs::read(dir.join(n)).unwrap())
            .collect()
    }

    #[test]
    fn same_spec_gives_identical_bytes_and_another_seed_differs() {
        let spec = Spec {
            scale: 1,
            tickets: None,
            seed: 7,
        };
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let c = tempfile::tempdir().unwrap();
        write_city(&spec, a.path()).unwrap();
        write_city(&spec, b.path()).unwrap();
        write_city(&Spec { seed: 8, ..spec }, c.path()).unwrap();
        assert_eq!(bytes(a.path()), bytes(b.path()));
        let (x, z) = (bytes(a.path()), bytes(c.path()));
        assert_ne!(x[4], z[4], "visits differ by seed");
        assert_ne!(x[6], z[6], "tickets differ by seed");
    }

    #[test]
    fn districts_of_a_city_have_unique_codes() {
        let (_dir, summary, f) = generate(&Spec {
            scale: 3,
            tickets: None,
            seed: 1,
        });
        assert_eq!(summary.cadres, 3 * 745);
        assert_eq!(summary.enterprises, 3 * 966);
        assert_eq!(summary.tickets, 3 * 777);
        let unique = |t: &Table, col: &str| {
            let v = t.column(col);
            let n = v.len();
            assert_eq!(
                v.into_iter().collect::<HashSet<_>>().len(),
                n,
                "{col} not unique"
            );
            n
        };
        assert_eq!(unique(&f.units, "code"), summary.units as usize);
        assert_eq!(unique(&f.units, "name"), summary.units as usize);
        assert_eq!(unique(&f.cadres, "code"), 3 * 745);
        assert_eq!(unique(&f.cadres, "phone"), 3 * 745);
        assert_eq!(unique(&f.enterprises, "uscc"), 3 * 966);
        assert_eq!(unique(&f.enterprises, "name"), 3 * 966);
        assert_eq!(unique(&f.meetings, "code"), summary.meetings as usize);
        assert_eq!(unique(&f.tickets, "code"), 3 * 777);
        assert!(
            f.cadres.rows[0][0].starts_with("K001-C")
                && f.tickets.rows[0][0].starts_with("K001-2022-")
        );
        for u in f.enterprises.column("uscc") {
            Uscc::parse(u).unwrap();
        }
        let rp = replay(&f, date("2022-12-31"));
        assert_eq!(count(&rp, "resolved"), 3 * 531);
        assert_eq!(count(&rp, "collected"), 3);
    }

    #[test]
    fn ticket_override_gives_valid_histories() {
        let (_dir, summary, f) = generate(&Spec {
            scale: 1,
            tickets: Some(5000),
            seed: 3,
        });
        assert_eq!(summary.tickets, 5000);
        assert_eq!(f.tickets.rows.len(), 5000);
        let last_year = f
            .tickets
            .column("collected_on")
            .iter()
            .map(|d| date(d).year())
            .max()
            .unwrap();
        let rp = replay(&f, NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap());
        let share = |s: &str| count(&rp, s) as f64 / 5000.0;
        assert!(
            (0.62..0.74).contains(&share("resolved")),
            "{}",
            share("resolved")
        );
        assert!((0.18..0.24).contains(&share("explained")));
        assert!((0.08..0.12).contains(&share("in_progress")));
        assert!((0.005..0.02).contains(&share("collected")));
        let events = f.events.rows.len() as f64 / 5000.0;
        assert!((1.7..2.2).contains(&events), "{events} events per ticket");
        assert_eq!(unique_codes(&f.tickets), 5000);
    }

    fn unique_codes(t: &Table) -> usize {
        t.column("code").into_iter().collect::<HashSet<_>>().len()
    }

    #[test]
    fn tiny_ticket_counts_spread_over_districts() {
        for tickets in [0, 1, 2, 7] {
            let (_dir, summary, f) = generate(&Spec {
                scale: 2,
                tickets: Some(tickets),
                seed: 5,
            });
            assert_eq!(summary.tickets, tickets);
            assert_eq!(unique_codes(&f.tickets), tickets as usize);
            replay(&f, date("2022-12-31"));
        }
    }
}
