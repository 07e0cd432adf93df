use super::common::{dp4, pence, project, settings, undiscounted};
use super::{appraise, no_errors, one_partnership, other_cost};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

// ---------------------------------------------------------------------------------
// Discounting

#[test]
fn standard_schedule_matches_the_published_green_book_factors() {
    // Green Book Annex A6 discount factors, to 4 places, as listed in METHOD.md.
    let a = appraise(&project(&settings(101, "Standard", "GreenBook"), ""));
    assert_eq!(a.discount_factors.len(), 101);
    assert_eq!(a.discount_factors[0], Decimal::ONE);
    let published = [
        (1, dec!(0.9662)),
        (10, dec!(0.7089)),
        (20, dec!(0.5026)),
        (30, dec!(0.3563)),
        (40, dec!(0.2651)),
        (50, dec!(0.1973)),
        (100, dec!(0.0508)),
    ];
    for (t, df) in published {
        assert_eq!(dp4(a.discount_factors[t]), df, "DF({t})");
    }
}

#[test]
fn each_year_is_discounted_at_its_own_band_rate() {
    // DF(t) = DF(t-1) / (1 + r(t)): year 31 is DF(30)/1.03, not 1/1.03^31 (0.3999...),
    // and not a flat 3.5% (1/1.035^31 = 0.3442...). DF(30) = 1/1.035^30 = 0.356278410602...,
    // so DF(31) = 0.345901369517... (worked with Python's decimal module at 50 digits).
    let a = appraise(&project(&settings(300, "Standard", "GreenBook"), ""));
    let f = &a.discount_factors;
    assert_eq!(f.len(), 300);
    assert_eq!(f[30].round_dp(10), dec!(0.3562784106));
    assert_eq!(f[31].round_dp(10), dec!(0.3459013695));
    for (t, rate) in [
        (31, dec!(1.03)),
        (75, dec!(1.03)),
        (76, dec!(1.025)),
        (125, dec!(1.025)),
        (126, dec!(1.02)),
        (200, dec!(1.02)),
        (201, dec!(1.015)),
        (299, dec!(1.015)),
    ] {
        assert_eq!(
            f[t].round_dp(20),
            (f[t - 1] / rate).round_dp(20),
            "year {t} should be discounted from year {} at {rate}",
            t - 1
        );
    }
}

#[test]
fn health_schedule_first_band_is_one_over_1_015_to_the_t() {
    // 1/1.015 = 0.98522167487..., 1/1.015^10 = 0.86166723172..., 1/1.015^30 = 0.63976242990...
    // then year 31 at the second band: DF(30)/1.0129 = 0.63161460154...
    let a = appraise(&project(&settings(40, "Health", "GreenBook"), ""));
    let f = &a.discount_factors;
    assert_eq!(f[0], Decimal::ONE);
    assert_eq!(f[1].round_dp(10), dec!(0.9852216749));
    assert_eq!(f[10].round_dp(10), dec!(0.8616672317));
    assert_eq!(f[30].round_dp(10), dec!(0.6397624299));
    assert_eq!(f[31].round_dp(10), dec!(0.6316146015));
}

#[test]
fn discounting_the_first_year_shifts_every_factor_by_one_period() {
    let green_book = appraise(&project(&settings(40, "Standard", "GreenBook"), ""));
    let sroi = appraise(&project(&settings(40, "Standard", "DiscountFirstYear"), ""));
    assert_eq!(sroi.discount_factors.len(), 40);
    // Year index 0 is discounted one period: 1/1.035 = 0.9662.
    assert_eq!(dp4(sroi.discount_factors[0]), dec!(0.9662));
    for t in 0..39 {
        assert_eq!(sroi.discount_factors[t], green_book.discount_factors[t + 1]);
    }
    // Index 39 under the SROI convention is DF(40), 0.2651 in the published table.
    assert_eq!(dp4(sroi.discount_factors[39]), dec!(0.2651));
}

#[test]
fn present_value_of_a_cost_under_each_year_0_convention() {
    // £1,000 a year for 3 years, standard schedule.
    // Green Book: 1000 × (1 + 1/1.035 + 1/1.035²) = 2,899.694275... → £2,899.69.
    // First year discounted: 1000 × (1/1.035 + 1/1.035² + 1/1.035³) = 2,801.636981... → £2,801.64.
    let costs = [other_cost(
        "Secretariat",
        "Council",
        r#""1000", "1000", "1000""#,
        r#"Direct("0")"#,
    )];
    let gb = appraise(&one_partnership(
        &settings(10, "Standard", "GreenBook"),
        &costs,
        &[],
    ));
    let sroi = appraise(&one_partnership(
        &settings(10, "Standard", "DiscountFirstYear"),
        &costs,
        &[],
    ));
    no_errors(&gb);
    assert_eq!(pence(gb.partnerships[0].measures.pvc), dec!(2899.69));
    assert_eq!(pence(sroi.partnerships[0].measures.pvc), dec!(2801.64));
}

#[test]
fn a_custom_flat_rate_applies_to_every_year() {
    // 5% throughout, with no declining bands: DF(40) = 1/1.05^40 = 0.14204568230...
    let a = appraise(&project(
        &settings(41, r#"Custom("0.05")"#, "GreenBook"),
        "",
    ));
    assert_eq!(a.discount_factors[1].round_dp(10), dec!(0.9523809524));
    assert_eq!(a.discount_factors[40].round_dp(10), dec!(0.1420456823));
    // 0% leaves every year undiscounted.
    let zero = appraise(&project(&undiscounted(12), ""));
    assert_eq!(zero.discount_factors, vec![Decimal::ONE; 12]);
}

#[test]
fn years_are_financial_years_from_the_first_year() {
    let a = appraise(&project(&settings(3, "Standard", "GreenBook"), ""));
    let years: Vec<String> = a.years.iter().map(|y| y.to_string()).collect();
    assert_eq!(years, ["2026/27", "2027/28", "2028/29"]);
}
