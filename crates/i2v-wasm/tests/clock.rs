//! The timer clock in a real browser: waits, zero waits, and timers cleared on drop.
// Browser tests: on the host there is nothing to test (the crate is empty there).
#![cfg(target_arch = "wasm32")]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};
use std::time::Duration;

use i2v_core::client::Clock;
use i2v_wasm::TimerClock;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support.js")]
extern "C" {
    #[wasm_bindgen(js_name = restoreGlobals)]
    fn restore_globals();
    #[wasm_bindgen(js_name = countClearTimeout)]
    fn count_clear_timeout();
    #[wasm_bindgen(js_name = clearedTimerCount)]
    fn cleared_timer_count() -> u32;
}

#[wasm_bindgen_test]
async fn now_is_the_wall_clock_in_milliseconds() {
    let now = TimerClock.now_ms();
    // 2025-01-01 and 2100-01-01: a value in seconds or microseconds would fall outside.
    assert!(
        (1_735_689_600_000..4_102_444_800_000).contains(&now),
        "{now}"
    );
}

#[wasm_bindgen_test]
async fn sleep_waits_about_as_long_as_asked() {
    let clock = TimerClock;
    let start = js_sys::Date::now();
    clock.sleep(Duration::from_millis(80)).await;
    let waited = js_sys::Date::now() - start;
    assert!((75.0..2_000.0).contains(&waited), "waited {waited} ms");
}

#[wasm_bindgen_test]
async fn a_zero_sleep_is_ready_at_once() {
    let mut sleep = TimerClock.sleep(Duration::ZERO);
    assert!(
        Pin::new(&mut sleep)
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_ready()
    );
}

#[wasm_bindgen_test]
async fn a_dropped_sleep_clears_its_timer() {
    count_clear_timeout();
    let mut sleep = TimerClock.sleep(Duration::from_millis(30));
    assert!(
        Pin::new(&mut sleep)
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_pending()
    );
    assert_eq!(cleared_timer_count(), 0);
    drop(sleep);
    assert_eq!(
        cleared_timer_count(),
        1,
        "dropping the wait cleared its timer"
    );
    // Outlive the dropped timer: had it fired, it would have called a freed closure and thrown.
    TimerClock.sleep(Duration::from_millis(60)).await;
    restore_globals();
}
