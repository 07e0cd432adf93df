use super::common::{PARTNERS, project, undiscounted};
use super::{appraise, cost_of, no_errors, partnership};
use rust_decimal_macros::dec;

// ---------------------------------------------------------------------------------
// Pooled funds

fn pool_project(risk_share: &str, host: &str, council_outturn: &str, nhs_outturn: &str) -> String {
    let costs = [format!(
        r#"(name: "Better care fund", cost_type: Revenue, optimism: Direct("0"),
            detail: PooledFund((host: "{host}", risk_share: {risk_share}, contributions: [
                (partner: "Council", amounts: PerYear(["600", "600"]),
                 forecast_outturn: Some(PerYear(["{council_outturn}", "600"]))),
                (partner: "NHS", amounts: PerYear(["400", "400"]),
                 forecast_outturn: Some(PerYear(["{nhs_outturn}", "400"]))),
            ])))"#
    )];
    project(
        &undiscounted(2),
        &format!(
            "{PARTNERS}\npartnerships: [{}],",
            partnership("Pooled care", &costs, &[])
        )
        .replace("funding: AlignedBudget", "funding: PooledBudget"),
    )
}

#[test]
fn a_pooled_fund_overspend_is_split_by_the_risk_share_rule() {
    // Council puts in £600 a year and NHS £400 for 2 years (60% / 40% of the pool).
    // In year 0 the Council element spends £660 (over by 60) and the NHS element £420
    // (over by 20): an overspend of £80. Costs are contributions plus the share of it:
    //   pro rata:      Council 1,200 + 0.6 × 80 = 1,248;  NHS 800 + 0.4 × 80 = 832
    //   host bears:    Council 1,200 + 80 = 1,280;        NHS 800
    //   each its own:  Council 1,200 + 60 = 1,260;        NHS 800 + 20 = 820
    // Every rule leaves the total at the outturn: £2,080.
    for (rule, council, nhs) in [
        ("ProRata", dec!(1248), dec!(832)),
        ("HostBears", dec!(1280), dec!(800)),
        ("EachBearsOwn", dec!(1260), dec!(820)),
    ] {
        let a = appraise(&pool_project(rule, "Council", "660", "420"));
        no_errors(&a);
        let r = &a.partnerships[0];
        assert_eq!(cost_of(r, "Council"), council, "{rule}");
        assert_eq!(cost_of(r, "NHS"), nhs, "{rule}");
        assert_eq!(r.measures.pvc, dec!(2080), "{rule}");
        let pool = &r.pools[0];
        assert_eq!(pool.line, "Better care fund");
        assert_eq!(pool.host, "Council");
        assert_eq!(pool.total_contributions, dec!(2000));
        assert_eq!(pool.total_variance, dec!(80));
        let share = |name: &str| pool.shares.iter().find(|s| s.partner == name).unwrap();
        assert_eq!(share("Council").contributed, dec!(1200));
        assert_eq!(share("Council").share, Some(dec!(0.6)));
        assert_eq!(share("NHS").share, Some(dec!(0.4)));
        assert_eq!(
            share("Council").variance_borne,
            council - dec!(1200),
            "{rule}"
        );
        assert_eq!(share("NHS").variance_borne, nhs - dec!(800), "{rule}");
        let kind = r
            .cost_by_kind
            .iter()
            .find(|b| b.label == "Pooled funds")
            .unwrap();
        assert_eq!(kind.pv, dec!(2080));
    }
}

#[test]
fn a_pooled_fund_underspend_reduces_costs_pro_rata() {
    // The Council element spends £500 in year 0 (under by 100), NHS exactly £400:
    // pro rata the £100 underspend is returned 60 / 40: Council 1,200 − 60 = 1,140, NHS 800 − 40 = 760.
    let a = appraise(&pool_project("ProRata", "Council", "500", "400"));
    let r = &a.partnerships[0];
    assert_eq!(cost_of(r, "Council"), dec!(1140));
    assert_eq!(cost_of(r, "NHS"), dec!(760));
    assert_eq!(r.pools[0].total_variance, dec!(-100));
}

#[test]
fn a_host_that_contributes_nothing_still_bears_the_variance() {
    // Police hosts but puts nothing in: under "host bears" it carries the whole £80.
    let a = appraise(&pool_project("HostBears", "Police", "660", "420"));
    no_errors(&a);
    let r = &a.partnerships[0];
    assert_eq!(cost_of(r, "Council"), dec!(1200));
    assert_eq!(cost_of(r, "NHS"), dec!(800));
    assert_eq!(cost_of(r, "Police"), dec!(80));
    let police = r.pools[0]
        .shares
        .iter()
        .find(|s| s.partner == "Police")
        .unwrap();
    assert_eq!(police.contributed, dec!(0));
    assert_eq!(police.share, None);
    assert_eq!(police.variance_borne, dec!(80));
}
