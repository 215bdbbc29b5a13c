//! Time in the page: `performance.now()` and giving the browser a turn.

/// Milliseconds since the page started (`performance.now()`).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Gives the browser a turn: input, rendering, the progress bar.
pub async fn yield_now() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// How long a slice of work runs before it yields (one step, a file's decode, can run
/// past it: a step is never split).
pub const SLICE_MS: f64 = 12.0;

/// Work in slices: [`Slices::tick`] yields to the browser once the current slice has run
/// for its budget.
pub struct Slices {
    budget_ms: f64,
    start: f64,
}

impl Slices {
    /// Slices of at most about `budget_ms` (plus the one step that crosses it).
    pub fn new(budget_ms: f64) -> Slices {
        Slices {
            budget_ms,
            start: now(),
        }
    }
    /// True when the slice is used up (the caller then reports progress and yields).
    pub fn due(&self) -> bool {
        now() - self.start >= self.budget_ms
    }
    /// Yields to the browser and starts a new slice.
    pub async fn next(&mut self) {
        yield_now().await;
        self.start = now();
    }
}

/// A `performance.mark` (the benchmark script lines long tasks up with them).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Publishes a figure on `<body data-NAME>` (milliseconds, two decimals) for the
/// measuring scripts.
pub fn publish(name: &str, ms: f64) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.set_attribute(&format!("data-{name}"), &format!("{ms:.2}"));
    }
}
