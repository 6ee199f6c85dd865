//! Reading English and Chinese messages the way people write them, with no I/O.
//!
//! The core's intent routing and GUI translator and the studio's agent read what a person typed
//! with these rules, once: letter [`case`] without Unicode's tables (the browser build stays small).
//! Each reader keeps its own word lists.
#![forbid(unsafe_code)]

pub mod case;
