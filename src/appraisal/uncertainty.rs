//! Sensitivity, switching values, Monte Carlo and fair shares.
