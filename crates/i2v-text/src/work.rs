//! Counting the work of reading, so that a test can check it grows in proportion to the text
//! (issue 21: a message must cost time in proportion to its length, never more).
//!
//! The phrase and number readers call [`step`] once per attempt (a phrase tried at a token, a
//! number read at one). Without the `work-count` feature the call is empty and compiles to
//! nothing; with it, each thread keeps a count that [`steps`] reads. Wall-clock timings are
//! noisy on shared machines; a count is not.

#[cfg(feature = "work-count")]
thread_local! {
    /// The steps taken on this thread so far.
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one step of work (where the `work-count` feature is on).
#[inline]
pub fn step() {
    #[cfg(feature = "work-count")]
    STEPS.with(|steps| steps.set(steps.get().saturating_add(1)));
}

/// The steps counted on this thread so far.
#[cfg(feature = "work-count")]
pub fn steps() -> u64 {
    STEPS.with(std::cell::Cell::get)
}
