//! What changed between two versions of a project, and how much of each partnership's
//! change in net value each changed input accounts for.
//!
//! The inputs are moved from the old version to the new one in a fixed order of
//! [`Step`]s, appraising after each, so a board hears "net value fell £210,000: staff
//! time £150,000, discounting £60,000". Each step's share is the change it makes given
//! the steps before it; the shares add up to the whole change exactly, because the last
//! state is the new version itself. A partnership whose lines cannot be computed part
//! way through (a partner renamed in one step and the lines naming it changed in a later
//! one) is not split: its whole change is one share, said so.
//!
//! Partnerships are matched by name (the second of two with one name with the second);
//! one renamed reads as removed and added.

use super::uncertainty::sub_project;
use super::{AllCompleteness, Completeness, LeftOut, appraise, problems};
use crate::format::count;
use crate::model::{Action, ActionStatus, CostKind, Partnership, Project, Review, Settings};
use rust_decimal::Decimal;
use serde::Serialize;

/// An input group moved from the old version to the new, in the order they are moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The first year, the years appraised and the price base year.
    Period,
    /// The discount schedule and the year-0 convention.
    Discounting,
    /// How staff time is costed, and the partners with their rate cards.
    StaffRates,
    /// The unit-value library, the GDP deflators and the confidence grades.
    Library,
    /// The optimism bias bounds by project type.
    OptimismTable,
    /// One partnership's cost lines of one kind.
    StaffTime,
    Meetings,
    PooledFunds,
    OtherCosts,
    /// One partnership's benefit lines.
    Benefits,
    /// The rest of a partnership: its status, members, impacts, options and proposals.
    /// Its register and reviews are moved here too (the last step takes the new partnership
    /// whole), but change no figure, so their changes are listed with no step.
    Details,
    /// A partnership in the new version only.
    Added,
    /// A partnership in the old version only.
    Removed,
    /// A partnership's whole change, which could not be split (see the module notes).
    Together,
}

impl Step {
    /// The steps that change what every partnership draws on, in order.
    pub const PROJECT_WIDE: [Step; 5] = [
        Step::Period,
        Step::Discounting,
        Step::StaffRates,
        Step::Library,
        Step::OptimismTable,
    ];

    /// The steps within one partnership, in order.
    pub const WITHIN: [Step; 6] = [
        Step::StaffTime,
        Step::Meetings,
        Step::PooledFunds,
        Step::OtherCosts,
        Step::Benefits,
        Step::Details,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Step::Period => "Appraisal period and price base",
            Step::Discounting => "Discounting",
            Step::StaffRates => "Staff rates",
            Step::Library => "Unit values and deflators",
            Step::OptimismTable => "Optimism bias table",
            Step::StaffTime => "Staff time",
            Step::Meetings => "Meetings",
            Step::PooledFunds => "Pooled funds",
            Step::OtherCosts => "Other costs",
            Step::Benefits => "Benefits",
            Step::Details => "Other details",
            Step::Added => "Partnership added",
            Step::Removed => "Partnership removed",
            Step::Together => "Changes that cannot be separated",
        }
    }

    fn cost_kind(self) -> Option<CostKind> {
        match self {
            Step::StaffTime => Some(CostKind::StaffTime),
            Step::Meetings => Some(CostKind::Meetings),
            Step::PooledFunds => Some(CostKind::PooledFunds),
            Step::OtherCosts => Some(CostKind::Other),
            _ => None,
        }
    }
}

/// One input that differs between the versions: where it is, what it is, and the step
/// that moves it (`None` for what no figure depends on, such as the description).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputChange {
    /// "Settings", "Partner \"Police\"", "Partnership \"Community safety\"".
    pub place: String,
    /// "discount rates", "cost line \"Analyst time\" changed".
    pub what: String,
    pub step: Option<Step>,
}

/// A step's share of a change in net value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Share {
    pub step: Step,
    pub label: &'static str,
    pub amount: Decimal,
}

/// One partnership's net value in each version and its change, by step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnershipChange {
    pub name: String,
    /// Net value in the old version; `None` when it is new.
    pub before: Option<Decimal>,
    /// Net value in the new version; `None` when it was removed.
    pub after: Option<Decimal>,
    /// The change (after − before, an absent side counting as zero).
    pub change: Decimal,
    /// The steps that moved it, in order, leaving out those that moved it by nothing.
    pub shares: Vec<Share>,
    pub before_completeness: Completeness,
    pub after_completeness: Completeness,
}

/// Both versions compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub changes: Vec<InputChange>,
    pub partnerships: Vec<PartnershipChange>,
    /// The portfolio's net value in each version, its change and the shares summed over
    /// partnerships, in step order.
    pub before: Decimal,
    pub after: Decimal,
    pub change: Decimal,
    pub shares: Vec<Share>,
    pub before_completeness: Completeness,
    pub after_completeness: Completeness,
}

impl Comparison {
    /// Both versions' figures are complete, so every share is too.
    pub fn is_complete(&self) -> bool {
        self.before_completeness.is_complete() && self.after_completeness.is_complete()
    }

    /// The partnerships whose net value changed, or which were added or removed.
    pub fn moved(&self) -> impl Iterator<Item = &PartnershipChange> {
        self.partnerships
            .iter()
            .filter(|p| !p.change.is_zero() || p.before.is_none() || p.after.is_none())
    }
}

/// The settings with the project-wide steps up to and including `done` taken from `new`.
fn settings_at(old: &Settings, new: &Settings, done: usize) -> Settings {
    let mut s = old.clone();
    for step in &Step::PROJECT_WIDE[..done] {
        match step {
            Step::Period => {
                s.first_year = new.first_year;
                s.horizon_years = new.horizon_years;
                s.price_base_year = new.price_base_year;
            }
            Step::Discounting => {
                s.discount = new.discount;
                s.year0 = new.year0;
            }
            Step::StaffRates => s.staff_costing = new.staff_costing.clone(),
            _ => {}
        }
    }
    s
}

/// `old`'s context (settings, partners, libraries) with the first `done` project-wide
/// steps taken from `new`, holding `partnerships`.
fn context_at(
    old: &Project,
    new: &Project,
    done: usize,
    partnerships: Vec<Partnership>,
) -> Project {
    let moved = |step: Step| Step::PROJECT_WIDE[..done].contains(&step);
    let pick = |step: Step| if moved(step) { new } else { old };
    Project {
        name: new.name.clone(),
        description: String::new(),
        settings: settings_at(&old.settings, &new.settings, done),
        partners: pick(Step::StaffRates).partners.clone(),
        partnerships,
        unit_values: pick(Step::Library).unit_values.clone(),
        deflators: pick(Step::Library).deflators.clone(),
        deflator_source: pick(Step::Library).deflator_source.clone(),
        confidence_grades: pick(Step::Library).confidence_grades.clone(),
        project_types: pick(Step::OptimismTable).project_types.clone(),
        assumptions: Vec::new(),
        report: Default::default(),
        significance: Default::default(),
        baseline: None,
        priorities: Vec::new(),
    }
}

/// `old` with the within-partnership steps up to and including `done` taken from `new`.
fn partnership_at(old: &Partnership, new: &Partnership, done: usize) -> Partnership {
    if done >= Step::WITHIN.len() {
        return new.clone();
    }
    let moved = &Step::WITHIN[..done];
    let mut p = old.clone();
    let kinds_moved: Vec<CostKind> = moved.iter().filter_map(|s| s.cost_kind()).collect();
    if !kinds_moved.is_empty() {
        p.costs = old
            .costs
            .iter()
            .filter(|c| !kinds_moved.contains(&c.detail.kind()))
            .chain(
                new.costs
                    .iter()
                    .filter(|c| kinds_moved.contains(&c.detail.kind())),
            )
            .cloned()
            .collect();
    }
    if moved.contains(&Step::Benefits) {
        p.benefits = new.benefits.clone();
    }
    p
}

/// Where a partnership of `old` is in `new`: by name, the n-th of a name with the n-th.
fn matches(old: &[Partnership], new: &[Partnership]) -> Vec<Option<usize>> {
    let mut taken = vec![false; new.len()];
    old.iter()
        .map(|p| {
            let found = new
                .iter()
                .enumerate()
                .position(|(j, q)| !taken[j] && q.name == p.name);
            if let Some(j) = found {
                taken[j] = true;
            }
            found
        })
        .collect()
}

/// One partnership's net value and what it left out, appraised alone in `context`.
fn value_alone(context: &Project, p: &Partnership) -> (Decimal, LeftOut) {
    let mut p = p.clone();
    p.options.clear();
    let sub = sub_project(context, p);
    let result = appraise(&sub);
    result
        .partnerships
        .first()
        .map(|r| (r.measures.net_value, r.left_out))
        .unwrap_or((Decimal::ZERO, LeftOut::default()))
}

fn left_out_more(state: LeftOut, a: LeftOut, b: LeftOut) -> bool {
    state.lines > a.lines.max(b.lines) || state.parts > a.parts.max(b.parts)
}

/// Compares `old` with `new`: the inputs that changed, and each partnership's change in
/// net value split over the steps that made it.
pub fn compare(old: &Project, new: &Project) -> Comparison {
    let old_result = appraise(old);
    let new_result = appraise(new);
    let old_complete = AllCompleteness::new(&old_result, &problems(old, &old_result));
    let new_complete = AllCompleteness::new(&new_result, &problems(new, &new_result));
    let pairs = matches(&old.partnerships, &new.partnerships);

    // The kept partnerships' values after each project-wide step, appraised together.
    let kept: Vec<(usize, usize)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect();
    let widths = Step::PROJECT_WIDE.len();
    // states[k][n]: the n-th kept partnership (old lines) after k project-wide steps.
    let mut states: Vec<Vec<(Decimal, LeftOut)>> = Vec::with_capacity(widths + 1);
    states.push(
        kept.iter()
            .map(|&(i, _)| {
                let r = &old_result.partnerships[i];
                (r.measures.net_value, r.left_out)
            })
            .collect(),
    );
    for done in 1..=widths {
        let before = context_at(old, new, done - 1, Vec::new());
        let after = context_at(old, new, done, Vec::new());
        if before == after {
            let same = states[done - 1].clone();
            states.push(same);
            continue;
        }
        let holding = context_at(
            old,
            new,
            done,
            kept.iter()
                .map(|&(i, _)| old.partnerships[i].clone())
                .collect(),
        );
        let result = appraise(&holding);
        states.push(
            result
                .partnerships
                .iter()
                .map(|r| (r.measures.net_value, r.left_out))
                .collect(),
        );
    }
    let new_context = context_at(old, new, widths, Vec::new());

    let mut partnerships = Vec::new();
    for (n, &(i, j)) in kept.iter().enumerate() {
        let (op, np) = (&old.partnerships[i], &new.partnerships[j]);
        let (ro, rn) = (&old_result.partnerships[i], &new_result.partnerships[j]);
        let (before, after) = (ro.measures.net_value, rn.measures.net_value);
        let mut values: Vec<(Step, Decimal, LeftOut)> = Step::PROJECT_WIDE
            .iter()
            .enumerate()
            .map(|(k, step)| (*step, states[k + 1][n].0, states[k + 1][n].1))
            .collect();
        let mut last = states[widths][n];
        for done in 1..=Step::WITHIN.len() {
            let step = Step::WITHIN[done - 1];
            let value = if done == Step::WITHIN.len() {
                (after, rn.left_out)
            } else if partnership_at(op, np, done) == partnership_at(op, np, done - 1) {
                last
            } else {
                value_alone(&new_context, &partnership_at(op, np, done))
            };
            values.push((step, value.0, value.1));
            last = value;
        }
        let separable = !values
            .iter()
            .any(|(_, _, left)| left_out_more(*left, ro.left_out, rn.left_out));
        let change = after - before;
        let shares = if separable {
            let mut previous = before;
            values
                .iter()
                .filter_map(|(step, value, _)| {
                    let amount = *value - previous;
                    previous = *value;
                    (!amount.is_zero()).then(|| share(*step, amount))
                })
                .collect()
        } else {
            vec![share(Step::Together, change)]
        };
        partnerships.push(PartnershipChange {
            name: np.name.clone(),
            before: Some(before),
            after: Some(after),
            change,
            shares,
            before_completeness: old_complete.partnership(i),
            after_completeness: new_complete.partnership(j),
        });
    }
    for (i, p) in old.partnerships.iter().enumerate() {
        if pairs[i].is_none() {
            let before = old_result.partnerships[i].measures.net_value;
            partnerships.push(PartnershipChange {
                name: p.name.clone(),
                before: Some(before),
                after: None,
                change: -before,
                shares: vec![share(Step::Removed, -before)],
                before_completeness: old_complete.partnership(i),
                after_completeness: Completeness::default(),
            });
        }
    }
    for (j, p) in new.partnerships.iter().enumerate() {
        if !pairs.contains(&Some(j)) {
            let after = new_result.partnerships[j].measures.net_value;
            partnerships.push(PartnershipChange {
                name: p.name.clone(),
                before: None,
                after: Some(after),
                change: after,
                shares: vec![share(Step::Added, after)],
                before_completeness: Completeness::default(),
                after_completeness: new_complete.partnership(j),
            });
        }
    }

    let mut totals: Vec<Share> = Vec::new();
    for s in partnerships.iter().flat_map(|p| &p.shares) {
        match totals.iter_mut().find(|t| t.step == s.step) {
            Some(t) => t.amount = t.amount.saturating_add(s.amount),
            None => totals.push(s.clone()),
        }
    }
    totals.sort_by_key(|s| s.step);
    totals.retain(|s| !s.amount.is_zero());
    let before = old_result.portfolio.measures.net_value;
    let after = new_result.portfolio.measures.net_value;
    Comparison {
        changes: input_changes(old, new),
        partnerships,
        before,
        after,
        change: after - before,
        shares: totals,
        before_completeness: old_complete.portfolio,
        after_completeness: new_complete.portfolio,
    }
}

fn share(step: Step, amount: Decimal) -> Share {
    Share {
        step,
        label: step.label(),
        amount,
    }
}

/// Items of two lists matched by name, the n-th of a name with the n-th: what was
/// added, removed or changed, as "NOUN \"name\" added".
fn list_changes<T: PartialEq>(
    noun: &str,
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> String,
) -> Vec<String> {
    let mut taken = vec![false; new.len()];
    let mut out = Vec::new();
    for item in old {
        let found = new
            .iter()
            .enumerate()
            .position(|(j, other)| !taken[j] && name(other) == name(item));
        match found {
            Some(j) => {
                taken[j] = true;
                if new[j] != *item {
                    out.push(format!("{noun} \"{}\" changed", name(item)));
                }
            }
            None => out.push(format!("{noun} \"{}\" removed", name(item))),
        }
    }
    for (j, item) in new.iter().enumerate() {
        if !taken[j] {
            out.push(format!("{noun} \"{}\" added", name(item)));
        }
    }
    out
}

/// Every input that differs, in step order, then what no figure depends on.
pub fn input_changes(old: &Project, new: &Project) -> Vec<InputChange> {
    let mut out = Vec::new();
    let mut say = |place: &str, what: String, step: Option<Step>| {
        out.push(InputChange {
            place: place.to_owned(),
            what,
            step,
        })
    };
    let (a, b) = (&old.settings, &new.settings);
    let settings = "Settings";
    let period = [
        (
            "first year",
            a.first_year.to_string(),
            b.first_year.to_string(),
        ),
        (
            "years appraised",
            a.horizon_years.to_string(),
            b.horizon_years.to_string(),
        ),
        (
            "price base year",
            a.price_base_year.to_string(),
            b.price_base_year.to_string(),
        ),
    ];
    for (what, from, to) in period {
        if from != to {
            say(
                settings,
                format!("{what} from {from} to {to}"),
                Some(Step::Period),
            );
        }
    }
    if a.discount != b.discount {
        say(settings, "discount rates".into(), Some(Step::Discounting));
    }
    if a.year0 != b.year0 {
        say(
            settings,
            "year-0 convention".into(),
            Some(Step::Discounting),
        );
    }
    if a.staff_costing != b.staff_costing {
        say(settings, "staff costing".into(), Some(Step::StaffRates));
    }
    for what in list_changes("partner", &old.partners, &new.partners, |p| p.name.clone()) {
        say("Partners", what, Some(Step::StaffRates));
    }
    for what in list_changes("unit value", &old.unit_values, &new.unit_values, |u| {
        u.name.clone()
    }) {
        say("Library", what, Some(Step::Library));
    }
    for what in list_changes("deflator", &old.deflators, &new.deflators, |d| {
        d.year.to_string()
    }) {
        say("Library", what, Some(Step::Library));
    }
    if old.confidence_grades != new.confidence_grades {
        say("Library", "confidence grades".into(), Some(Step::Library));
    }
    if old.project_types != new.project_types {
        say(
            "Settings",
            "optimism bias table".into(),
            Some(Step::OptimismTable),
        );
    }
    let pairs = matches(&old.partnerships, &new.partnerships);
    for (i, p) in old.partnerships.iter().enumerate() {
        let place = format!("Partnership \"{}\"", p.name);
        let Some(j) = pairs[i] else {
            say(&place, "removed".into(), Some(Step::Removed));
            continue;
        };
        let q = &new.partnerships[j];
        for step in Step::WITHIN {
            let changes = match step.cost_kind() {
                Some(kind) => {
                    let of_kind = |p: &Partnership| -> Vec<crate::model::CostLine> {
                        p.costs
                            .iter()
                            .filter(|c| c.detail.kind() == kind)
                            .cloned()
                            .collect()
                    };
                    list_changes(
                        &format!("{} line", kind.label().to_lowercase()),
                        &of_kind(p),
                        &of_kind(q),
                        |c| c.name.clone(),
                    )
                }
                None if step == Step::Benefits => {
                    list_changes("benefit line", &p.benefits, &q.benefits, |b| b.name.clone())
                }
                None => details_changed(p, q),
            };
            for what in changes {
                say(&place, what, Some(step));
            }
        }
    }
    for (j, q) in new.partnerships.iter().enumerate() {
        if !pairs.contains(&Some(j)) {
            say(
                &format!("Partnership \"{}\"", q.name),
                "added".into(),
                Some(Step::Added),
            );
        }
    }
    if a.currency_symbol != b.currency_symbol {
        say(settings, "currency symbol".into(), None);
    }
    if a.simulation != b.simulation {
        say(
            settings,
            "Monte Carlo and sensitivity settings".into(),
            None,
        );
    }
    if old.name != new.name {
        say("Project", "name".into(), None);
    }
    if old.description != new.description {
        say("Project", "description".into(), None);
    }
    if old.deflator_source != new.deflator_source {
        say("Library", "deflator source".into(), None);
    }
    if old.assumptions != new.assumptions {
        say("Project", "assumptions".into(), None);
    }
    if old.report != new.report {
        say("Project", "committee report settings".into(), None);
    }
    if old.significance != new.significance {
        say("Project", "significance test".into(), None);
    }
    if old.priorities != new.priorities {
        say("Project", "community strategy priorities".into(), None);
    }
    if old.baseline != new.baseline {
        say("Project", "baseline".into(), None);
    }
    // The register, the reviews, the objectives and the actuals are review data (actuals
    // enter the re-forecast, never the appraisal): listed, moved by no step, so they have
    // no share.
    for (i, p) in old.partnerships.iter().enumerate() {
        let Some(q) = pairs[i].and_then(|j| new.partnerships.get(j)) else {
            continue;
        };
        let place = format!("Partnership \"{}\"", p.name);
        if p.register != q.register {
            say(&place, "register".into(), None);
        }
        for what in review_changes(&p.reviews, &q.reviews) {
            say(&place, what, None);
        }
        if p.objectives != q.objectives {
            say(&place, "objectives".into(), None);
        }
        if p.actuals != q.actuals {
            say(&place, "actuals".into(), None);
        }
    }
    out
}

/// What changed in a partnership's reviews, in words: reviews added or removed (matched
/// by date, in the order entered), and for a review in both, its decision, ratings,
/// reviewer or reason, and its actions added, removed, closed or reopened.
fn review_changes(old: &[Review], new: &[Review]) -> Vec<String> {
    let named = |r: &Review| {
        r.date.map_or_else(
            || "undated review".to_owned(),
            |d| format!("review of {}", d.uk()),
        )
    };
    let mut out = Vec::new();
    let mut matched = vec![false; new.len()];
    for r in old {
        let twin = new
            .iter()
            .enumerate()
            .position(|(j, n)| !matched[j] && n.date == r.date);
        let Some(j) = twin else {
            out.push(format!("{} removed", named(r)));
            continue;
        };
        matched[j] = true;
        let n = &new[j];
        if n == r {
            continue;
        }
        let mut said = Vec::new();
        if n.decision != r.decision {
            said.push(format!(
                "decision {} to {}",
                r.decision.label(),
                n.decision.label()
            ));
        }
        if n.ratings() != r.ratings() {
            said.push("ratings".to_owned());
        }
        if n.reviewer != r.reviewer || n.reason != r.reason {
            said.push("reviewer or reason".to_owned());
        }
        let status_changed = |to: ActionStatus| {
            n.actions
                .iter()
                .filter(|a| {
                    a.status == to
                        && r.actions
                            .iter()
                            .any(|b| b.description == a.description && b.status != to)
                })
                .count()
        };
        let closed = status_changed(ActionStatus::Done);
        if closed > 0 {
            said.push(format!("{} done", count(closed, "action", "actions")));
        }
        let known =
            |list: &[Action], a: &Action| list.iter().any(|b| b.description == a.description);
        let added = n.actions.iter().filter(|a| !known(&r.actions, a)).count();
        let removed = r.actions.iter().filter(|a| !known(&n.actions, a)).count();
        if added > 0 {
            said.push(format!("{} added", count(added, "action", "actions")));
        }
        if removed > 0 {
            said.push(format!("{} removed", count(removed, "action", "actions")));
        }
        if said.is_empty() {
            said.push("actions".to_owned());
        }
        out.push(format!("{}: {}", named(r), said.join(", ")));
    }
    for (j, n) in new.iter().enumerate() {
        if !matched[j] {
            out.push(format!(
                "{} added (decision: {})",
                named(n),
                n.decision.label()
            ));
        }
    }
    out
}

/// The fields of a partnership outside its cost and benefit lines that differ.
fn details_changed(p: &Partnership, q: &Partnership) -> Vec<String> {
    let fields: [(&str, bool); 10] = [
        ("purpose", p.purpose != q.purpose),
        ("status", p.status != q.status),
        ("funding arrangement", p.funding != q.funding),
        ("members", p.members != q.members),
        ("business as usual", p.bau != q.bau),
        ("7S profile", p.seven_s != q.seven_s),
        ("impacts", p.impacts != q.impacts),
        ("options", p.options != q.options),
        ("preferred option", p.preferred_option != q.preferred_option),
        ("proposals", p.proposals != q.proposals),
    ];
    let mut out: Vec<String> = fields
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| (*name).to_owned())
        .collect();
    // A field not named above still shows as a change.
    let mut rest = p.clone();
    rest.name.clone_from(&q.name);
    rest.costs.clone_from(&q.costs);
    rest.benefits.clone_from(&q.benefits);
    // The register and the reviews are listed on their own, as no step's
    // (`input_changes`).
    rest.register.clone_from(&q.register);
    rest.reviews.clone_from(&q.reviews);
    rest.objectives.clone_from(&q.objectives);
    rest.actuals.clone_from(&q.actuals);
    if out.is_empty() && rest != *q {
        out.push("other details".to_owned());
    }
    out
}
