//! What a presenting session shares between the laptop's deck, its speaker
//! view and the phone: per deck, the slide and step shown, the blackout and
//! the timer; and which deck was moved last.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A deck's shared state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeckState {
    /// Slide shown, from 0.
    pub n: u32,
    /// Fragment step on that slide.
    pub f: u32,
    /// Whether the screen is blacked out.
    pub black: bool,
    /// Whether anyone moved the deck yet (a deck page that opens follows a
    /// state someone set, and otherwise reports where it is).
    pub moved: bool,
    /// The session's timer for this deck.
    pub timer: Timer,
}

/// A timer in the server's milliseconds: started at, paused since, and
/// time spent paused before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timer {
    started: u64,
    paused_at: Option<u64>,
    paused_for: u64,
}

impl Timer {
    fn started_at(now: u64) -> Timer {
        Timer {
            started: now,
            paused_at: None,
            paused_for: 0,
        }
    }

    /// Milliseconds counted at `now`.
    pub fn elapsed(&self, now: u64) -> u64 {
        self.paused_at
            .unwrap_or(now)
            .saturating_sub(self.started)
            .saturating_sub(self.paused_for)
    }

    fn apply(&mut self, action: TimerAction, now: u64) {
        match action {
            TimerAction::Pause if self.paused_at.is_none() => self.paused_at = Some(now),
            TimerAction::Resume => {
                if let Some(at) = self.paused_at.take() {
                    self.paused_for += now.saturating_sub(at);
                }
            }
            TimerAction::Reset => *self = Timer::started_at(now),
            TimerAction::Pause => {}
        }
    }
}

/// What a page asks of the timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimerAction {
    /// Stop counting.
    Pause,
    /// Count again.
    Resume,
    /// Start again from zero.
    Reset,
}

/// A change a page sends: any of a slide and step, the blackout, the timer.
#[derive(Debug, Clone, Deserialize)]
pub struct Change {
    /// The deck's path under the site root.
    pub deck: String,
    /// Slide, from 0.
    pub n: Option<u32>,
    /// Step on that slide.
    pub f: Option<u32>,
    /// Blackout on or off.
    pub black: Option<bool>,
    /// Timer action.
    pub timer: Option<TimerAction>,
    /// The sending page's id, echoed so it can ignore its own change.
    #[serde(default)]
    pub from: String,
}

/// A deck's state as pages receive it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Snapshot {
    /// The deck's path.
    pub deck: String,
    /// Slide, from 0.
    pub n: u32,
    /// Step.
    pub f: u32,
    /// Blackout.
    pub black: bool,
    /// Whether anyone moved the deck yet.
    pub moved: bool,
    /// Milliseconds on the timer.
    pub elapsed: u64,
    /// Whether the timer is paused.
    pub paused: bool,
    /// Who sent the change (empty for a plain read).
    pub from: String,
}

/// Every deck's state in one session.
#[derive(Debug, Default)]
pub struct Board {
    decks: HashMap<String, DeckState>,
    active: Option<String>,
}

impl Board {
    /// The state of `deck` (known to the caller to be a deck), starting its
    /// timer when it is first asked for.
    fn state(&mut self, deck: &str, now: u64) -> &mut DeckState {
        self.decks
            .entry(deck.to_string())
            .or_insert_with(|| DeckState {
                timer: Timer::started_at(now),
                ..DeckState::default()
            })
    }

    /// The state of `deck` as pages see it.
    pub fn snapshot(&mut self, deck: &str, now: u64) -> Snapshot {
        let state = self.state(deck, now).clone();
        snapshot_of(deck, &state, now, String::new())
    }

    /// Applies `change` (to a deck known to exist) and returns the new state.
    pub fn apply(&mut self, change: Change, now: u64) -> Snapshot {
        let state = self.state(&change.deck, now);
        if let Some(n) = change.n {
            state.n = n;
            state.f = change.f.unwrap_or(0);
            state.moved = true;
        }
        if let Some(black) = change.black {
            state.black = black;
        }
        if let Some(action) = change.timer {
            state.timer.apply(action, now);
        }
        let state = state.clone();
        self.active = Some(change.deck.clone());
        snapshot_of(&change.deck, &state, now, change.from)
    }

    /// The deck changed last, if any.
    pub fn active(&self) -> Option<&str> {
        self.active.as_deref()
    }
}

fn snapshot_of(deck: &str, state: &DeckState, now: u64, from: String) -> Snapshot {
    Snapshot {
        deck: deck.to_string(),
        n: state.n,
        f: state.f,
        black: state.black,
        moved: state.moved,
        elapsed: state.timer.elapsed(now),
        paused: state.timer.paused_at.is_some(),
        from,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(deck: &str) -> Change {
        Change {
            deck: deck.into(),
            n: None,
            f: None,
            black: None,
            timer: None,
            from: "phone".into(),
        }
    }

    #[test]
    fn moves_and_blackout_are_kept_per_deck() {
        let mut board = Board::default();
        assert!(!board.snapshot("a/slides/", 0).moved);
        let s = board.apply(
            Change {
                n: Some(3),
                f: Some(1),
                ..change("a/slides/")
            },
            10,
        );
        assert_eq!((s.n, s.f, s.moved, s.from.as_str()), (3, 1, true, "phone"));
        let s = board.apply(
            Change {
                black: Some(true),
                ..change("a/slides/")
            },
            20,
        );
        assert_eq!((s.n, s.black), (3, true));
        assert_eq!(board.snapshot("b/slides/", 30).n, 0);
        assert_eq!(board.active(), Some("a/slides/"));
    }

    #[test]
    fn the_timer_pauses_resumes_and_resets() {
        let mut board = Board::default();
        board.snapshot("d/", 1_000);
        let timer = |action| Change {
            timer: Some(action),
            ..change("d/")
        };
        let s = board.apply(timer(TimerAction::Pause), 61_000);
        assert_eq!((s.elapsed, s.paused), (60_000, true));
        assert_eq!(board.snapshot("d/", 90_000).elapsed, 60_000);
        let s = board.apply(timer(TimerAction::Resume), 121_000);
        assert_eq!((s.elapsed, s.paused), (60_000, false));
        assert_eq!(board.snapshot("d/", 131_000).elapsed, 70_000);
        assert_eq!(board.apply(timer(TimerAction::Reset), 200_000).elapsed, 0);
        assert_eq!(board.snapshot("d/", 205_000).elapsed, 5_000);
    }
}
