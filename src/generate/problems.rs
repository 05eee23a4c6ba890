//! The problems enterprises raise, by category, with the departments that
//! handle them, and the notes written as tickets move along.

use super::roster::*;

/// A problem as an enterprise would raise it and how it is typically closed;
/// `#` takes a number drawn from `num` (low, high, step), `depts` are the
/// plausible handling departments.
pub(super) struct Problem {
    pub(super) text: &'static str,
    pub(super) depts: &'static [u8],
    pub(super) num: (u32, u32, u32),
    pub(super) fix: &'static str,
}

pub(super) const fn p(text: &'static str, depts: &'static [u8], fix: &'static str) -> Problem {
    Problem {
        text,
        depts,
        num: (0, 0, 1),
        fix,
    }
}

pub(super) const fn pn(
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

pub(super) struct Category {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    pub(super) problems: &'static [Problem],
}

#[rustfmt::skip]
pub(super) const CATEGORIES: [Category; 10] = [
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

pub(super) const ACCEPT_NOTES: [&str; 4] = [
    "已受理",
    "已受理，正在协调办理",
    "已对接企业，正在办理",
    "已列入问题台账，限期办理",
];
pub(super) const EXPLAIN_NOTES: [&str; 4] = [
    "已作出政策解释，暂不符合条件",
    "已向企业解释相关政策，暂时无法办理",
    "受政策限制暂无法办理，已做好解释",
    "已解释说明，待条件成熟后推进",
];
pub(super) const REOPEN_NOTES: [&str; 3] = [
    "企业反映问题仍未解决，重新办理",
    "问题反复，重新交办",
    "企业提出新诉求，重新办理",
];
pub(super) const SPOT_NOTES: [&str; 3] = ["现场解决", "现场答复解决", "当场协调办结"];
pub(super) const MEETING_NOTE: &str = "座谈会上协调解决";
