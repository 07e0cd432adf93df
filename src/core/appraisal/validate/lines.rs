//! The checks of one partnership: its members, options, impacts, and each cost and
//! benefit line with its ranges and outcome chain.

use super::{At, Validator, percent};
use crate::appraisal::flows::Part;
use crate::appraisal::{Location, horizon};
use crate::model::{
    BenefitDetail, BenefitType, CostDetail, MAX_INPUT, OutcomeChain, UnitValueSource,
};
use rust_decimal::Decimal;

impl Validator<'_> {
    pub(super) fn partnership(&mut self, index: usize) {
        let project = self.project;
        let p = &project.partnerships[index];
        let at = At::new(Location::Partnership { partnership: index }, p.name.clone());
        for member in &p.members {
            self.partner_ref(&at, "Members", member);
        }
        self.register(index);
        for (i, e) in p.seven_s.elements().iter().enumerate() {
            if e.score.is_some_and(|s| !(1..=5).contains(&s)) {
                self.error(
                    &at,
                    crate::model::SevenS::LABELS[i],
                    "the score must be from 1 to 5",
                );
            }
        }
        for (i, impact) in p.impacts.iter().enumerate() {
            if impact.description.trim().is_empty() {
                let at = At::new(
                    Location::Impact {
                        partnership: index,
                        impact: i,
                    },
                    format!("{}, impact {}", p.name, i + 1),
                );
                self.warn(&at, "Description", "is empty");
            }
        }
        for (li, line) in p.costs.iter().enumerate() {
            let at = At::new(
                Location::Cost {
                    partnership: index,
                    line: li,
                },
                format!("{}, cost '{}'", p.name, line.name),
            );
            let start = self.out.len();
            self.cost(&at, line);
            self.say_left_out(start, "the results");
        }
        for (li, line) in p.benefits.iter().enumerate() {
            let at = At::new(
                Location::Benefit {
                    partnership: index,
                    line: li,
                },
                format!("{}, benefit '{}'", p.name, line.name),
            );
            let start = self.out.len();
            self.benefit(&at, line);
            self.say_left_out(start, "the results");
        }
        for (oi, option) in p.options.iter().enumerate() {
            for (li, line) in option.costs.iter().enumerate() {
                let context = format!("{}, option '{}', cost '{}'", p.name, option.name, line.name);
                let start = self.out.len();
                self.cost(
                    &At::new(
                        Location::OptionCost {
                            partnership: index,
                            option: oi,
                            line: li,
                        },
                        context,
                    ),
                    line,
                );
                self.say_left_out(start, "the option's results");
            }
            for (li, line) in option.benefits.iter().enumerate() {
                let context = format!(
                    "{}, option '{}', benefit '{}'",
                    p.name, option.name, line.name
                );
                let start = self.out.len();
                self.benefit(
                    &At::new(
                        Location::OptionBenefit {
                            partnership: index,
                            option: oi,
                            line: li,
                        },
                        context,
                    ),
                    line,
                );
                self.say_left_out(start, "the option's results");
            }
        }
        if let Some(name) = &p.preferred_option
            && name != crate::appraisal::uncertainty::CURRENT_ARRANGEMENT
            && !p.options.iter().any(|o| &o.name == name)
        {
            self.error(
                &at,
                "Preferred option",
                format!("there is no option called '{name}'"),
            );
        }
        for (pi, proposal) in p.proposals.iter().enumerate() {
            let at = At::new(
                Location::Proposal {
                    partnership: index,
                    proposal: pi,
                },
                format!("{}, proposal '{}'", p.name, proposal.name),
            );
            let mut total = Decimal::ZERO;
            for share in &proposal.shares {
                self.partner_ref(&at, "Partner", &share.partner);
                self.share(&at, "Share", share.share);
                total = total.saturating_add(share.share.0);
            }
            if total.saturating_sub(Decimal::ONE).abs() > Decimal::new(1, 4) {
                self.warn(
                    &at,
                    "Shares",
                    format!("add up to {}, not 100%", percent(total)),
                );
            }
        }
        if p.costs.is_empty() && p.benefits.is_empty() {
            self.warn(&at, "", "has no costs or benefits yet");
        }
    }

    /// A range for Monte Carlo: low ≤ likely ≤ high, a standard deviation of zero or more,
    /// and values the input can take (`max` is 1 for shares).
    fn distribution(&mut self, at: &At, field: &str, d: &crate::model::Distribution, max: Decimal) {
        use crate::model::Distribution;
        let values = match *d {
            Distribution::Triangular { low, likely, high } => {
                if !(low <= likely && likely <= high) {
                    self.error(at, field, "the range must run low ≤ most likely ≤ high");
                }
                vec![low, likely, high]
            }
            Distribution::Normal { mean, sd } => {
                if sd < Decimal::ZERO {
                    self.error(at, field, "the standard deviation must be zero or more");
                }
                vec![mean]
            }
        };
        if values.iter().any(|v| *v < Decimal::ZERO || *v > max) {
            self.error(
                at,
                field,
                format!("values must be from 0 to {}", max.normalize()),
            );
        }
    }

    pub(super) fn cost(&mut self, at: &At, line: &crate::model::CostLine) {
        if !line.prices.is_real() && !line.detail.has_amounts() {
            self.error(
                at,
                "Prices",
                "only amounts of money can be in cash prices: staff time and meetings are costed at the price base year's rates",
            );
        } else {
            self.cash_prices(
                at,
                line.prices,
                &crate::appraisal::flows::money_profiles(&line.detail),
            );
        }
        if let Some(d) = &line.range {
            self.distribution(
                &at.part(Part::Range),
                "Range (multiplier)",
                d,
                Decimal::ONE_HUNDRED,
            );
        }
        self.optimism(at, &line.optimism, true);
        match &line.detail {
            CostDetail::StaffTime(s) => {
                self.grade_ref(at, "Grade", &s.partner, &s.grade);
                self.profile(at, s.unit.label(), &s.hours);
                if s.unit == crate::model::TimeUnit::Fte {
                    // FTE times productive hours must stay within the input limit.
                    let hours = crate::appraisal::flows::staff_hours(
                        &self.project.settings,
                        s,
                        horizon(&self.project.settings),
                    );
                    if hours.is_err() || hours.is_ok_and(|h| h.iter().any(|v| *v > MAX_INPUT)) {
                        self.error(
                            at,
                            s.unit.label(),
                            "is too large to compute (the limit is 1,000,000,000,000 hours)",
                        );
                    }
                }
            }
            CostDetail::Meeting(m) => {
                self.profile(at, "Meetings a year", &m.meetings);
                self.quantity(at, "Meeting hours", m.meeting_hours);
                self.quantity(at, "Preparation hours", m.preparation_hours);
                self.quantity(at, "Travel hours", m.travel_hours);
                if m.attendees.is_empty() {
                    self.warn(
                        at,
                        "Attendees",
                        "the meeting has no attendees, so no staff time is costed",
                    );
                }
                for (i, a) in m.attendees.iter().enumerate() {
                    let at = at.part(Part::Attendee(i));
                    self.grade_ref(&at, "Attendee grade", &a.partner, &a.grade);
                    self.quantity(&at, "Attendees", a.count);
                }
                let at = &at.part(Part::FixedCosts);
                let f = &m.fixed_costs;
                let fixed = [
                    ("Venue", f.venue),
                    ("Refreshments", f.refreshments),
                    ("Printing", f.printing),
                    ("Other fixed costs", f.other),
                ];
                for (field, amount) in fixed {
                    self.quantity(at, field, amount.0);
                }
                if fixed.iter().any(|(_, m)| !m.0.is_zero()) {
                    self.partner_ref(at, "Fixed costs paid by", &f.paid_by);
                }
            }
            CostDetail::PooledFund(fund) => {
                self.partner_ref(at, "Host", &fund.host);
                if fund.contributions.is_empty() {
                    self.warn(at, "Contributions", "the pooled fund has no contributions");
                }
                for (i, c) in fund.contributions.iter().enumerate() {
                    let at = at.part(Part::Contribution(i));
                    self.partner_ref(&at, "Contributing partner", &c.partner);
                    self.profile(&at, "Contribution", &c.amounts);
                    if let Some(outturn) = &c.forecast_outturn {
                        self.profile(&at, "Forecast outturn", outturn);
                    }
                }
            }
            CostDetail::Other(o) => {
                self.partner_ref(at, "Partner", &o.partner);
                self.profile(at, "Amount", &o.amounts);
            }
        }
    }

    pub(super) fn benefit(&mut self, at: &At, line: &crate::model::BenefitLine) {
        if let Some(d) = &line.range {
            self.distribution(
                &at.part(Part::Range),
                "Range (multiplier)",
                d,
                Decimal::ONE_HUNDRED,
            );
        }
        self.optimism(at, &line.optimism, false);
        let partner = line.partner.as_deref().filter(|s| !s.trim().is_empty());
        match (line.benefit_type, partner) {
            (BenefitType::Fiscal, None) => {
                self.error(
                    at,
                    "Partner",
                    "a fiscal benefit must name the partner whose budget it saves",
                );
            }
            (_, Some(name)) => {
                self.partner_ref(at, "Partner", name);
            }
            (_, None) => {}
        }
        self.share(at, "Cashable share", line.cashable_share);
        match &line.detail {
            BenefitDetail::Direct(profile) => {
                self.profile(at, "Amount", profile);
                self.cash_prices(at, line.prices, &[profile]);
            }
            BenefitDetail::Outcome(chain) => {
                if !line.prices.is_real() {
                    self.error(
                        at,
                        "Prices",
                        "an outcome chain cannot be in cash prices: its unit value carries its own price year",
                    );
                }
                self.outcome(at, chain);
            }
        }
    }

    fn outcome(&mut self, at: &At, c: &OutcomeChain) {
        let r = &c.ranges;
        for (field, d) in [
            ("Engagement rate range", &r.engagement_rate),
            ("Success rate range", &r.success_rate),
            ("Deadweight range", &r.deadweight),
            ("Displacement range", &r.displacement),
            ("Attribution range", &r.attribution),
        ] {
            if let Some(d) = d {
                self.distribution(&at.part(Part::Range), field, d, Decimal::ONE);
            }
        }
        if let Some(d) = &r.unit_value {
            self.distribution(&at.part(Part::Range), "Unit value range", d, MAX_INPUT);
        }
        self.profile(at, "Cohort", &c.cohort);
        for (field, rate) in [
            ("Engagement rate", c.engagement_rate),
            ("Success rate", c.success_rate),
            ("Deadweight", c.deadweight),
            ("Displacement", c.displacement),
            ("Attribution", c.attribution),
            ("Drop-off", c.drop_off),
        ] {
            self.share(at, field, rate);
        }
        match &c.unit_value {
            UnitValueSource::Library(name) => {
                if self.project.unit_value(name).is_none() {
                    self.error(
                        at,
                        "Unit value",
                        format!("'{name}' is not in the unit-value library"),
                    );
                }
            }
            UnitValueSource::Typed { value, price_year } => {
                self.quantity(at, "Unit value", value.0);
                self.deflator_for(at, *price_year);
            }
        }
        if c.duration_years == 0 {
            self.warn(at, "Duration", "is 0 years, so the outcome has no value");
        }
        if c.lag_years >= horizon(&self.project.settings) {
            self.warn(
                at,
                "Lag",
                "is as long as the horizon, so no benefit falls within it",
            );
        }
    }
}
