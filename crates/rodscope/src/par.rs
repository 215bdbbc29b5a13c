//! Using the other cores: one job per input file, results in input order ([`map`]);
//! one job beside the main work ([`eager`]).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// `f` applied to every item, on up to `available_parallelism` threads, this one
/// included (each takes the next item when it is done with one), the results in the
/// items' order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else { break };
        let r = f(item);
        done.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
    };
    // The calling thread is one of the workers: if the helpers wait for a core (a
    // busy machine), it takes the items itself.
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_unstable_by_key(|x| x.0);
    done.into_iter().map(|x| x.1).collect()
}

/// A job started on a helper thread that the caller may also run itself: whoever
/// comes first runs it. On a busy machine a new thread can wait milliseconds for a
/// core; then the caller, once it needs the result, runs the job at once instead of
/// waiting (the helper, when it finally runs, finds the job taken and ends).
pub struct Eager<R> {
    taken: Arc<AtomicBool>,
    job: Arc<dyn Fn() -> R + Send + Sync>,
    helper: std::thread::JoinHandle<Option<R>>,
}

/// Starts `job` on a helper thread (see [`Eager`]).
pub fn eager<R: Send + 'static>(job: impl Fn() -> R + Send + Sync + 'static) -> Eager<R> {
    let taken = Arc::new(AtomicBool::new(false));
    let job: Arc<dyn Fn() -> R + Send + Sync> = Arc::new(job);
    let (t, j) = (taken.clone(), job.clone());
    let helper = std::thread::spawn(move || (!t.swap(true, Ordering::AcqRel)).then(|| j()));
    Eager { taken, job, helper }
}

impl<R> Eager<R> {
    /// The job's result: computed here if the helper has not started it, else the
    /// helper's (waiting for it to finish).
    pub fn result(self) -> R {
        if !self.taken.swap(true, Ordering::AcqRel) {
            return (self.job)(); // the helper is left to find the job taken
        }
        match self.helper.join() {
            Ok(Some(r)) => r,
            _ => (self.job)(),
        }
    }
}
