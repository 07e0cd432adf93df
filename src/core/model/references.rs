//! Names that refer to other things: partners, grades, unit values, confidence grades
//! and options are named in lines, members, proposals and the library. Renaming or
//! deleting one goes through here, so no reference is left naming nothing.
//!
//! A name refers to the first thing so called, as the engine resolves it; a second
//! thing with the same name (only a hand-edited file can hold one) has no references.

use super::{BenefitDetail, BenefitLine, CostDetail, CostLine, Optimism, Project, UnitValueSource};
use std::collections::BTreeSet;

/// The current arrangement's name in option lists: the partnership's own lines.
pub const CURRENT_ARRANGEMENT: &str = "Current arrangement";

/// A named thing in a project, by position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Named {
    Partner(usize),
    Grade {
        partner: usize,
        grade: usize,
    },
    UnitValue(usize),
    ConfidenceGrade(usize),
    Option {
        partnership: usize,
        option: usize,
    },
    Partnership(usize),
    Proposal {
        partnership: usize,
        proposal: usize,
    },
    /// A priority of the community strategy, which objectives name.
    Priority(usize),
}

/// Where a name is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Site {
    /// The agency of a unit value in the library.
    UnitValue(usize),
    /// Somewhere in a partnership.
    Partnership { index: usize, at: Holder },
}

/// What holds a name within a partnership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Holder {
    Member(usize),
    /// A cost line of the partnership (`option` none) or of one of its options.
    Cost {
        option: Option<usize>,
        line: usize,
        row: Row,
    },
    Benefit {
        option: Option<usize>,
        line: usize,
    },
    ProposalShare {
        proposal: usize,
        share: usize,
    },
    PreferredOption,
    /// The register's lead partner.
    LeadPartner,
    /// The priority an objective serves.
    ObjectivePriority {
        objective: usize,
    },
    /// The partner of a contribution to an objective.
    Contributor {
        objective: usize,
        contribution: usize,
    },
    /// A partner's part of a cost actual (a pooled fund's or a meeting's outturn).
    ActualPart {
        actual: usize,
        part: usize,
    },
}

/// The part of a cost line that holds a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Row {
    /// The line itself: its partner, grade, host or confidence grade.
    Line,
    Attendee(usize),
    Contribution(usize),
    /// The partner who pays a meeting's fixed costs.
    PaidBy,
}

/// A name in the project, with what kind of thing it names.
pub(super) enum Slot<'a> {
    Partner(&'a mut String),
    Grade {
        partner: &'a str,
        grade: &'a mut String,
    },
    UnitValue(&'a mut String),
    ConfidenceGrade(&'a mut String),
    Option(&'a mut String),
    Priority(&'a mut String),
}

impl Slot<'_> {
    fn name(&mut self) -> &mut String {
        match self {
            Slot::Partner(n)
            | Slot::Grade { grade: n, .. }
            | Slot::UnitValue(n)
            | Slot::ConfidenceGrade(n)
            | Slot::Option(n)
            | Slot::Priority(n) => n,
        }
    }
}

pub(super) type Visit<'f> = dyn FnMut(Site, Slot<'_>) + 'f;

/// Every name in the project that refers to another thing. The one list of them: renaming,
/// counting, moving and deleting all go through it.
pub(super) fn walk(project: &mut Project, f: &mut Visit<'_>) {
    for (i, uv) in project.unit_values.iter_mut().enumerate() {
        if let Some(p) = uv.partner.as_mut() {
            f(Site::UnitValue(i), Slot::Partner(p));
        }
    }
    for (index, ship) in project.partnerships.iter_mut().enumerate() {
        let at = |at| Site::Partnership { index, at };
        for (m, member) in ship.members.iter_mut().enumerate() {
            f(at(Holder::Member(m)), Slot::Partner(member));
        }
        let options = ship.options.iter_mut().enumerate();
        let lines = std::iter::once((None, &mut ship.costs, &mut ship.benefits))
            .chain(options.map(|(o, x)| (Some(o), &mut x.costs, &mut x.benefits)));
        for (option, costs, benefits) in lines {
            for (line, cost) in costs.iter_mut().enumerate() {
                let site = |row| at(Holder::Cost { option, line, row });
                walk_cost(cost, &site, f);
            }
            for (line, benefit) in benefits.iter_mut().enumerate() {
                walk_benefit(benefit, at(Holder::Benefit { option, line }), f);
            }
        }
        if let Some(name) = ship.preferred_option.as_mut() {
            f(at(Holder::PreferredOption), Slot::Option(name));
        }
        if let Some(lead) = ship.register.lead_partner.as_mut() {
            f(at(Holder::LeadPartner), Slot::Partner(lead));
        }
        for (proposal, p) in ship.proposals.iter_mut().enumerate() {
            for (share, s) in p.shares.iter_mut().enumerate() {
                let site = at(Holder::ProposalShare { proposal, share });
                f(site, Slot::Partner(&mut s.partner));
            }
        }
        for (objective, o) in ship.objectives.iter_mut().enumerate() {
            if let Some(priority) = o.priority.as_mut() {
                f(
                    at(Holder::ObjectivePriority { objective }),
                    Slot::Priority(priority),
                );
            }
            for (contribution, c) in o.contributions.iter_mut().enumerate() {
                let site = at(Holder::Contributor {
                    objective,
                    contribution,
                });
                f(site, Slot::Partner(&mut c.partner));
            }
        }
        for (actual, a) in ship.actuals.costs.iter_mut().enumerate() {
            for (part, x) in a.by_partner.iter_mut().enumerate() {
                let site = at(Holder::ActualPart { actual, part });
                f(site, Slot::Partner(&mut x.partner));
            }
        }
    }
}

fn walk_cost(line: &mut CostLine, site: &dyn Fn(Row) -> Site, f: &mut Visit<'_>) {
    if let Optimism::Grade(g) = &mut line.optimism {
        f(site(Row::Line), Slot::ConfidenceGrade(g));
    }
    match &mut line.detail {
        CostDetail::StaffTime(s) => {
            f(site(Row::Line), Slot::Partner(&mut s.partner));
            let (partner, grade) = (&s.partner, &mut s.grade);
            f(site(Row::Line), Slot::Grade { partner, grade });
        }
        CostDetail::Meeting(m) => {
            for (i, a) in m.attendees.iter_mut().enumerate() {
                f(site(Row::Attendee(i)), Slot::Partner(&mut a.partner));
                let (partner, grade) = (&a.partner, &mut a.grade);
                f(site(Row::Attendee(i)), Slot::Grade { partner, grade });
            }
            f(site(Row::PaidBy), Slot::Partner(&mut m.fixed_costs.paid_by));
        }
        CostDetail::PooledFund(p) => {
            f(site(Row::Line), Slot::Partner(&mut p.host));
            for (i, c) in p.contributions.iter_mut().enumerate() {
                f(site(Row::Contribution(i)), Slot::Partner(&mut c.partner));
            }
        }
        CostDetail::Other(o) => f(site(Row::Line), Slot::Partner(&mut o.partner)),
    }
}

fn walk_benefit(line: &mut BenefitLine, site: Site, f: &mut Visit<'_>) {
    if let Optimism::Grade(g) = &mut line.optimism {
        f(site, Slot::ConfidenceGrade(g));
    }
    if let Some(p) = line.partner.as_mut() {
        f(site, Slot::Partner(p));
    }
    if let BenefitDetail::Outcome(chain) = &mut line.detail
        && let UnitValueSource::Library(name) = &mut chain.unit_value
    {
        f(site, Slot::UnitValue(name));
    }
}

/// What a named thing's references look like: the name, and for an option or a grade
/// where it must be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Key {
    Partner(String),
    Grade { partner: String, grade: String },
    UnitValue(String),
    ConfidenceGrade(String),
    Option { partnership: usize, name: String },
    Priority(String),
}

impl Key {
    /// The key of a thing references can name; none for a thing nothing names, a
    /// position that does not exist, or a second thing with the same name.
    pub(super) fn of(project: &Project, named: &Named) -> Option<Key> {
        fn first<T>(items: &[T], index: usize, name: impl Fn(&T) -> &str) -> Option<String> {
            let own = name(items.get(index)?);
            let first = items.iter().position(|x| name(x) == own)?;
            (first == index).then(|| own.to_owned())
        }
        match *named {
            Named::Partner(i) => first(&project.partners, i, |p| &p.name).map(Key::Partner),
            Named::Grade { partner, grade } => {
                let p = project.partners.get(partner)?;
                let owner = first(&project.partners, partner, |p| &p.name)?;
                let grade = first(&p.grades, grade, |g| &g.name)?;
                Some(Key::Grade {
                    partner: owner,
                    grade,
                })
            }
            Named::UnitValue(i) => first(&project.unit_values, i, |u| &u.name).map(Key::UnitValue),
            Named::ConfidenceGrade(i) => {
                first(&project.confidence_grades, i, |g| &g.grade).map(Key::ConfidenceGrade)
            }
            Named::Option {
                partnership,
                option,
            } => {
                let ship = project.partnerships.get(partnership)?;
                let name = first(&ship.options, option, |o| &o.name)?;
                Some(Key::Option { partnership, name })
            }
            Named::Priority(i) => first(&project.priorities, i, |p| &p.name).map(Key::Priority),
            Named::Partnership(_) | Named::Proposal { .. } => None,
        }
    }

    fn matches(&self, site: Site, slot: &Slot<'_>) -> bool {
        match (self, slot) {
            (Key::Partner(k), Slot::Partner(n))
            | (Key::UnitValue(k), Slot::UnitValue(n))
            | (Key::ConfidenceGrade(k), Slot::ConfidenceGrade(n))
            | (Key::Priority(k), Slot::Priority(n)) => k == n.as_str(),
            (
                Key::Grade { partner, grade },
                Slot::Grade {
                    partner: p,
                    grade: g,
                },
            ) => partner == p && grade == g.as_str(),
            (Key::Option { partnership, name }, Slot::Option(n)) => {
                matches!(site, Site::Partnership { index, .. } if index == *partnership)
                    && name == n.as_str()
            }
            _ => false,
        }
    }
}

/// Calls `f` on every name that refers to `named`, with where it is.
pub(super) fn each_reference(
    project: &mut Project,
    named: &Named,
    mut f: impl FnMut(Site, &mut String),
) -> usize {
    let Some(key) = Key::of(project, named) else {
        return 0;
    };
    let mut count = 0;
    walk(project, &mut |site, mut slot| {
        if key.matches(site, &slot) {
            count += 1;
            f(site, slot.name());
        }
    });
    count
}

/// Everything that refers to a named thing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct References {
    /// Where each reference is, in project order.
    pub sites: Vec<Site>,
}

/// The references to a named thing (none for a partnership or a proposal: nothing
/// names them).
pub fn references_to(project: &Project, named: &Named) -> References {
    let mut copy = project.clone();
    let mut sites = Vec::new();
    each_reference(&mut copy, named, |site, _| sites.push(site));
    References { sites }
}

/// The references to the first partner called `name`.
pub fn references_to_partner(project: &Project, name: &str) -> References {
    match project.partners.iter().position(|p| p.name == name) {
        Some(i) => references_to(project, &Named::Partner(i)),
        None => References::default(),
    }
}

/// A line of a partnership or of one of its options: (partnership, option, is benefit, line).
pub type LineId = (usize, Option<usize>, bool, usize);

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

impl References {
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// The cost and benefit lines, of partnerships and their options, that name the thing.
    pub fn lines(&self) -> BTreeSet<LineId> {
        self.sites
            .iter()
            .filter_map(|s| match *s {
                Site::Partnership {
                    index,
                    at: Holder::Cost { option, line, .. },
                } => Some((index, option, false, line)),
                Site::Partnership {
                    index,
                    at: Holder::Benefit { option, line },
                } => Some((index, option, true, line)),
                _ => None,
            })
            .collect()
    }

    /// The partnerships in which something names the thing.
    pub fn partnerships(&self) -> BTreeSet<usize> {
        self.sites
            .iter()
            .filter_map(|s| match *s {
                Site::Partnership { index, .. } => Some(index),
                Site::UnitValue(_) => None,
            })
            .collect()
    }

    /// In words, for a confirmation: "3 lines in 2 partnerships refer to Police: 'CSP'
    /// (2 lines, a member), 'Health' (1 line of options); 1 unit value in the library."
    pub fn describe(&self, project: &Project, name: &str) -> String {
        let lines = self.lines();
        let ships = self.partnerships();
        let mut parts = Vec::new();
        for &index in &ships {
            let ship_name = project
                .partnerships
                .get(index)
                .map_or("", |s| s.name.as_str());
            parts.push(format!(
                "'{ship_name}' ({})",
                self.describe_in(index, &lines)
            ));
        }
        let library = self
            .sites
            .iter()
            .filter(|s| matches!(s, Site::UnitValue(_)))
            .count();
        if library > 0 {
            parts.push(format!("{} in the library", plural(library, "unit value")));
        }
        let head = if !lines.is_empty() {
            format!(
                "{} in {} {} to {name}",
                plural(lines.len(), "line"),
                plural(ships.len(), "partnership"),
                if lines.len() == 1 { "refers" } else { "refer" }
            )
        } else if self.is_empty() {
            return format!("Nothing refers to {name}.");
        } else {
            format!("{name} is named in {}", plural(parts.len(), "place"))
        };
        format!("{head}: {}.", parts.join("; "))
    }

    fn describe_in(&self, index: usize, lines: &BTreeSet<LineId>) -> String {
        let own = lines
            .iter()
            .filter(|l| l.0 == index && l.1.is_none())
            .count();
        let of_options = lines
            .iter()
            .filter(|l| l.0 == index && l.1.is_some())
            .count();
        let mut members = 0;
        let mut proposals = BTreeSet::new();
        let mut preferred = false;
        let mut lead = false;
        let mut objectives = BTreeSet::new();
        let mut contributions = 0;
        let mut actual_parts = 0;
        for site in &self.sites {
            match *site {
                Site::Partnership { index: i, at } if i == index => match at {
                    Holder::Member(_) => members += 1,
                    Holder::ProposalShare { proposal, .. } => {
                        proposals.insert(proposal);
                    }
                    Holder::PreferredOption => preferred = true,
                    Holder::LeadPartner => lead = true,
                    Holder::ObjectivePriority { objective } => {
                        objectives.insert(objective);
                    }
                    Holder::Contributor { .. } => contributions += 1,
                    Holder::ActualPart { .. } => actual_parts += 1,
                    Holder::Cost { .. } | Holder::Benefit { .. } => {}
                },
                _ => {}
            }
        }
        let mut words = Vec::new();
        if own > 0 {
            words.push(plural(own, "line"));
        }
        if of_options > 0 {
            words.push(format!("{} of options", plural(of_options, "line")));
        }
        if members > 0 {
            words.push("a member".to_owned());
        }
        if !proposals.is_empty() {
            words.push(plural(proposals.len(), "proposal"));
        }
        if preferred {
            words.push("the preferred option".to_owned());
        }
        if lead {
            words.push("the lead partner".to_owned());
        }
        if !objectives.is_empty() {
            words.push(plural(objectives.len(), "objective"));
        }
        if contributions > 0 {
            words.push(plural(contributions, "contribution to an objective"));
        }
        if actual_parts > 0 {
            words.push(if actual_parts == 1 {
                "1 partner's part of an actual".to_owned()
            } else {
                format!("{actual_parts} partners' parts of actuals")
            });
        }
        words.join(", ")
    }
}

// ---------------------------------------------------------------------------------
// Names: checking, renaming

impl Named {
    /// What the thing is called in messages: "partner", "grade"…
    pub fn what(&self) -> &'static str {
        match self {
            Named::Partner(_) => "partner",
            Named::Grade { .. } => "grade",
            Named::UnitValue(_) => "unit value",
            Named::ConfidenceGrade(_) => "confidence grade",
            Named::Option { .. } => "option",
            Named::Partnership(_) => "partnership",
            Named::Proposal { .. } => "proposal",
            Named::Priority(_) => "priority",
        }
    }

    /// The thing's name now; none if there is nothing at that position.
    pub fn name<'p>(&self, project: &'p Project) -> Option<&'p str> {
        let ship = |i: usize| project.partnerships.get(i);
        Some(match *self {
            Named::Partner(i) => &project.partners.get(i)?.name,
            Named::Grade { partner, grade } => {
                &project.partners.get(partner)?.grades.get(grade)?.name
            }
            Named::UnitValue(i) => &project.unit_values.get(i)?.name,
            Named::ConfidenceGrade(i) => &project.confidence_grades.get(i)?.grade,
            Named::Option {
                partnership,
                option,
            } => &ship(partnership)?.options.get(option)?.name,
            Named::Partnership(i) => &ship(i)?.name,
            Named::Proposal {
                partnership,
                proposal,
            } => &ship(partnership)?.proposals.get(proposal)?.name,
            Named::Priority(i) => &project.priorities.get(i)?.name,
        })
    }

    /// The names of the thing's siblings: the others of its kind, among which a name must
    /// be unique (a grade among its partner's grades, an option among its partnership's).
    pub fn siblings<'p>(&self, project: &'p Project) -> Vec<&'p str> {
        let ship = |i: usize| project.partnerships.get(i);
        let (own, all): (usize, Vec<&str>) = match *self {
            Named::Partner(i) => (
                i,
                project.partners.iter().map(|p| p.name.as_str()).collect(),
            ),
            Named::Grade { partner, grade } => (
                grade,
                project.partners.get(partner).map_or_else(Vec::new, |p| {
                    p.grades.iter().map(|g| g.name.as_str()).collect()
                }),
            ),
            Named::UnitValue(i) => (
                i,
                project
                    .unit_values
                    .iter()
                    .map(|u| u.name.as_str())
                    .collect(),
            ),
            Named::ConfidenceGrade(i) => (
                i,
                project
                    .confidence_grades
                    .iter()
                    .map(|g| g.grade.as_str())
                    .collect(),
            ),
            Named::Option {
                partnership,
                option,
            } => (
                option,
                ship(partnership).map_or_else(Vec::new, |s| {
                    s.options.iter().map(|o| o.name.as_str()).collect()
                }),
            ),
            Named::Partnership(i) => (
                i,
                project
                    .partnerships
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect(),
            ),
            Named::Proposal {
                partnership,
                proposal,
            } => (
                proposal,
                ship(partnership).map_or_else(Vec::new, |s| {
                    s.proposals.iter().map(|p| p.name.as_str()).collect()
                }),
            ),
            Named::Priority(i) => (
                i,
                project.priorities.iter().map(|p| p.name.as_str()).collect(),
            ),
        };
        all.into_iter()
            .enumerate()
            .filter(|(i, _)| *i != own)
            .map(|(_, n)| n)
            .collect()
    }
}

/// Why `candidate` cannot be the thing's new name, if it cannot: empty, or already
/// another's. The wording is the one `validate` uses for a clash in a file.
pub fn name_problem(project: &Project, named: &Named, candidate: &str) -> Option<String> {
    name_problem_among(named, &named.siblings(project), candidate)
}

/// [`name_problem`], with the names of the thing's siblings given (for a screen that
/// holds only a part of the project).
pub fn name_problem_among(named: &Named, others: &[&str], candidate: &str) -> Option<String> {
    let candidate = candidate.trim();
    if candidate.is_empty() {
        return Some("enter a name".to_owned());
    }
    if matches!(named, Named::Option { .. }) && candidate == CURRENT_ARRANGEMENT {
        return Some(format!(
            "'{CURRENT_ARRANGEMENT}' stands for the partnership's own lines: choose another name"
        ));
    }
    others
        .contains(&candidate)
        .then(|| format!("another {} is already called '{candidate}'", named.what()))
}

/// Renames a thing and every reference to it. Refuses a name that is empty or another's
/// (see [`name_problem`]); otherwise returns how many references were changed.
pub fn rename(project: &mut Project, named: &Named, new: &str) -> Result<usize, String> {
    if let Some(problem) = name_problem(project, named, new) {
        return Err(problem);
    }
    let new = new.trim().to_owned();
    let count = each_reference(project, named, |_, name| name.clone_from(&new));
    let own = match *named {
        Named::Partner(i) => project.partners.get_mut(i).map(|p| &mut p.name),
        Named::Grade { partner, grade } => project
            .partners
            .get_mut(partner)
            .and_then(|p| p.grades.get_mut(grade))
            .map(|g| &mut g.name),
        Named::UnitValue(i) => project.unit_values.get_mut(i).map(|u| &mut u.name),
        Named::ConfidenceGrade(i) => project.confidence_grades.get_mut(i).map(|g| &mut g.grade),
        Named::Option {
            partnership,
            option,
        } => project
            .partnerships
            .get_mut(partnership)
            .and_then(|s| s.options.get_mut(option))
            .map(|o| &mut o.name),
        Named::Partnership(i) => project.partnerships.get_mut(i).map(|s| &mut s.name),
        Named::Proposal {
            partnership,
            proposal,
        } => project
            .partnerships
            .get_mut(partnership)
            .and_then(|s| s.proposals.get_mut(proposal))
            .map(|p| &mut p.name),
        Named::Priority(i) => project.priorities.get_mut(i).map(|p| &mut p.name),
    };
    if let Some(own) = own {
        *own = new;
    }
    Ok(count)
}

/// Renames the first partner called `old` and every reference to it. Returns how many
/// references there were (none if the name is refused or no partner is so called).
pub fn rename_partner(project: &mut Project, old: &str, new: &str) -> usize {
    let Some(i) = project.partners.iter().position(|p| p.name == old) else {
        return 0;
    };
    rename(project, &Named::Partner(i), new).unwrap_or(0)
}

/// Renames one partner's grade and every staff line and attendee that uses it.
pub fn rename_grade(project: &mut Project, partner: &str, old: &str, new: &str) {
    let Some(p) = project.partners.iter().position(|p| p.name == partner) else {
        return;
    };
    if let Some(grade) = project.partners[p]
        .grades
        .iter()
        .position(|g| g.name == old)
    {
        let _ = rename(project, &Named::Grade { partner: p, grade }, new);
    }
}

/// Renames a unit value and every outcome chain that takes it from the library.
pub fn rename_unit_value(project: &mut Project, old: &str, new: &str) {
    if let Some(i) = project.unit_values.iter().position(|u| u.name == old) {
        let _ = rename(project, &Named::UnitValue(i), new);
    }
}

/// Renames a confidence grade and every line graded with it.
pub fn rename_confidence_grade(project: &mut Project, old: &str, new: &str) {
    if let Some(i) = project
        .confidence_grades
        .iter()
        .position(|g| g.grade == old)
    {
        let _ = rename(project, &Named::ConfidenceGrade(i), new);
    }
}

/// True when `a` and `b` have the same names, in the same places, for everything outside
/// the partnerships that a partnership can refer to by name: partners and their grades,
/// unit values, confidence grades, project types and priorities. Renaming or deleting any of them
/// (which changes the partnerships that refer to it) makes this false; an edit that
/// keeps it true has not reached a partnership through a name.
pub fn same_referable_names(a: &Project, b: &Project) -> bool {
    let partners = |p: &Project| {
        p.partners
            .iter()
            .map(|x| {
                (
                    x.name.clone(),
                    x.grades.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    a.partners.len() == b.partners.len()
        && partners(a) == partners(b)
        && a.unit_values
            .iter()
            .map(|u| &u.name)
            .eq(b.unit_values.iter().map(|u| &u.name))
        && a.confidence_grades
            .iter()
            .map(|g| &g.grade)
            .eq(b.confidence_grades.iter().map(|g| &g.grade))
        && a.project_types
            .iter()
            .map(|t| &t.name)
            .eq(b.project_types.iter().map(|t| &t.name))
        && a.priorities
            .iter()
            .map(|p| &p.name)
            .eq(b.priorities.iter().map(|p| &p.name))
}

/// `base`, or `base 2`, `base 3`… whichever is not among `taken`.
pub fn unique_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    first_free_name(
        base.to_owned(),
        |n| format!("{base} {n}"),
        |candidate| taken.clone().any(|t| t == candidate),
    )
}

/// The first of `first`, `numbered(2)`, `numbered(3)`… that `is_taken` does not refuse:
/// the one rule behind every name made up so as not to clash (a new line, grade or
/// proposal here; a workbook's sheet names, which number as "Name (2)").
pub fn first_free_name(
    first: String,
    numbered: impl Fn(usize) -> String,
    is_taken: impl Fn(&str) -> bool,
) -> String {
    if !is_taken(&first) {
        return first;
    }
    (2..)
        .map(numbered)
        .find(|candidate| !is_taken(candidate))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_name_numbers_from_two_and_skips_names_taken() {
        let taken = ["Grade", "Grade 2", "Grade 4"];
        assert_eq!(unique_name("Other", taken.iter().copied()), "Other");
        assert_eq!(unique_name("Grade", taken.iter().copied()), "Grade 3");
        // Names are compared exactly here: a grade "grade" is another name.
        assert_eq!(unique_name("grade", taken.iter().copied()), "grade");
    }

    #[test]
    fn first_free_name_follows_its_numbering_and_its_test_of_taken() {
        let taken = ["sheet", "Sheet (2)"];
        let is_taken = |c: &str| c.is_empty() || taken.iter().any(|t| t.eq_ignore_ascii_case(c));
        let name = first_free_name("Sheet".into(), |k| format!("Sheet ({k})"), is_taken);
        assert_eq!(name, "Sheet (3)");
        let name = first_free_name(String::new(), |k| format!("({k})"), is_taken);
        assert_eq!(name, "(2)");
    }
}
