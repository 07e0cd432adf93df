//! `appraise --format json`: the results as report types, money rounded to pence and
//! ratios to 4 places by `format::round`, written as strings.

use super::analysis::AnalysisReport;
use super::conventions;
use super::register::{RegisterReport, SignificanceTestReport};
use crate::appraisal::{
    AllCompleteness, Appraisal, ByType, Completeness, Diagnostic, Measures, PartnerPosition,
    Payback, PoolResult,
};
use crate::format::round;
use crate::model::{Project, RiskShare};
use rust_decimal::Decimal;
use serde::Serialize;

/// The machine-readable results: `appraise --format json`. Money is rounded to pence
/// and ratios to 4 places, all written as strings so no precision is lost in transit.
#[derive(Serialize)]
pub struct Report {
    pub project: String,
    /// False when any line or part is left out or any error stands.
    pub complete: bool,
    pub completeness: CompletenessReport,
    pub conventions: Vec<Convention>,
    pub partnerships: Vec<PartnershipReport>,
    pub portfolio: PortfolioReport,
    /// Which partnerships the annual review treats as significant.
    pub significance_test: SignificanceTestReport,
    pub diagnostics: Vec<Diagnostic>,
    /// The portfolio's count of the review cycle on the day given, with `appraise --as-of`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_summary: Option<crate::appraisal::review::ReviewSummary>,
    /// Actuals against plan: the baseline, the forecast (the figures above) and the
    /// re-forecast, and the variance; only when a baseline is set or an actual entered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actuals: Option<super::ActualsJson>,
    /// The rating rule and the delivery chain from priorities to partners, when the
    /// project has priorities or objectives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_chain: Option<super::DeliveryChainReport>,
}

/// What figures leave out, and the errors that stand.
#[derive(Serialize)]
pub struct CompletenessReport {
    pub complete: bool,
    pub lines_left_out: usize,
    pub parts_left_out: usize,
    pub errors: usize,
    /// "2 lines left out, 1 error", or null when complete.
    pub summary: Option<String>,
}

impl CompletenessReport {
    pub fn new(c: &Completeness) -> Self {
        CompletenessReport {
            complete: c.is_complete(),
            lines_left_out: c.lines_left_out,
            parts_left_out: c.parts_left_out,
            errors: c.errors,
            summary: c.summary(),
        }
    }
}

#[derive(Serialize)]
pub struct Convention {
    pub name: &'static str,
    pub value: String,
}

#[derive(Serialize)]
pub struct MeasuresReport {
    pub pvc: Decimal,
    pub pvb_fiscal: Decimal,
    pub pvb_economic: Decimal,
    pub pvb_social: Decimal,
    pub pvb_total: Decimal,
    pub net_value: Decimal,
    pub bcr: Option<Decimal>,
    pub net_budget_impact: Decimal,
    pub fiscal_roi: Option<Decimal>,
    pub fiscal_roi_cashable: Option<Decimal>,
    pub public_value_roi: Option<Decimal>,
    /// Years, or null for never.
    pub payback_years: Option<Decimal>,
    /// Payback on the fiscal case (fiscal benefits against costs): years, or null for never.
    pub fiscal_payback_years: Option<Decimal>,
    /// SROI practice: PV of impact discounted from year 1, inputs undiscounted, and their ratio.
    pub sroi_impact: Decimal,
    pub sroi_inputs: Decimal,
    pub sroi_ratio: Option<Decimal>,
}

pub(super) fn payback_years(p: Payback) -> Option<Decimal> {
    match p {
        Payback::Years(y) => Some(round(y, 2)),
        Payback::Never => None,
    }
}

impl MeasuresReport {
    pub fn new(m: &Measures) -> Self {
        let r = |o: Option<Decimal>| o.map(|v| round(v, 4));
        MeasuresReport {
            pvc: round(m.pvc, 2),
            pvb_fiscal: round(m.pvb.fiscal, 2),
            pvb_economic: round(m.pvb.economic, 2),
            pvb_social: round(m.pvb.social, 2),
            pvb_total: round(m.pvb_total, 2),
            net_value: round(m.net_value, 2),
            bcr: r(m.bcr),
            net_budget_impact: round(m.net_budget_impact, 2),
            fiscal_roi: r(m.fiscal_roi),
            fiscal_roi_cashable: r(m.fiscal_roi_cashable),
            public_value_roi: r(m.public_value_roi),
            payback_years: payback_years(m.payback),
            fiscal_payback_years: payback_years(m.fiscal_payback),
            sroi_impact: round(m.sroi_impact, 2),
            sroi_inputs: round(m.sroi_inputs, 2),
            sroi_ratio: r(m.sroi_ratio),
        }
    }
}

#[derive(Serialize)]
pub struct PartnerReport {
    pub partner: String,
    pub pv_costs: Decimal,
    pub pv_fiscal: Decimal,
    pub pv_cashable: Decimal,
    pub pv_non_cashable: Decimal,
    pub pv_economic: Decimal,
    pub pv_social: Decimal,
    pub pv_economic_and_social: Decimal,
    pub net_budget: Decimal,
    pub net_value: Decimal,
    pub fiscal_roi: Option<Decimal>,
}

impl PartnerReport {
    fn new(p: &PartnerPosition) -> Self {
        PartnerReport {
            partner: p.partner.clone(),
            pv_costs: round(p.pv_costs, 2),
            pv_fiscal: round(p.pv_fiscal, 2),
            pv_cashable: round(p.pv_cashable, 2),
            pv_non_cashable: round(p.pv_non_cashable(), 2),
            pv_economic: round(p.pv_economic, 2),
            pv_social: round(p.pv_social, 2),
            pv_economic_and_social: round(p.pv_other, 2),
            net_budget: round(p.net_budget, 2),
            net_value: round(p.net_value, 2),
            fiscal_roi: p.fiscal_roi.map(|v| round(v, 4)),
        }
    }
}

/// Benefits attributed to no partner, by type.
#[derive(Serialize)]
pub struct ByTypeReport {
    pub fiscal: Decimal,
    pub economic: Decimal,
    pub social: Decimal,
}

impl ByTypeReport {
    fn new(b: &ByType<Decimal>) -> Self {
        ByTypeReport {
            fiscal: round(b.fiscal, 2),
            economic: round(b.economic, 2),
            social: round(b.social, 2),
        }
    }
}

/// A pooled fund's shares at reporting precision.
#[derive(Serialize)]
pub struct PoolReport {
    pub line: String,
    pub host: String,
    pub risk_share: RiskShare,
    pub total_contributions: Decimal,
    pub total_variance: Decimal,
    pub shares: Vec<PoolShareReport>,
}

#[derive(Serialize)]
pub struct PoolShareReport {
    pub partner: String,
    pub contributed: Decimal,
    pub share: Option<Decimal>,
    pub variance_borne: Decimal,
}

impl PoolReport {
    fn new(pool: &PoolResult) -> Self {
        PoolReport {
            line: pool.line.clone(),
            host: pool.host.clone(),
            risk_share: pool.risk_share,
            total_contributions: round(pool.total_contributions, 2),
            total_variance: round(pool.total_variance, 2),
            shares: pool
                .shares
                .iter()
                .map(|s| PoolShareReport {
                    partner: s.partner.clone(),
                    contributed: round(s.contributed, 2),
                    share: s.share.map(|v| round(v, 4)),
                    variance_borne: round(s.variance_borne, 2),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct NamedValue {
    pub name: String,
    pub pv: Decimal,
}

#[derive(Serialize)]
pub struct PartnershipReport {
    pub name: String,
    pub completeness: CompletenessReport,
    pub status: String,
    pub funding: String,
    pub measures: MeasuresReport,
    /// Net value is negative: consider scaling down.
    pub negative: bool,
    pub partners: Vec<PartnerReport>,
    pub wider_society: Decimal,
    pub wider_society_by_type: ByTypeReport,
    pub cost_by_layer: Vec<NamedValue>,
    pub cost_by_kind: Vec<NamedValue>,
    /// Each pooled fund's contributions, shares and variance, over the horizon (undiscounted).
    pub pools: Vec<PoolReport>,
    /// Its lines entered in cash prices and deflated to the price base year.
    pub deflated_lines: Vec<String>,
    /// The register, governance check, risks and significance finding: review data, in
    /// no figure above.
    pub register: RegisterReport,
    /// Sensitivity and switching values, with `appraise --analysis`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<AnalysisReport>,
    /// The partnership's reviews, in the order entered (left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<super::ReviewReport>,
    /// Where it stands in the review cycle on the day given, with `appraise --as-of`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_status: Option<crate::appraisal::review::ReviewStatus>,
    /// The partnership's objectives with their indicators, ratings and contributions
    /// (left out when there are none): review data, in no figure above.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<super::ObjectiveReport>,
}

#[derive(Serialize)]
pub struct PortfolioReport {
    pub completeness: CompletenessReport,
    pub measures: MeasuresReport,
    /// Partnership names, highest net value first.
    pub ranking: Vec<String>,
    pub partners: Vec<PartnerReport>,
    pub wider_society: Decimal,
    pub wider_society_by_type: ByTypeReport,
}

pub(super) fn named(b: &[crate::appraisal::Breakdown]) -> Vec<NamedValue> {
    b.iter()
        .map(|x| NamedValue {
            name: x.label.clone(),
            pv: round(x.pv, 2),
        })
        .collect()
}

impl Report {
    /// The whole report, its partnerships made on every core, in order.
    pub fn new(project: &Project, appraisal: &Appraisal, diagnostics: Vec<Diagnostic>) -> Self {
        let (mut report, partnerships) = Report::outline(project, appraisal, diagnostics);
        report.partnerships =
            crate::appraisal::each_on_every_core(0..partnerships.len(), |i| partnerships.make(i));
        report
    }

    /// The report with its list of partnerships left empty, and what makes each of them:
    /// `appraise --format json` makes and writes them a batch at a time, so the list is
    /// never held whole beside the results (docs/PERFORMANCE.md).
    pub fn outline<'a>(
        project: &'a Project,
        appraisal: &'a Appraisal,
        diagnostics: Vec<Diagnostic>,
    ) -> (Self, PartnershipReports<'a>) {
        let all = AllCompleteness::new(appraisal, &diagnostics);
        let pf = &appraisal.portfolio;
        let completeness = all.portfolio;
        let mut report = Report {
            project: project.name.clone(),
            complete: completeness.is_complete(),
            completeness: CompletenessReport::new(&completeness),
            conventions: conventions(project)
                .into_iter()
                .map(|(name, value)| Convention { name, value })
                .collect(),
            partnerships: Vec::new(),
            portfolio: PortfolioReport {
                completeness: CompletenessReport::new(&completeness),
                measures: MeasuresReport::new(&pf.measures),
                ranking: pf
                    .ranking
                    .iter()
                    .filter_map(|i| project.partnerships.get(*i))
                    .map(|p| p.name.clone())
                    .collect(),
                partners: pf.partners.iter().map(PartnerReport::new).collect(),
                wider_society: round(pf.wider_society, 2),
                wider_society_by_type: ByTypeReport::new(&pf.wider_society_by_type),
            },
            significance_test: SignificanceTestReport::new(&project.significance),
            actuals: super::ActualsJson::wanted(project).then(|| {
                super::ActualsJson::new(&crate::appraisal::actuals::actuals(project, appraisal))
            }),
            diagnostics,
            review_summary: None,
            delivery_chain: None,
        };
        let objectives = report.add_delivery_chain(project);
        let partnerships = PartnershipReports {
            project,
            appraisal,
            completeness: all.partnerships,
            significance: crate::appraisal::significance(project, appraisal),
            objectives,
            analysis: None,
            review_status: None,
        };
        (report, partnerships)
    }
}

/// What makes each partnership's part of a [`Report`], the same part however many are
/// made at once.
pub struct PartnershipReports<'a> {
    pub(super) project: &'a Project,
    appraisal: &'a Appraisal,
    completeness: Vec<Completeness>,
    significance: Vec<crate::appraisal::SignificanceFinding>,
    /// Whether each partnership's objectives are written (the project has priorities or
    /// objectives).
    objectives: bool,
    analysis: Option<Vec<AnalysisReport>>,
    pub(super) review_status: Option<Vec<crate::appraisal::review::ReviewStatus>>,
}

impl PartnershipReports<'_> {
    /// How many partnerships the report has.
    pub fn len(&self) -> usize {
        let project = &self.project.partnerships;
        project.len().min(self.appraisal.partnerships.len())
    }

    /// Whether the report has no partnership.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds each partnership's sensitivity and switching values, worked out now on every
    /// core (`appraise --analysis`).
    pub fn add_analysis(&mut self) {
        self.analysis = Some(AnalysisReport::every(self.project));
    }

    /// Partnership `i`'s part of the report (`i` below [`Self::len`]).
    pub fn make(&self, i: usize) -> PartnershipReport {
        let (p, r) = (
            &self.project.partnerships[i],
            &self.appraisal.partnerships[i],
        );
        PartnershipReport {
            name: p.name.clone(),
            completeness: CompletenessReport::new(&self.completeness[i]),
            status: p.status.label().to_owned(),
            funding: p.funding.label().to_owned(),
            measures: MeasuresReport::new(&r.measures),
            negative: r.negative,
            partners: r.partners.iter().map(PartnerReport::new).collect(),
            wider_society: round(r.wider_society, 2),
            wider_society_by_type: ByTypeReport::new(&r.wider_society_by_type),
            cost_by_layer: named(&r.cost_by_layer),
            cost_by_kind: named(&r.cost_by_kind),
            pools: r.pools.iter().map(PoolReport::new).collect(),
            deflated_lines: p
                .costs
                .iter()
                .filter(|c| !c.prices.is_real())
                .map(|c| c.name.clone())
                .chain(
                    p.benefits
                        .iter()
                        .filter(|b| !b.prices.is_real())
                        .map(|b| b.name.clone()),
                )
                .collect(),
            register: RegisterReport::new(&p.register, self.significance.get(i)),
            analysis: self.analysis.as_ref().and_then(|a| a.get(i)).cloned(),
            reviews: super::reviews_of(&p.reviews),
            review_status: self.review_status.as_ref().and_then(|s| s.get(i)).cloned(),
            objectives: if self.objectives {
                super::objectives::objectives_of(&p.objectives)
            } else {
                Vec::new()
            },
        }
    }
}
