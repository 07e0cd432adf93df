//! What a board sees across all partnerships, as plain data the screens draw: the
//! partnerships a filter and a sort show and their totals, the headline figures, each
//! partner's exposure, the cost of joint working by layer and kind, and the partner
//! network (`network/`); and the delivery chain from priorities to partners
//! (`chain.rs`, from the model alone). Every figure comes from an [`Appraisal`] of the [`Project`];
//! nothing here is worded or drawn.

pub mod annual;
mod chain;
mod network;

pub use chain::{
    ChainContributor, ChainObjective, ChainPriority, DeliveryChain, PartnerDelivery, delivery_chain,
};
pub use network::{
    Cell, KeptNetwork, Network, NetworkMeasure, Officers, PartnerTotal, SharedMembership,
    TimeGiven, hours_by_partner, network, time_given,
};

use super::{Appraisal, Breakdown, Payback, num, payback};
use crate::model::{FundingArrangement, Project, Status};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A column the partnerships can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Status,
    Funding,
    Pvc,
    Pvb,
    NetValue,
    Bcr,
    Payback,
}

impl SortColumn {
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Name,
        SortColumn::Status,
        SortColumn::Funding,
        SortColumn::Pvc,
        SortColumn::Pvb,
        SortColumn::NetValue,
        SortColumn::Bcr,
        SortColumn::Payback,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "Partnership",
            SortColumn::Status => "Status",
            SortColumn::Funding => "Funding",
            SortColumn::Pvc => "PVC",
            SortColumn::Pvb => "PVB",
            SortColumn::NetValue => "Net value",
            SortColumn::Bcr => "BCR",
            SortColumn::Payback => "Payback",
        }
    }

    /// Amounts are first sorted largest first; words A to Z, and payback shortest first.
    pub fn starts_descending(self) -> bool {
        !matches!(
            self,
            SortColumn::Name | SortColumn::Status | SortColumn::Funding | SortColumn::Payback
        )
    }

    /// A column of figures rather than words.
    pub fn numeric(self) -> bool {
        !matches!(
            self,
            SortColumn::Name | SortColumn::Status | SortColumn::Funding
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Default for Sort {
    /// Highest net value first: the Audit Commission's ranking.
    fn default() -> Self {
        Sort {
            column: SortColumn::NetValue,
            descending: true,
        }
    }
}

impl Sort {
    /// The order after choosing `column`: the same column again reverses the order,
    /// another starts in its own first order.
    pub fn by(self, column: SortColumn) -> Sort {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column.starts_descending(),
            }
        }
    }
}

/// Which partnerships are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Text a partnership's name, status or funding must contain (any case; blank for any).
    pub text: String,
    pub status: Option<Status>,
    pub funding: Option<FundingArrangement>,
    /// Only partnerships whose net value is negative.
    pub negative_only: bool,
}

impl Filter {
    /// True when it leaves any partnership out (or might).
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
            || self.status.is_some()
            || self.funding.is_some()
            || self.negative_only
    }
}

/// The partnerships that pass `filter`, in `sort` order (indices into the project).
pub fn visible(
    project: &Project,
    appraisal: &Appraisal,
    filter: &Filter,
    sort: Sort,
) -> Vec<usize> {
    let needle = filter.text.trim().to_lowercase();
    let count = project.partnerships.len().min(appraisal.partnerships.len());
    let mut rows: Vec<usize> = (0..count)
        .filter(|&i| {
            let p = &project.partnerships[i];
            let r = &appraisal.partnerships[i];
            filter.status.is_none_or(|s| p.status == s)
                && filter.funding.is_none_or(|f| p.funding == f)
                && (!filter.negative_only || r.negative)
                && (needle.is_empty()
                    || p.name.to_lowercase().contains(&needle)
                    || p.status.label().to_lowercase().contains(&needle)
                    || p.funding.label().to_lowercase().contains(&needle))
        })
        .collect();
    let Sort { column, descending } = sort;
    let direct = |o: Ordering| if descending { o.reverse() } else { o };
    let m = |i: usize| &appraisal.partnerships[i].measures;
    match column {
        SortColumn::Name => {
            rows.sort_by_cached_key(|&i| project.partnerships[i].name.to_lowercase());
            if descending {
                rows.reverse();
            }
        }
        SortColumn::Status => rows.sort_by(|&a, &b| {
            direct(
                project.partnerships[a]
                    .status
                    .cmp(&project.partnerships[b].status),
            )
        }),
        SortColumn::Funding => rows.sort_by(|&a, &b| {
            direct(
                project.partnerships[a]
                    .funding
                    .label()
                    .cmp(project.partnerships[b].funding.label()),
            )
        }),
        SortColumn::Pvc => rows.sort_by(|&a, &b| direct(m(a).pvc.cmp(&m(b).pvc))),
        SortColumn::Pvb => rows.sort_by(|&a, &b| direct(m(a).pvb_total.cmp(&m(b).pvb_total))),
        SortColumn::NetValue => rows.sort_by(|&a, &b| direct(m(a).net_value.cmp(&m(b).net_value))),
        // "n/a" (no costs) goes last either way.
        SortColumn::Bcr => rows.sort_by(|&a, &b| match (m(a).bcr, m(b).bcr) {
            (Some(x), Some(y)) => direct(x.cmp(&y)),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        }),
        // "never" counts as the longest payback.
        SortColumn::Payback => rows.sort_by(|&a, &b| {
            let key = |p: Payback| match p {
                Payback::Years(y) => (0, y),
                Payback::Never => (1, Decimal::ZERO),
            };
            direct(key(m(a).payback).cmp(&key(m(b).payback)))
        }),
    }
    rows
}

/// Sums over a set of partnerships.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    pub pvc: Decimal,
    pub pvb: Decimal,
    pub net_value: Decimal,
    pub bcr: Option<Decimal>,
    pub payback: Payback,
    /// How many of them have a negative net value.
    pub negative: usize,
}

impl Totals {
    /// Totals over the partnerships `rows`; `None` if they are too large to add up (or
    /// a row is not in the appraisal).
    pub fn of(appraisal: &Appraisal, rows: &[usize]) -> Option<Totals> {
        let years = appraisal.years.len();
        let mut pvc = Decimal::ZERO;
        let mut pvb = Decimal::ZERO;
        let mut cumulative = vec![Decimal::ZERO; years];
        let mut negative = 0;
        for &i in rows {
            let r = appraisal.partnerships.get(i)?;
            pvc = pvc.checked_add(r.measures.pvc)?;
            pvb = pvb.checked_add(r.measures.pvb_total)?;
            num::add_series(&mut cumulative, &r.cumulative_net).ok()?;
            negative += usize::from(r.negative);
        }
        let net_value = pvb.checked_sub(pvc)?;
        let payback = if net_value > Decimal::ZERO {
            payback(&cumulative).ok()?
        } else {
            Payback::Never
        };
        Some(Totals {
            pvc,
            pvb,
            net_value,
            bcr: num::ratio(pvb, pvc).ok()?,
            payback,
            negative,
        })
    }

    /// The portfolio's own totals: its measures as the appraisal computed them.
    pub fn portfolio(appraisal: &Appraisal) -> Totals {
        let m = &appraisal.portfolio.measures;
        Totals {
            pvc: m.pvc,
            pvb: m.pvb_total,
            net_value: m.net_value,
            bcr: m.bcr,
            payback: m.payback,
            negative: negative_count(appraisal),
        }
    }
}

/// How many partnerships have a negative net value.
pub fn negative_count(appraisal: &Appraisal) -> usize {
    appraisal.partnerships.iter().filter(|r| r.negative).count()
}

/// The partnerships a filter and a sort show, and what they add up to.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// Indices into the project, in the order shown.
    pub visible: Vec<usize>,
    /// Their totals; `None` if too large to add up.
    pub totals: Option<Totals>,
}

/// The partnerships that pass `filter`, in `sort` order, with their totals.
pub fn shown(project: &Project, appraisal: &Appraisal, filter: &Filter, sort: Sort) -> Shown {
    let visible = visible(project, appraisal, filter, sort);
    let totals = Totals::of(appraisal, &visible);
    Shown { visible, totals }
}

/// The portfolio's headline figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub net_value: Decimal,
    pub bcr: Option<Decimal>,
    pub pvc: Decimal,
    pub pvb: Decimal,
    pub payback: Payback,
    pub fiscal_payback: Payback,
    pub sroi_ratio: Option<Decimal>,
    /// Partnerships whose net value is negative.
    pub negative: usize,
}

impl Headline {
    pub fn of(appraisal: &Appraisal) -> Headline {
        let m = &appraisal.portfolio.measures;
        Headline {
            net_value: m.net_value,
            bcr: m.bcr,
            pvc: m.pvc,
            pvb: m.pvb_total,
            payback: m.payback,
            fiscal_payback: m.fiscal_payback,
            sroi_ratio: m.sroi_ratio,
            negative: negative_count(appraisal),
        }
    }
}

/// One partner's net exposure across all partnerships (present values).
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerExposure {
    pub partner: String,
    /// How many partnerships it sits in (see [`Cell::member`]).
    pub partnerships: usize,
    pub pv_costs: Decimal,
    pub pv_fiscal: Decimal,
    /// Economic and social value received: never a budget saving.
    pub pv_other: Decimal,
    pub net_budget: Decimal,
    pub fiscal_roi: Option<Decimal>,
}

/// Benefits across the portfolio attributed to no partner.
#[derive(Clone, Debug, PartialEq)]
pub struct WiderSociety {
    /// Fiscal benefits that name no partner's budget.
    pub fiscal: Decimal,
    pub economic_and_social: Decimal,
}

/// Each partner's exposure, and wider society's where it has any.
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    pub partners: Vec<PartnerExposure>,
    /// `None` when no benefit falls to wider society.
    pub wider_society: Option<WiderSociety>,
}

/// Each partner's exposure across the portfolio, with its memberships from `network`
/// (the network of the same project and appraisal, added up or not).
pub fn exposure(appraisal: &Appraisal, network: &KeptNetwork) -> Exposure {
    let portfolio = &appraisal.portfolio;
    let memberships = network.memberships();
    let partners = portfolio
        .partners
        .iter()
        .map(|p| PartnerExposure {
            partner: p.partner.clone(),
            partnerships: network
                .partners()
                .iter()
                .zip(memberships)
                .find(|(name, _)| **name == p.partner)
                .map_or(0, |(_, &count)| count),
            pv_costs: p.pv_costs,
            pv_fiscal: p.pv_fiscal,
            pv_other: p.pv_other,
            net_budget: p.net_budget,
            fiscal_roi: p.fiscal_roi,
        })
        .collect();
    let society = &portfolio.wider_society_by_type;
    let wider_society = (!portfolio.wider_society.is_zero()).then(|| WiderSociety {
        fiscal: society.fiscal,
        economic_and_social: society.economic_and_social(),
    });
    Exposure {
        partners,
        wider_society,
    }
}

/// One part of the cost of joint working, and its share of the portfolio's PVC.
#[derive(Clone, Debug, PartialEq)]
pub struct CostShare {
    pub label: String,
    pub pv: Decimal,
    /// `pv` over the portfolio's PVC; `None` when there are no costs (or too large).
    pub share: Option<Decimal>,
}

/// The cost of joint working across the portfolio, by governance layer and by kind.
#[derive(Clone, Debug, PartialEq)]
pub struct JointWorking {
    pub by_layer: Vec<CostShare>,
    pub by_kind: Vec<CostShare>,
}

pub fn joint_working(appraisal: &Appraisal) -> JointWorking {
    let total = appraisal.portfolio.measures.pvc;
    let shares = |breakdowns: &[Breakdown]| {
        breakdowns
            .iter()
            .map(|b| CostShare {
                label: b.label.clone(),
                pv: b.pv,
                share: num::ratio(b.pv, total).ok().flatten(),
            })
            .collect()
    };
    JointWorking {
        by_layer: shares(&appraisal.portfolio.cost_by_layer),
        by_kind: shares(&appraisal.portfolio.cost_by_kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appraisal::appraise;
    use crate::model::{
        CostDetail, CostLine, CostType, Optimism, OtherCategory, OtherCost, Partner, PartnerKind,
        Partnership, Prices, Profile, Rate,
    };
    use rust_decimal_macros::dec;

    /// A partnership whose one cost is `amount` borne by `partner` in year 0 (undiscounted).
    fn costing(name: &str, partner: &str, amount: Decimal) -> Partnership {
        let mut p = Partnership::new(name);
        p.costs.push(CostLine {
            name: "Support".into(),
            cost_type: CostType::Revenue,
            optimism: Optimism::Direct(Rate::ZERO),
            source: String::new(),
            detail: CostDetail::Other(OtherCost {
                category: OtherCategory::SupportTeam,
                partner: partner.into(),
                layer: None,
                amounts: Profile::constant(amount, 1),
            }),
            range: None,
            prices: Prices::default(),
        });
        p
    }

    fn project() -> Project {
        let mut project = Project::new("Three");
        project.partners = vec![
            Partner::new("Council", PartnerKind::Council),
            Partner::new("Police", PartnerKind::Police),
        ];
        project.partnerships = vec![
            costing("Alpha", "Council", dec!(1000)),
            costing("Beta", "Police", dec!(2500)),
            Partnership::new("Gamma"),
        ];
        project.partnerships[1].status = Status::Active;
        project
    }

    #[test]
    fn totals_filter_and_sort_by_hand() {
        let project = project();
        let a = appraise(&project);
        // £1,000 and £2,500 in year 0, no benefits: both negative.
        let t = Totals::of(&a, &[0, 1]).expect("adds up");
        assert_eq!(
            (t.pvc, t.pvb, t.net_value),
            (dec!(3500), dec!(0), dec!(-3500))
        );
        assert_eq!(
            (t.bcr, t.payback, t.negative),
            (Some(dec!(0)), Payback::Never, 2)
        );
        assert_eq!(Headline::of(&a).negative, 2);
        let by_cost = Sort::default().by(SortColumn::Pvc);
        assert!(by_cost.descending);
        let all = Filter::default();
        assert_eq!(visible(&project, &a, &all, by_cost), [1, 0, 2]);
        assert_eq!(
            visible(&project, &a, &all, by_cost.by(SortColumn::Pvc)),
            [2, 0, 1]
        );
        let negative = Filter {
            negative_only: true,
            ..Filter::default()
        };
        assert_eq!(
            shown(&project, &a, &negative, Sort::default()).visible,
            [0, 1]
        );
        let text = Filter {
            text: " ACTIVE ".into(),
            ..Filter::default()
        };
        assert_eq!(visible(&project, &a, &text, Sort::default()), [1]);
    }

    #[test]
    fn the_network_and_exposure_by_hand() {
        let project = project();
        let a = appraise(&project);
        let network = network(&project, &a);
        assert_eq!(network.partners, ["Council", "Police"]);
        assert_eq!(network.memberships, [(0, 0), (1, 1)]);
        assert_eq!(network.largest(NetworkMeasure::Costs), dec!(2500));
        assert_eq!(
            network.share_of_largest(&network.cells[0][0], NetworkMeasure::Costs),
            dec!(0.4)
        );
        assert_eq!(
            network.share_of_largest(&network.cells[0][0], NetworkMeasure::Hours),
            dec!(0)
        );
        // The memberships counted from the rows are those the whole network adds up.
        let rows = KeptNetwork::of(&project, &a);
        assert_eq!(rows.memberships(), [1, 1]);
        let exposure_of_rows = exposure(&a, &rows);
        let exposure = exposure(&a, &KeptNetwork::whole_from(network));
        assert_eq!(exposure_of_rows, exposure);
        let council = exposure
            .partners
            .iter()
            .find(|p| p.partner == "Council")
            .expect("the council");
        assert_eq!((council.partnerships, council.pv_costs), (1, dec!(1000)));
        assert_eq!(exposure.wider_society, None);
        let joint = joint_working(&a);
        let shares: Decimal = joint.by_kind.iter().filter_map(|s| s.share).sum();
        assert_eq!(shares, dec!(1));
    }
}
