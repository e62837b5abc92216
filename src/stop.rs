//! Asking long work to stop early. The preview renders what can wait (the
//! print pages, the search index, every view after a title edit) while the
//! author is idle, and stops as soon as they save again, so the save is
//! rendered at once; the work left is done at the next idle moment.

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether to stop: never, or once a flag is raised.
#[derive(Debug, Clone, Copy)]
pub struct Stop<'a>(Option<&'a AtomicBool>);

impl<'a> Stop<'a> {
    /// Work that always runs to the end (a build).
    pub const NEVER: Stop<'static> = Stop(None);

    /// Work that stops once `flag` is raised.
    pub fn when(flag: &'a AtomicBool) -> Self {
        Stop(Some(flag))
    }

    /// Whether the work should stop now.
    pub fn asked(&self) -> bool {
        self.0.is_some_and(|flag| flag.load(Ordering::Relaxed))
    }
}
