//! The bench command: times load, validate, appraise, save, Monte Carlo and a UI frame.
