//! The core's [`Clock`] over the global `setTimeout` and `Date.now()`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use i2v_core::client::{BoxFuture, Clock};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::{Closure, wasm_bindgen};

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (a number in browsers, an object in Node).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Closure<dyn FnMut()>, ms: f64) -> JsValue;
    /// The global `clearTimeout`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// `setTimeout` takes a signed 32-bit delay and fires at once above it: longer waits are chained.
const LONGEST_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// Time from `Date.now()`; waits from `setTimeout`, cancelled with `clearTimeout` on drop.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimerClock;

impl TimerClock {
    /// The clock; it holds nothing.
    pub fn new() -> TimerClock {
        TimerClock
    }
}

impl Clock for TimerClock {
    fn now_ms(&self) -> u64 {
        // Whole non-negative milliseconds: the cast saturates, and never wraps.
        js_sys::Date::now() as u64
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(Sleep {
            remaining_ms: duration.as_secs_f64() * 1000.0,
            timer: None,
        })
    }
}

/// One wait. The time is counted by the timers themselves, not by `Date.now()`, so a wall clock
/// set back does not stretch it.
struct Sleep {
    /// Milliseconds still to wait once the armed timer fires.
    remaining_ms: f64,
    timer: Option<Timer>,
}

/// A `setTimeout` in flight and the closure it calls, which lives exactly as long as the timer.
struct Timer {
    handle: JsValue,
    state: Rc<TimerState>,
    /// Owned here and cleared from JS in `Drop` before it goes, so JS never calls a freed closure.
    _callback: Closure<dyn FnMut()>,
}

#[derive(Default)]
struct TimerState {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Timer {
    fn start(ms: f64, waker: &Waker) -> Timer {
        let state = Rc::new(TimerState {
            fired: Cell::new(false),
            waker: RefCell::new(Some(waker.clone())),
        });
        let fired = Rc::clone(&state);
        let callback = Closure::<dyn FnMut()>::new(move || {
            fired.fired.set(true);
            if let Some(waker) = fired.waker.borrow_mut().take() {
                waker.wake();
            }
        });
        let handle = set_timeout(&callback, ms);
        Timer {
            handle,
            state,
            _callback: callback,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // Clearing a timer that already fired is harmless.
        clear_timeout(&self.handle);
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(timer) = &self.timer {
            if !timer.state.fired.get() {
                *timer.state.waker.borrow_mut() = Some(cx.waker().clone());
                return Poll::Pending;
            }
            self.timer = None;
        }
        if self.remaining_ms <= 0.0 {
            return Poll::Ready(());
        }
        let ms = self.remaining_ms.min(LONGEST_TIMEOUT_MS);
        self.remaining_ms -= ms;
        self.timer = Some(Timer::start(ms, cx.waker()));
        Poll::Pending
    }
}
