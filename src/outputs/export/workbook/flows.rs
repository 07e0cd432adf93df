//! Flows sheets: one per partnership and one for the portfolio, each year's flows as
//! numbers and every derived figure as a live formula.

use super::{
    C_CASHABLE, C_COSTS, C_CUMULATIVE, C_DISCOUNTED, C_ECONOMIC, C_FACTOR, C_FISCAL,
    C_FISCAL_CUMULATIVE, C_FISCAL_PAYBACK, C_INDEX, C_NET, C_PARTNERS, C_PAYBACK, C_RATE, C_SOCIAL,
    C_SROI_FACTOR, C_YEAR, MAX_FORMULA, NEGATIVE_FLAG, NO_FLAG, NOT_THIS_YEAR, R_BCR, R_BUDGET,
    R_CASHABLE_ROI, R_FIRST, R_FISCAL_PAYBACK, R_FISCAL_ROI, R_FLAG, R_GROUP, R_HEAD, R_NET,
    R_PAYBACK, R_PUBLIC_ROI, R_PV_CASHABLE, R_PV_ECONOMIC, R_PV_FISCAL, R_PV_SOCIAL, R_PVB, R_PVC,
    R_SROI, R_SROI_IMPACT, R_SROI_INPUTS, Sheet, Styles, abs, cached, cached_payback, cached_ratio,
    double, money_format, rel, sheet_ref,
};
use crate::appraisal::discount::{discount_factors, rate_for_year};
use crate::appraisal::{Appraisal, Flows, Measures, cumulative_discounted};
use crate::export::ExportError;
use crate::export::yearly::PartnerYearly;
use crate::model::{Project, Year0Convention};
use crate::palette;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartFormat, ChartLine, ChartType, Color, Worksheet};

pub(super) struct FlowsSheet<'a> {
    pub(super) name: &'a str,
    pub(super) title: String,
    pub(super) subtitle: String,
    pub(super) flows: &'a Flows,
    pub(super) cumulative: &'a [Decimal],
    pub(super) measures: &'a Measures,
    pub(super) partners: &'a [PartnerYearly],
    pub(super) partner_columns: bool,
    /// For the portfolio: the partnership sheets whose yearly flows it adds up.
    pub(super) sum_of: Option<&'a [&'a str]>,
}

/// The column of a partner block's series: 0 costs, 1 fiscal, 2 cashable, 3 economic and social.
pub(super) fn partner_col(partner: usize, series: u16) -> u16 {
    let col = u32::from(C_PARTNERS) + 4 * partner as u32 + u32::from(series);
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// The value in a year of a series, zero where the series is short.
fn at(series: &[Decimal], t: usize) -> Decimal {
    series.get(t).copied().unwrap_or_default()
}

/// `SUMPRODUCT(factors, column)` over the yearly rows, or `0` when there are none.
pub(super) fn sumproduct(sheet: Option<&str>, col: u16, n: usize) -> String {
    if n == 0 {
        return "0".to_owned();
    }
    let prefix = sheet
        .map(|s| format!("{}!", sheet_ref(s)))
        .unwrap_or_default();
    let last = R_FIRST + n as u32 - 1;
    format!(
        "SUMPRODUCT({prefix}{}:{},{prefix}{}:{})",
        abs(R_FIRST, C_FACTOR),
        abs(last, C_FACTOR),
        abs(R_FIRST, col),
        abs(last, col)
    )
}

fn ratio_formula(numerator: u32, denominator: u32) -> String {
    let d = abs(denominator, 1);
    format!("IF({d}=0,\"n/a\",{}/{d})", abs(numerator, 1))
}

/// The payback helper of year `t`: the interpolated payback if cumulative discounted
/// net value first turns non-negative in that year, as the engine defines it.
pub(super) fn payback_point(cumulative: &[Decimal], t: usize) -> Option<Decimal> {
    let after = at(cumulative, t);
    let before = if t == 0 {
        Decimal::ZERO
    } else {
        at(cumulative, t - 1)
    };
    let index = Decimal::from(t as u64);
    if after < Decimal::ZERO {
        return None;
    }
    if before < Decimal::ZERO {
        let within = (-before).checked_div(after.checked_sub(before)?)?;
        index.checked_add(within)
    } else if before.is_zero() && after > Decimal::ZERO {
        Some(index)
    } else {
        None
    }
}

impl FlowsSheet<'_> {
    pub(super) fn write(
        &self,
        project: &Project,
        appraisal: &Appraisal,
        styles: &Styles,
    ) -> Result<Worksheet, ExportError> {
        let mut s = Sheet::new(self.name)?;
        let n = appraisal.years.len();
        let last = R_FIRST + n as u32; // the total row
        s.text_with(0, 0, &self.title, &styles.title)?;
        s.paragraph(
            1,
            C_PAYBACK,
            &format!(
                "{} Amounts in {} prices (real terms), {}; year 0 convention: {}.",
                self.subtitle,
                project.settings.price_base_year,
                project.settings.discount.label(),
                project.settings.year0.label()
            ),
            &styles.wrap,
            200,
        )?;
        s.page(Some((C_FISCAL_PAYBACK, last)))?;
        s.width(C_YEAR, 36.0)?;
        s.width(C_INDEX, 17.0)?;
        for col in C_RATE..=C_FISCAL_PAYBACK {
            s.width(col, 15.0)?;
        }

        self.results(&mut s, n, styles)?;
        self.yearly(&mut s, project, appraisal, styles)?;

        if n > 0 {
            let mut chart = Chart::new(ChartType::Line);
            chart
                .add_series()
                .set_name("Cumulative discounted net value")
                .set_categories((self.name, R_FIRST, C_YEAR, last - 1, C_YEAR))
                .set_values((self.name, R_FIRST, C_CUMULATIVE, last - 1, C_CUMULATIVE))
                .set_format(
                    ChartFormat::new().set_line(
                        ChartLine::new()
                            .set_color(Color::RGB(palette::BENEFIT.number()))
                            .set_width(2.25),
                    ),
                );
            chart.title().set_name("Cumulative discounted net value");
            chart.x_axis().set_name("Financial year");
            chart
                .y_axis()
                .set_name(&format!(
                    "{} ({} prices)",
                    project.settings.currency_symbol, project.settings.price_base_year
                ))
                .set_num_format(money_format(&project.settings.currency_symbol));
            chart.legend().set_hidden();
            chart.set_alt_text(format!(
                "Line chart of the cumulative discounted net value of {} by year",
                self.title
            ));
            chart.set_width(640).set_height(300);
            s.chart(3, C_FACTOR, &chart)?;
        }
        s.done()
    }

    fn results(&self, s: &mut Sheet, n: usize, styles: &Styles) -> Result<(), ExportError> {
        let m = self.measures;
        s.text_with(3, 0, "Results (present values)", &styles.bold)?;
        let b = |row: u32| abs(row, 1);
        let money_rows: [(u32, &str, String, Decimal); 8] = [
            (
                R_PVC,
                "Present value of costs (PVC)",
                sumproduct(None, C_COSTS, n),
                m.pvc,
            ),
            (
                R_PV_FISCAL,
                "PV of fiscal benefits",
                sumproduct(None, C_FISCAL, n),
                m.pvb.fiscal,
            ),
            (
                R_PV_CASHABLE,
                "  of which cashable",
                sumproduct(None, C_CASHABLE, n),
                m.pvb_cashable,
            ),
            (
                R_PV_ECONOMIC,
                "PV of economic benefits",
                sumproduct(None, C_ECONOMIC, n),
                m.pvb.economic,
            ),
            (
                R_PV_SOCIAL,
                "PV of social benefits",
                sumproduct(None, C_SOCIAL, n),
                m.pvb.social,
            ),
            (
                R_PVB,
                "Present value of benefits (PVB)",
                format!("{}+{}+{}", b(R_PV_FISCAL), b(R_PV_ECONOMIC), b(R_PV_SOCIAL)),
                m.pvb_total,
            ),
            (
                R_NET,
                "Net present social value (PVB - PVC)",
                format!("{}-{}", b(R_PVB), b(R_PVC)),
                m.net_value,
            ),
            (
                R_BUDGET,
                "Net budget impact (PV fiscal - PVC)",
                format!("{}-{}", b(R_PV_FISCAL), b(R_PVC)),
                m.net_budget_impact,
            ),
        ];
        for (row, label, formula, value) in money_rows {
            s.text(row, 0, label)?;
            let format = if row == R_NET {
                &styles.money_bold
            } else {
                &styles.money
            };
            s.formula(row, 1, &formula, cached(value), format)?;
        }
        let ratio_rows: [(u32, &str, String, Option<Decimal>); 4] = [
            (
                R_BCR,
                "Benefit-cost ratio (PVB / PVC)",
                ratio_formula(R_PVB, R_PVC),
                m.bcr,
            ),
            (
                R_FISCAL_ROI,
                "Fiscal return on investment (PV fiscal / PVC)",
                ratio_formula(R_PV_FISCAL, R_PVC),
                m.fiscal_roi,
            ),
            (
                R_CASHABLE_ROI,
                "Cashable fiscal return (PV cashable / PVC)",
                ratio_formula(R_PV_CASHABLE, R_PVC),
                m.fiscal_roi_cashable,
            ),
            (
                R_PUBLIC_ROI,
                "Public value return on investment",
                ratio_formula(R_PVB, R_PVC),
                m.public_value_roi,
            ),
        ];
        for (row, label, formula, value) in ratio_rows {
            s.text(row, 0, label)?;
            s.formula(row, 1, &formula, cached_ratio(value), &styles.ratio)?;
        }
        s.text(R_PAYBACK, 0, "Payback (years from the start)")?;
        let payback = if n == 0 {
            "\"never\"".to_owned()
        } else {
            let helper = format!(
                "{}:{}",
                abs(R_FIRST, C_PAYBACK),
                abs(R_FIRST + n as u32 - 1, C_PAYBACK)
            );
            format!(
                "IF({}>0,IF(COUNT({helper})=0,\"never\",MIN({helper})),\"never\")",
                b(R_NET)
            )
        };
        s.formula(
            R_PAYBACK,
            1,
            &payback,
            cached_payback(m.payback),
            &styles.years,
        )?;
        s.text(R_FLAG, 0, "Flag")?;
        s.formula(
            R_FLAG,
            1,
            &format!("IF({}<0,\"{NEGATIVE_FLAG}\",\"{NO_FLAG}\")", b(R_NET)),
            if m.net_value < Decimal::ZERO {
                NEGATIVE_FLAG.to_owned()
            } else {
                NO_FLAG.to_owned()
            },
            &styles.flag,
        )?;

        // Beside the Green Book measures: payback on the fiscal case, and the SROI ratio
        // as SROI practice defines it.
        let helper_range = |col: u16| {
            format!(
                "{}:{}",
                abs(R_FIRST, col),
                abs(R_FIRST + n.max(1) as u32 - 1, col)
            )
        };
        s.text(R_FISCAL_PAYBACK, 0, "Fiscal payback (years, fiscal case)")?;
        let fiscal_payback = if n == 0 {
            "\"never\"".to_owned()
        } else {
            let helper = helper_range(C_FISCAL_PAYBACK);
            format!(
                "IF({}>0,IF(COUNT({helper})=0,\"never\",MIN({helper})),\"never\")",
                b(R_BUDGET)
            )
        };
        s.formula(
            R_FISCAL_PAYBACK,
            1,
            &fiscal_payback,
            cached_payback(m.fiscal_payback),
            &styles.years,
        )?;
        let benefits = [C_FISCAL, C_ECONOMIC, C_SOCIAL];
        let impact = if n == 0 {
            "0".to_owned()
        } else {
            benefits
                .iter()
                .map(|col| {
                    format!(
                        "SUMPRODUCT({},{})",
                        helper_range(C_SROI_FACTOR),
                        helper_range(*col)
                    )
                })
                .collect::<Vec<_>>()
                .join("+")
        };
        s.text(R_SROI_IMPACT, 0, "SROI: PV of impact from year 1")?;
        s.formula(
            R_SROI_IMPACT,
            1,
            &impact,
            cached(m.sroi_impact),
            &styles.money,
        )?;
        s.text(R_SROI_INPUTS, 0, "SROI: inputs, not discounted")?;
        let inputs = if n == 0 {
            "0".to_owned()
        } else {
            format!("SUM({})", helper_range(C_COSTS))
        };
        s.formula(
            R_SROI_INPUTS,
            1,
            &inputs,
            cached(m.sroi_inputs),
            &styles.money,
        )?;
        s.text(R_SROI, 0, "SROI ratio (not the Green Book BCR)")?;
        s.formula(
            R_SROI,
            1,
            &ratio_formula(R_SROI_IMPACT, R_SROI_INPUTS),
            cached_ratio(m.sroi_ratio),
            &styles.ratio,
        )?;
        Ok(())
    }

    fn yearly(
        &self,
        s: &mut Sheet,
        project: &Project,
        appraisal: &Appraisal,
        styles: &Styles,
    ) -> Result<(), ExportError> {
        let n = appraisal.years.len();
        let settings = &project.settings;
        // The rate column reproduces the engine's factors unless the engine could not
        // compute them (it then discounts nothing and says so in its diagnostics).
        let live_factors = discount_factors(settings).is_ok();
        let net = self.flows.net().unwrap_or_default();
        let fiscal_net: Vec<Decimal> = self
            .flows
            .benefits
            .fiscal
            .iter()
            .zip(&self.flows.costs)
            .map(|(b, c)| b.saturating_sub(*c))
            .collect();
        let fiscal_cumulative_values =
            cumulative_discounted(&fiscal_net, &appraisal.discount_factors).unwrap_or_default();

        s.text_with(
            R_GROUP,
            0,
            "Yearly flows (real terms, undiscounted unless stated)",
            &styles.bold,
        )?;
        let headers: [(u16, &str); 16] = [
            (C_YEAR, "Financial year"),
            (C_INDEX, "Year index"),
            (C_RATE, "Discount rate this year"),
            (C_FACTOR, "Discount factor"),
            (C_COSTS, "Costs"),
            (C_FISCAL, "Fiscal benefits"),
            (C_CASHABLE, "of which cashable"),
            (C_ECONOMIC, "Economic benefits"),
            (C_SOCIAL, "Social benefits"),
            (C_NET, "Net benefit"),
            (C_DISCOUNTED, "Discounted net benefit"),
            (C_CUMULATIVE, "Cumulative discounted net"),
            (C_PAYBACK, "Payback if reached this year"),
            (C_SROI_FACTOR, "SROI discount factor (from year 1)"),
            (C_FISCAL_CUMULATIVE, "Cumulative discounted fiscal net"),
            (C_FISCAL_PAYBACK, "Fiscal payback if reached this year"),
        ];
        for (col, text) in headers {
            s.text_with(R_HEAD, col, text, &styles.header)?;
        }
        s.height(R_HEAD, 45.0)?;
        if self.partner_columns {
            for (i, p) in self.partners.iter().enumerate() {
                s.text_with(R_GROUP, partner_col(i, 0), &p.partner, &styles.bold)?;
                let labels = [
                    "Costs borne",
                    "Fiscal benefits",
                    "of which cashable",
                    "Economic and social",
                ];
                for (k, label) in (0u16..).zip(labels) {
                    s.text_with(R_HEAD, partner_col(i, k), label, &styles.header)?;
                    s.width(partner_col(i, k), 15.0)?;
                }
            }
        }

        for (t, year) in appraisal.years.iter().enumerate() {
            let row = R_FIRST + t as u32;
            s.text(row, C_YEAR, &year.to_string())?;
            s.number(row, C_INDEX, t as f64)?;
            let factor = at(&appraisal.discount_factors, t);
            if live_factors {
                // The rate that discounts this year from the one before. Under the Green
                // Book convention year 0 is not discounted; under the SROI convention
                // year index t takes the schedule's factor for t + 1.
                let schedule_year = match settings.year0 {
                    Year0Convention::GreenBook => t as u32,
                    Year0Convention::DiscountFirstYear => t as u32 + 1,
                };
                let rate = if schedule_year == 0 {
                    Decimal::ZERO
                } else {
                    rate_for_year(settings.discount, schedule_year)
                };
                s.number_with(row, C_RATE, double(rate), &styles.percent)?;
                let previous = if t == 0 {
                    "1".to_owned()
                } else {
                    rel(row - 1, C_FACTOR)
                };
                s.formula(
                    row,
                    C_FACTOR,
                    &format!("{previous}/(1+{})", rel(row, C_RATE)),
                    cached(factor),
                    &styles.factor,
                )?;
            } else {
                s.number_with(row, C_FACTOR, double(factor), &styles.factor)?;
            }
            // SROI practice discounts from year 1: the schedule's factor for t + 1.
            let sroi_factor = at(&appraisal.sroi_factors, t);
            if live_factors {
                let formula = match settings.year0 {
                    Year0Convention::GreenBook => format!(
                        "{}/(1+{})",
                        rel(row, C_FACTOR),
                        rate_for_year(settings.discount, t as u32 + 1).normalize()
                    ),
                    Year0Convention::DiscountFirstYear => rel(row, C_FACTOR),
                };
                s.formula(
                    row,
                    C_SROI_FACTOR,
                    &formula,
                    cached(sroi_factor),
                    &styles.factor,
                )?;
            } else {
                s.number_with(row, C_SROI_FACTOR, double(sroi_factor), &styles.factor)?;
            }

            let inputs = [
                (C_COSTS, &self.flows.costs),
                (C_FISCAL, &self.flows.benefits.fiscal),
                (C_CASHABLE, &self.flows.cashable),
                (C_ECONOMIC, &self.flows.benefits.economic),
                (C_SOCIAL, &self.flows.benefits.social),
            ];
            for (col, series) in inputs {
                let value = at(series, t);
                match self.sum_of {
                    Some(sheets) if !sheets.is_empty() => {
                        let cell = abs(row, col);
                        let formula = sheets
                            .iter()
                            .map(|sheet| format!("{}!{cell}", sheet_ref(sheet)))
                            .collect::<Vec<_>>()
                            .join("+");
                        if formula.len() <= MAX_FORMULA {
                            s.formula(row, col, &formula, cached(value), &styles.money)?;
                        } else {
                            s.number_with(row, col, double(value), &styles.money)?;
                        }
                    }
                    _ => s.number_with(row, col, double(value), &styles.money)?,
                }
            }
            let r = |col: u16| rel(row, col);
            let net_t = at(&net, t);
            s.formula(
                row,
                C_NET,
                &format!(
                    "{}+{}+{}-{}",
                    r(C_FISCAL),
                    r(C_ECONOMIC),
                    r(C_SOCIAL),
                    r(C_COSTS)
                ),
                cached(net_t),
                &styles.money,
            )?;
            s.formula(
                row,
                C_DISCOUNTED,
                &format!("{}*{}", r(C_NET), r(C_FACTOR)),
                cached(net_t.checked_mul(factor).unwrap_or_default()),
                &styles.money,
            )?;
            let cumulative = if t == 0 {
                r(C_DISCOUNTED)
            } else {
                format!("{}+{}", rel(row - 1, C_CUMULATIVE), r(C_DISCOUNTED))
            };
            s.formula(
                row,
                C_CUMULATIVE,
                &cumulative,
                cached(at(self.cumulative, t)),
                &styles.money,
            )?;
            let helper = if t == 0 {
                format!(
                    "IF({}>0,{},\"{NOT_THIS_YEAR}\")",
                    r(C_CUMULATIVE),
                    r(C_INDEX)
                )
            } else {
                let (after, before) = (r(C_CUMULATIVE), rel(row - 1, C_CUMULATIVE));
                format!(
                    "IF(AND({after}>=0,OR({before}<0,AND({before}=0,{after}>0))),{}+IF({before}<0,-{before}/({after}-{before}),0),\"{NOT_THIS_YEAR}\")",
                    r(C_INDEX)
                )
            };
            s.formula(
                row,
                C_PAYBACK,
                &helper,
                payback_point(self.cumulative, t).map_or_else(|| NOT_THIS_YEAR.to_owned(), cached),
                &styles.years,
            )?;
            // The same on the fiscal case: fiscal benefits less costs.
            let fiscal_discounted = format!("({}-{})*{}", r(C_FISCAL), r(C_COSTS), r(C_FACTOR));
            let fiscal_cumulative = if t == 0 {
                fiscal_discounted
            } else {
                format!("{}+{fiscal_discounted}", rel(row - 1, C_FISCAL_CUMULATIVE))
            };
            s.formula(
                row,
                C_FISCAL_CUMULATIVE,
                &fiscal_cumulative,
                cached(at(&fiscal_cumulative_values, t)),
                &styles.money,
            )?;
            let fiscal_helper = if t == 0 {
                format!(
                    "IF({}>0,{},\"{NOT_THIS_YEAR}\")",
                    r(C_FISCAL_CUMULATIVE),
                    r(C_INDEX)
                )
            } else {
                let (after, before) = (r(C_FISCAL_CUMULATIVE), rel(row - 1, C_FISCAL_CUMULATIVE));
                format!(
                    "IF(AND({after}>=0,OR({before}<0,AND({before}=0,{after}>0))),{}+IF({before}<0,-{before}/({after}-{before}),0),\"{NOT_THIS_YEAR}\")",
                    r(C_INDEX)
                )
            };
            s.formula(
                row,
                C_FISCAL_PAYBACK,
                &fiscal_helper,
                payback_point(&fiscal_cumulative_values, t)
                    .map_or_else(|| NOT_THIS_YEAR.to_owned(), cached),
                &styles.years,
            )?;

            if self.partner_columns {
                for (i, p) in self.partners.iter().enumerate() {
                    let series = [&p.costs, &p.fiscal, &p.cashable, &p.economic_and_social];
                    for (k, values) in (0u16..).zip(series) {
                        s.number_with(
                            row,
                            partner_col(i, k),
                            double(at(values, t)),
                            &styles.money,
                        )?;
                    }
                }
            }
        }

        // Totals over the horizon.
        let total_row = R_FIRST + n as u32;
        s.text_with(total_row, C_YEAR, "Total over the horizon", &styles.bold)?;
        let mut total_cols: Vec<(u16, Decimal)> = vec![
            (C_COSTS, sum(&self.flows.costs)),
            (C_FISCAL, sum(&self.flows.benefits.fiscal)),
            (C_CASHABLE, sum(&self.flows.cashable)),
            (C_ECONOMIC, sum(&self.flows.benefits.economic)),
            (C_SOCIAL, sum(&self.flows.benefits.social)),
            (C_NET, sum(&net)),
            (C_DISCOUNTED, at(self.cumulative, n.saturating_sub(1))),
        ];
        if self.partner_columns {
            for (i, p) in self.partners.iter().enumerate() {
                let series = [&p.costs, &p.fiscal, &p.cashable, &p.economic_and_social];
                for (k, values) in (0u16..).zip(series) {
                    total_cols.push((partner_col(i, k), sum(values)));
                }
            }
        }
        for (col, value) in total_cols {
            let formula = if n == 0 {
                "0".to_owned()
            } else {
                format!("SUM({}:{})", rel(R_FIRST, col), rel(total_row - 1, col))
            };
            s.formula(total_row, col, &formula, cached(value), &styles.money_bold)?;
        }
        Ok(())
    }
}

/// The total of a series; on overflow (which the engine would have reported) the
/// doubles' sum, which is what the workbook will compute anyway.
fn sum(series: &[Decimal]) -> Decimal {
    series
        .iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
        .unwrap_or_else(|| {
            Decimal::from_f64_retain(series.iter().map(|d| double(*d)).sum()).unwrap_or_default()
        })
}
