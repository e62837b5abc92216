//! Wall time of each stage of a build, shown by `--timings` so an author with
//! a large handbook can see where a build spends its time.

use std::time::{Duration, Instant};

/// Stages in the order they ran, each with the wall time since the previous one.
#[derive(Debug, Clone)]
pub struct Timings {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }
}

impl Timings {
    /// Records that `stage` just ended; its time runs from the end of the previous stage.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }

    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_follow_each_other_in_order() {
        let mut timings = Timings::default();
        std::thread::sleep(Duration::from_millis(2));
        timings.lap("first");
        timings.lap("second");
        let names: Vec<_> = timings.stages().iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["first", "second"]);
        assert!(timings.stages()[0].1 >= Duration::from_millis(2));
        assert!(timings.stages()[1].1 < timings.stages()[0].1);
    }
}
