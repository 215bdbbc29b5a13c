//! What a load in progress reports, and how it is cancelled.

use std::cell::Cell;
use std::rc::Rc;

/// Progress of a load, for the progress bar: files and bytes done of the totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub stage: &'static str,
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: usize,
    pub bytes_total: usize,
}

impl Progress {
    /// A stage with no count (yet).
    pub fn stage(stage: &'static str) -> Progress {
        Progress {
            stage,
            files_done: 0,
            files_total: 0,
            bytes_done: 0,
            bytes_total: 0,
        }
    }
}

/// Asks a running load to stop at its next slice. Compared by identity.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Rc<Cell<bool>>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }
    /// Asks the load to stop.
    pub fn cancel(&self) {
        self.0.set(true);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A load in progress: its last report and its cancel switch.
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub progress: Progress,
    pub cancel: Cancel,
}

/// Why a load ended without a result.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The user pressed Cancel.
    Cancelled,
    /// Reading the files failed.
    Failed(String),
}
