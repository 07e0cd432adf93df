//! The partner network kept from one revision of the project to the next.
//!
//! After an edit only the rows of the partnerships that changed are worked out again.
//! Adding the whole network up from its rows (each partner's totals, the pairs who sit
//! together, the grades in demand) takes about 25 ms at 5,500 partnerships, and the
//! dashboard needs none of it: only each partner's memberships, which are counted from
//! the rows. So the network is added up when a screen or a paper asks for the whole of it.

use super::{Cell, Network, assemble, partners, row_of, rows, same_row};
use crate::appraisal::Appraisal;
use crate::model::Project;

/// The network of one version of the project and its appraisal: its rows always, and
/// the rest added up from them unless an edit has moved a row since.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptNetwork {
    /// Its `partners` and `cells` are always those of the version it is of; the rest of
    /// it is only when `added_up`.
    network: Network,
    added_up: bool,
    /// Each partner's memberships, counted from the rows whenever they change (the
    /// dashboard reads them every frame).
    memberships: Vec<usize>,
}

/// Each partner's memberships, counted from `cells` (in the order of the partners).
fn count_memberships(partners: usize, cells: &[Vec<Cell>]) -> Vec<usize> {
    let mut counts = vec![0; partners];
    for row in cells {
        for (count, cell) in counts.iter_mut().zip(row) {
            *count += usize::from(cell.member);
        }
    }
    counts
}

impl KeptNetwork {
    /// The rows of the network of `project` and its `appraisal`, not yet added up.
    pub fn of(project: &Project, appraisal: &Appraisal) -> Self {
        let partners = partners(project, appraisal);
        let count = project.partnerships.len().min(appraisal.partnerships.len());
        let cells = rows(count, |i| row_of(project, appraisal, &partners, i));
        Self {
            memberships: count_memberships(partners.len(), &cells),
            network: Network {
                partners,
                cells,
                ..Network::default()
            },
            added_up: false,
        }
    }

    /// The network, which is added up already.
    pub fn whole_from(network: Network) -> Self {
        Self {
            memberships: count_memberships(network.partners.len(), &network.cells),
            network,
            added_up: true,
        }
    }

    /// The network's partners, in the order of its columns.
    pub fn partners(&self) -> &[String] {
        &self.network.partners
    }

    /// `cells[partnership][partner]`.
    pub fn cells(&self) -> &[Vec<Cell>] {
        &self.network.cells
    }

    /// Each partner's memberships, in the order of [`Self::partners`]: the whole
    /// network's `totals[k].memberships`, without adding the rest up.
    pub fn memberships(&self) -> &[usize] {
        &self.memberships
    }

    /// The whole network, added up from the rows now if an edit moved one since it last
    /// was.
    pub fn whole(&mut self) -> &Network {
        if !self.added_up {
            let partners = std::mem::take(&mut self.network.partners);
            let cells = std::mem::take(&mut self.network.cells);
            self.network = assemble(partners, cells);
            self.added_up = true;
        }
        &self.network
    }

    /// The whole network, owned.
    pub fn into_whole(mut self) -> Network {
        self.whole();
        self.network
    }

    /// Whether the network's partners are still `partners(project, appraisal)` when only
    /// the partnerships `changed` have changed. Its columns are the project's partners,
    /// then any other name a partnership's results give: with none such, they stay so
    /// unless a changed partnership gives one, which is checked without reading every
    /// partnership's results (about 4 ms at 5,500).
    fn same_partners(&self, project: &Project, appraisal: &Appraisal, changed: &[usize]) -> bool {
        let columns = &self.network.partners;
        let only_the_projects = columns.len() == project.partners.len()
            && columns
                .iter()
                .zip(&project.partners)
                .all(|(c, p)| *c == p.name);
        if !only_the_projects {
            return partners(project, appraisal) == *columns;
        }
        changed.iter().all(|&i| {
            appraisal
                .partnerships
                .get(i)
                .is_some_and(|r| r.partners.iter().all(|row| columns.contains(&row.partner)))
        })
    }

    /// This network, of an earlier version of the project, brought up to `project` and
    /// its `appraisal`: only the rows of partnerships for which `changed(i)` is true are
    /// worked out again. `changed` must be true for every partnership that changed, and
    /// nothing but partnerships may have changed; every row is worked out again when the
    /// partners or the number of partnerships differ. An edit that moves no row (a name,
    /// a description, most benefits) leaves the network as it was, to the last digit and
    /// scale, added up if it was; otherwise it is added up again when next asked for.
    /// Either way [`Self::whole`] then gives exactly [`super::network`]`(project, appraisal)`.
    pub fn updated(
        self,
        project: &Project,
        appraisal: &Appraisal,
        changed: &dyn Fn(usize) -> bool,
    ) -> Self {
        let count = project.partnerships.len().min(appraisal.partnerships.len());
        let changed: Vec<usize> = (0..count).filter(|&i| changed(i)).collect();
        if self.network.cells.len() != count || !self.same_partners(project, appraisal, &changed) {
            return Self::of(project, appraisal);
        }
        let mut kept = self;
        for i in changed {
            let row = row_of(project, appraisal, &kept.network.partners, i);
            if !same_row(&row, &kept.network.cells[i]) {
                kept.network.cells[i] = row;
                kept.added_up = false;
            }
        }
        if !kept.added_up {
            kept.memberships = count_memberships(kept.network.partners.len(), &kept.network.cells);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::super::{network, tests::project};
    use super::*;
    use crate::appraisal::appraise;

    /// An edit that moves a row leaves the network to be added up when asked, its
    /// memberships counted from the rows meanwhile; one that moves none keeps it as it
    /// was. Added up, it is always the network worked out afresh.
    #[test]
    fn a_kept_network_is_added_up_only_when_asked() {
        let before = project();
        let a = appraise(&before);
        let mut kept = KeptNetwork::of(&before, &a);
        assert!(!kept.added_up);
        assert_eq!(kept.memberships(), [2, 3, 2, 1]);
        assert_eq!(kept.whole(), &network(&before, &a));
        // A line renamed moves no row: the network stays added up.
        let mut renamed = before.clone();
        renamed.partnerships[0].costs[0].name.push_str(" (renamed)");
        let a = appraise(&renamed);
        let kept = kept.updated(&renamed, &a, &|i| i == 0);
        assert!(kept.added_up);
        // D joins Four: its row moves, and D's memberships with it.
        let mut joined = renamed.clone();
        joined.partnerships[3].members.push("D".into());
        let a = appraise(&joined);
        let mut kept = kept.updated(&joined, &a, &|i| i == 3);
        assert!(!kept.added_up);
        assert_eq!(kept.memberships(), [2, 3, 2, 2]);
        let fresh = network(&joined, &a);
        let added_up: Vec<usize> = fresh.totals.iter().map(|t| t.memberships).collect();
        assert_eq!(kept.memberships(), added_up);
        assert_eq!(kept.whole(), &fresh);
        assert_eq!(kept.memberships(), added_up);
    }

    /// An edit that names a partner outside the project's list (a line the appraisal
    /// leaves out) and one that takes it out again: the partners are checked from the
    /// edited partnership alone, and the network is always the one worked out afresh.
    #[test]
    fn an_edit_naming_an_unlisted_partner_leaves_the_network_as_worked_out_afresh() {
        let before = project();
        let a = appraise(&before);
        let kept = KeptNetwork::of(&before, &a);
        use crate::model::{CostDetail, OtherCategory, OtherCost, Profile};
        let mut named = before.clone();
        named.partnerships[1]
            .costs
            .push(super::super::tests::line(CostDetail::Other(OtherCost {
                category: OtherCategory::SupportTeam,
                partner: "Unlisted body".into(),
                layer: None,
                amounts: Profile::constant(rust_decimal_macros::dec!(1000), 3),
            })));
        let a = appraise(&named);
        let fresh = network(&named, &a);
        let mut kept = kept.updated(&named, &a, &|i| i == 1);
        assert_eq!(kept.partners(), fresh.partners.as_slice());
        assert_eq!(kept.whole(), &fresh);
        let a = appraise(&before);
        let mut kept = kept.updated(&before, &a, &|i| i == 1);
        assert_eq!(kept.whole(), &network(&before, &a));
    }
}
