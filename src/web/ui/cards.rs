//! The cards' feed: what each target card shows (its value, status, chance, why it is at risk,
//! what a resource gap stopped), kept outside the component tree so that a move re-renders only
//! the cards it changes, not the list of every card. The widget hands each new shown outcome to
//! the feed ([`use_card_feed`]); the feed works out which targets the change can reach (the
//! inputs that differ, the statuses, values and chances that differ, the resource gaps) and
//! re-renders those cards.
//!
//! A move that changes more than [`SLICE`] cards (a plan of hundreds of targets), and any step
//! of a drag (a slider's `input` before its `change`), re-renders at once only the changed cards
//! in or near the viewport (an `IntersectionObserver`, which stops observing a card while
//! `content-visibility: auto` skips it, told by [`RELEVANCE_EVENT`]; where there is no such
//! event, it observes every card); the others follow in slices of
//! [`SLICE`] cards between frames once the input has been still for [`FIRST_SLICE_MS`] (each
//! move cancels the slices still to come and starts the wait again, so no slice runs between
//! two inputs of a drag), and a card scrolled into view is brought up to date first. What a
//! reader sees is always current; cards out of view catch up within a few frames of the last
//! move. Any other change of [`SLICE`] cards or fewer (a click, a key, a typed value) re-renders
//! them all at once (cards an earlier large change left for its slices keep their place there:
//! [`drawn_now`]).

use super::view::PlanRef;
use crate::core::constraint::{reaches, reason_of, slips, Slip};
use crate::core::risk::RiskResult;
use crate::core::session::differing_inputs;
use crate::core::why::{breaks_text, Probes};
use crate::core::{Lang, Outcome, Plan, Status};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, IntersectionObserver, IntersectionObserverEntry};
use yew::functional::UseForceUpdateHandle;
use yew::prelude::*;

/// Cards re-rendered at once by a move (beyond those in view), and per slice after it.
pub const SLICE: usize = 24;

/// The stillness of the input before the first slice after a move (ms): every move starts the
/// wait again.
const FIRST_SLICE_MS: u64 = 50;

/// How far beyond the viewport a card counts as in view (the IntersectionObserver's margin).
const NEAR: &str = "25% 0px";

/// What one card shows of the current scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct CardData {
    pub value: f64,
    pub status: Status,
    /// P(met) from the risk run, once there is one.
    pub chance: Option<f64>,
    /// At risk: the assumption at the end of its range that breaks it, in words.
    pub why: Option<String>,
    /// What a resource gap stopped that reaches this target, in words.
    pub reason: Option<String>,
}

/// Why each at-risk card is at risk ([`Probes::breaks`] re-runs the plan per driver: the costly
/// part of a card; the runs are shared by the cards of one scenario), kept per target and
/// recomputed only when an input that reaches the target, or the language, changed.
#[derive(Default)]
struct WhyCache {
    inputs: Vec<f64>,
    lang: Option<Lang>,
    by_target: Vec<Option<Option<String>>>,
    probes: Probes,
}

impl WhyCache {
    /// Forgets what the change from the last outcome's inputs to `outcome`'s may have changed.
    fn update(&mut self, plan: &Plan, outcome: &Outcome, lang: Lang) {
        let inputs = inputs_of(plan, outcome);
        if self.lang != Some(lang) || self.inputs.len() != inputs.len() {
            self.by_target = vec![None; plan.targets().len()];
        } else {
            for i in differing_inputs(&self.inputs, inputs) {
                for &t in plan.targets_of_input(i) {
                    if let Some(slot) = self.by_target.get_mut(t) {
                        *slot = None;
                    }
                }
            }
        }
        self.lang = Some(lang);
        self.inputs = inputs.to_vec();
    }

    fn why(&mut self, plan: &Plan, outcome: &Outcome, t: usize, lang: Lang) -> Option<String> {
        let (slot, probes) = (self.by_target.get_mut(t)?, &mut self.probes);
        slot.get_or_insert_with(|| breaks_text(plan, &probes.breaks(plan, outcome, t), lang))
            .clone()
    }
}

fn inputs_of<'o>(plan: &Plan, outcome: &'o Outcome) -> &'o [f64] {
    outcome.slots.get(..plan.inputs().len()).unwrap_or_default()
}

fn status_of(outcome: &Outcome, t: usize) -> Status {
    outcome.statuses.get(t).copied().unwrap_or(Status::NoData)
}

fn chance_of(risk: Option<&RiskResult>, t: usize) -> Option<f64> {
    risk.and_then(|r| r.probabilities.get(t).copied().flatten())
}

/// A mounted card: its re-render, and its element (watched for being in view).
struct Card {
    id: u32,
    render: UseForceUpdateHandle,
    element: Option<Element>,
}

/// Which cards are in or near the viewport (wasm only; none until it first reports).
struct Watch {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

/// The event a `content-visibility: auto` element gets when the browser starts or stops
/// skipping its rendering (it skips cards more than about one and a half viewports away).
const RELEVANCE_EVENT: &str = "contentvisibilityautostatechange";

/// Where the browser has [`RELEVANCE_EVENT`]: one listener (capture phase, on the cards' root
/// node) that takes the cards the browser skips out of the viewport watcher and puts them back
/// when it stops skipping them, so that it observes a few dozen cards of hundreds (its checks
/// run in every frame, for every card it observes).
enum Relevance {
    /// Not looked at yet (no card attached).
    Unknown,
    /// No such event here: every card is observed.
    None,
    /// Kept for its lifetime: dropping it removes the listener.
    Listening { _listener: EventListener },
}

/// The feed's state: the scenario the cards show, the mounted cards, which of them are dirty
/// and which in view.
struct Feed {
    plan: Rc<Plan>,
    lang: Lang,
    outcome: Rc<Outcome>,
    risk: Option<Rc<RiskResult>>,
    slips: Vec<Slip>,
    why: WhyCache,
    cards: Vec<Option<Card>>,
    next_id: u32,
    /// Changed since the card last rendered.
    dirty: Vec<bool>,
    visible: Vec<bool>,
    /// The viewport watcher has reported (until then no card counts as out of view).
    watched: bool,
    /// The slices' generation: a move bumps it, and the slices of an older one stop.
    slices: u32,
    /// Whether the last update came during a drag (a step still open).
    drag: bool,
    /// Target index by id (the viewport watcher reports elements, read by `data-target`).
    index: HashMap<String, usize>,
    watch: Option<Watch>,
    relevance: Relevance,
    /// Itself, for the slices and the watcher's callback (which must not keep it alive).
    me: Weak<RefCell<Feed>>,
}

/// The feed, compared by pointer (one per mounted widget and plan).
#[derive(Clone)]
pub struct FeedRef(Rc<RefCell<Feed>>);

impl PartialEq for FeedRef {
    fn eq(&self, other: &FeedRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl FeedRef {
    fn new(
        plan: Rc<Plan>,
        outcome: Rc<Outcome>,
        risk: Option<Rc<RiskResult>>,
        lang: Lang,
    ) -> FeedRef {
        let n = plan.targets().len();
        let mut why = WhyCache::default();
        why.update(&plan, &outcome, lang);
        let index = plan
            .targets()
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        FeedRef(Rc::new_cyclic(|me| {
            RefCell::new(Feed {
                slips: slips(&plan, &outcome),
                plan,
                lang,
                outcome,
                risk,
                why,
                cards: (0..n).map(|_| None).collect(),
                next_id: 0,
                dirty: vec![false; n],
                visible: vec![false; n],
                watched: false,
                slices: 0,
                drag: false,
                index,
                watch: None,
                relevance: Relevance::Unknown,
                me: me.clone(),
            })
        }))
    }

    /// What card `t` shows now (and it is up to date from here).
    pub fn data(&self, t: usize) -> CardData {
        self.0.borrow_mut().data(t)
    }

    /// The shown outcome and chances of a new render of the widget (`drag`: a slider is being
    /// dragged): the cards they change are re-rendered (those out of view of a large change or
    /// of a drag later, in slices).
    pub fn update(
        &self,
        outcome: &Rc<Outcome>,
        risk: &Option<Rc<RiskResult>>,
        lang: Lang,
        drag: bool,
    ) {
        self.0.borrow_mut().update(outcome, risk, lang, drag);
    }

    /// Card `t` is mounted (`element`: its `<li>`); the id to detach it with.
    pub fn attach(&self, t: usize, render: UseForceUpdateHandle, element: Option<Element>) -> u32 {
        self.0.borrow_mut().attach(t, render, element)
    }

    pub fn detach(&self, t: usize, id: u32) {
        self.0.borrow_mut().detach(t, id);
    }
}

impl Feed {
    fn data(&mut self, t: usize) -> CardData {
        if let Some(d) = self.dirty.get_mut(t) {
            *d = false;
        }
        let (plan, outcome, lang) = (&self.plan, &self.outcome, self.lang);
        let status = status_of(outcome, t);
        let why = (status == Status::AtRisk)
            .then(|| self.why.why(plan, outcome, t, lang))
            .flatten();
        let mine: Vec<Slip> = self
            .slips
            .iter()
            .filter(|s| reaches(plan, s, t))
            .copied()
            .collect();
        CardData {
            value: outcome.target(plan, t),
            status,
            chance: chance_of(self.risk.as_deref(), t),
            why,
            reason: reason_of(plan, &mine, lang),
        }
    }

    fn update(
        &mut self,
        outcome: &Rc<Outcome>,
        risk: &Option<Rc<RiskResult>>,
        lang: Lang,
        drag: bool,
    ) {
        let same_risk = match (&self.risk, risk) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let closed = self.drag && !drag;
        self.drag = drag;
        if Rc::ptr_eq(&self.outcome, outcome) && same_risk && self.lang == lang {
            // A step that closes with nothing new (a key's `input` then its commit, a drag's
            // `change`): the cards its open step left for later are due now.
            if closed {
                self.render_changed(None, false);
            }
            return;
        }
        // A new language re-renders every card through its props.
        let notify = self.lang == lang;
        let changed = self.changed(outcome, risk.as_deref());
        self.outcome = outcome.clone();
        self.risk = risk.clone();
        self.lang = lang;
        self.why.update(&self.plan, outcome, lang);
        if notify {
            for &t in &changed {
                if let Some(d) = self.dirty.get_mut(t) {
                    *d = true;
                }
            }
            self.render_changed(Some(&changed), drag);
        }
    }

    /// The targets whose card the step to `outcome` and `risk` may change.
    fn changed(&mut self, outcome: &Outcome, risk: Option<&RiskResult>) -> Vec<usize> {
        let plan = &self.plan;
        let old = &self.outcome;
        let mut hit = vec![false; plan.targets().len()];
        for i in differing_inputs(inputs_of(plan, old), inputs_of(plan, outcome)) {
            for &t in plan.targets_of_input(i) {
                if let Some(h) = hit.get_mut(t) {
                    *h = true;
                }
            }
        }
        for (t, h) in hit.iter_mut().enumerate() {
            *h = *h
                || status_of(old, t) != status_of(outcome, t)
                || old.target(plan, t).to_bits() != outcome.target(plan, t).to_bits()
                || chance_of(self.risk.as_deref(), t) != chance_of(risk, t);
        }
        let slips = slips(plan, outcome);
        if slips != self.slips {
            for s in self.slips.iter().chain(&slips) {
                for (t, h) in hit.iter_mut().enumerate() {
                    *h = *h || reaches(plan, s, t);
                }
            }
            self.slips = slips;
        }
        hit.iter()
            .enumerate()
            .filter_map(|(t, h)| h.then_some(t))
            .collect()
    }

    /// The dirty mounted cards: those [`drawn_now`] and the rest in slices. `fresh`: the cards
    /// this step changed (`None`: every dirty card is the step's, as when an open step closes).
    fn render_changed(&mut self, fresh: Option<&[usize]>, drag: bool) {
        let due: Vec<usize> = self.due();
        // The slices still to come belong to an older input: they stop.
        self.slices = self.slices.wrapping_add(1);
        let now = drawn_now(&due, fresh, &self.visible, drag && self.watched);
        self.render(&now);
        if now.len() < due.len() {
            self.schedule_slice(self.slices, Duration::from_millis(FIRST_SLICE_MS));
        }
    }

    /// The dirty targets with a mounted card (a dirty one without a card is clean: a card
    /// mounted later renders from the feed).
    fn due(&mut self) -> Vec<usize> {
        let mut due = Vec::new();
        for (t, (d, card)) in self.dirty.iter_mut().zip(&self.cards).enumerate() {
            if *d && card.is_some() {
                due.push(t);
            } else {
                *d = false;
            }
        }
        due
    }

    fn render(&mut self, ts: &[usize]) {
        for &t in ts {
            if let Some(d) = self.dirty.get_mut(t) {
                *d = false;
            }
            if let Some(Some(card)) = self.cards.get(t) {
                card.render.force_update();
            }
        }
    }

    /// The next [`SLICE`] dirty cards after `wait` (a timer, so input events come first), if no
    /// input came since (`generation` is still [`Feed::slices`]). After a move the first slice
    /// waits [`FIRST_SLICE_MS`]: on a slow CPU yew splits a long render across tasks, and cards
    /// pushed before it is done would be drawn with it, in plan order, ahead of the cards in
    /// view; and during a drag the next input comes first.
    fn schedule_slice(&mut self, generation: u32, wait: Duration) {
        let me = self.me.clone();
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(wait).await;
            let Some(feed) = me.upgrade() else {
                return;
            };
            let mut feed = feed.borrow_mut();
            if feed.slices != generation {
                return;
            }
            let due = feed.due();
            feed.render(due.get(..SLICE).unwrap_or(&due));
            if due.len() > SLICE {
                feed.schedule_slice(generation, Duration::ZERO);
            }
        });
    }

    fn attach(&mut self, t: usize, render: UseForceUpdateHandle, element: Option<Element>) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        let id = self.next_id;
        if let Some(el) = &element {
            self.listen_relevance(el);
            if let Some(w) = self.watcher() {
                w.observe(el);
            }
        }
        if let Some(slot) = self.cards.get_mut(t) {
            *slot = Some(Card {
                id,
                render,
                element,
            });
        }
        id
    }

    fn detach(&mut self, t: usize, id: u32) {
        let Some(slot) = self.cards.get_mut(t) else {
            return;
        };
        if slot.as_ref().is_some_and(|c| c.id == id) {
            if let (Some(Some(el)), Some(w)) = (slot.take().map(|c| c.element), &self.watch) {
                w.observer.unobserve(&el);
            }
            if let Some(v) = self.visible.get_mut(t) {
                *v = false;
            }
        }
    }

    /// The [`RELEVANCE_EVENT`] listener, put on the root node of the first card (`el`).
    fn listen_relevance(&mut self, el: &Element) {
        if matches!(self.relevance, Relevance::Unknown) {
            self.relevance = relevance(el, self.me.clone());
        }
    }

    /// A card's [`RELEVANCE_EVENT`]: skipped, it is out of view and no longer observed; no
    /// longer skipped, it is observed again. A card is observed from its mount until its first
    /// such event: a prerendered card had its first one before the wasm came, and one whose
    /// state does not change gets no other.
    fn relevant(&mut self, event: &Event) {
        let Some(el) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Some(&t) = el
            .get_attribute("data-target")
            .and_then(|id| self.index.get(&id))
        else {
            return;
        };
        // This feed's card (another widget on the page may show the same plan).
        if !matches!(self.cards.get(t), Some(Some(c)) if c.element.as_ref() == Some(&el)) {
            return;
        }
        let skipped = js_sys::Reflect::get(event, &JsValue::from_str("skipped"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if !skipped {
            if let Some(w) = self.watcher() {
                w.observe(&el);
            }
            return;
        }
        if let Some(w) = &self.watch {
            w.observer.unobserve(&el);
        }
        if let Some(v) = self.visible.get_mut(t) {
            *v = false;
        }
    }

    /// The IntersectionObserver of the cards, made on first use (none where there is none).
    fn watcher(&mut self) -> Option<&IntersectionObserver> {
        if self.watch.is_none() {
            self.watch = watch(self.me.clone());
        }
        self.watch.as_ref().map(|w| &w.observer)
    }

    /// Cards entering or leaving the viewport; one entering with a change still to show renders
    /// now.
    fn seen(&mut self, entries: &js_sys::Array) {
        self.watched = true;
        let mut now = Vec::new();
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                continue;
            };
            let id = entry
                .target()
                .get_attribute("data-target")
                .unwrap_or_default();
            let Some(&t) = self.index.get(&id) else {
                continue;
            };
            let inside = entry.is_intersecting();
            if let Some(v) = self.visible.get_mut(t) {
                *v = inside;
            }
            if inside && self.dirty.get(t).copied().unwrap_or(false) {
                now.push(t);
            }
        }
        self.render(&now);
    }
}

impl Drop for Feed {
    fn drop(&mut self) {
        if let Some(w) = &self.watch {
            w.observer.disconnect();
        }
    }
}

/// The [`RELEVANCE_EVENT`] listener for the cards under `el`'s root node, reporting to `feed`
/// ([`Relevance::None`] where the browser has no such event, or `el` is not in a document).
fn relevance(el: &Element, feed: Weak<RefCell<Feed>>) -> Relevance {
    let has = js_sys::Reflect::has(el, &JsValue::from_str("oncontentvisibilityautostatechange"))
        .unwrap_or(false);
    if !has || !el.is_connected() {
        return Relevance::None;
    }
    let root = el.get_root_node();
    let options = EventListenerOptions::run_in_capture_phase();
    let listener = EventListener::new_with_options(&root, RELEVANCE_EVENT, options, move |event| {
        if let Some(feed) = feed.upgrade() {
            if let Ok(mut feed) = feed.try_borrow_mut() {
                feed.relevant(event);
            }
        }
    });
    Relevance::Listening {
        _listener: listener,
    }
}

/// An IntersectionObserver reporting to `feed` (none where the browser has none).
fn watch(feed: Weak<RefCell<Feed>>) -> Option<Watch> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(feed) = feed.upgrade() {
            if let Ok(mut feed) = feed.try_borrow_mut() {
                feed.seen(&entries);
            }
        }
    });
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin(NEAR);
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok()?;
    Some(Watch {
        observer,
        _callback: callback,
    })
}

/// Which of the `due` cards (dirty and mounted, in plan order) a step draws at once: those in or
/// near the view (`visible`), and the step's own changed cards (`fresh`, sorted; `None`: all of
/// `due`) when they are [`SLICE`] or fewer and no drag is going on (`dragging`). The rest wait
/// for the slices. Cards left dirty by an earlier step (a large change whose slices had not run
/// yet, such as the chances settling) neither count towards the step's size nor are drawn with
/// it: a key press right after the chances settled draws its own cards at once.
fn drawn_now(
    due: &[usize],
    fresh: Option<&[usize]>,
    visible: &[bool],
    dragging: bool,
) -> Vec<usize> {
    let own = |t: &usize| fresh.is_none_or(|f| f.binary_search(t).is_ok());
    let size = fresh.map_or(due.len(), <[usize]>::len);
    let all_own = size <= SLICE && !dragging;
    due.iter()
        .copied()
        .filter(|t| visible.get(*t).copied().unwrap_or(false) || (all_own && own(t)))
        .collect()
}

/// The widget's card feed, given the shown outcome and chances of each render, and whether a
/// slider is being dragged ([`crate::core::session::History::is_open`]).
#[hook]
pub fn use_card_feed(
    plan: &PlanRef,
    shown: &Rc<Outcome>,
    risk: &Option<Rc<RiskResult>>,
    lang: Lang,
    drag: bool,
) -> FeedRef {
    let feed = {
        let (shown, risk) = (shown.clone(), risk.clone());
        use_memo(plan.clone(), move |plan| {
            FeedRef::new(plan.0.clone(), shown, risk, lang)
        })
    };
    feed.update(shown, risk, lang, drag);
    (*feed).clone()
}

/// A card's subscription to the feed: `data` of target `t` now, re-rendered when it changes.
#[hook]
pub fn use_card(feed: &FeedRef, t: usize, node: &NodeRef) -> CardData {
    let render = use_force_update();
    {
        // Keyed on the feed too: a card kept across a new feed (a new plan) attaches to it.
        let node = node.clone();
        use_effect_with((feed.clone(), t), move |(feed, t)| {
            let (feed, t) = (feed.clone(), *t);
            let id = feed.attach(t, render, node.cast::<Element>());
            move || feed.detach(t, id)
        });
    }
    feed.data(t)
}

#[cfg(test)]
mod tests {
    use super::{drawn_now, SLICE};

    /// `n` cards, those in `seen` in view.
    fn view(n: usize, seen: &[usize]) -> Vec<bool> {
        (0..n).map(|t| seen.contains(&t)).collect()
    }

    #[test]
    fn a_small_step_draws_its_cards_at_once_and_leaves_older_ones_to_their_slices() {
        // The CI failure: the chances settled (every card's chance changed; the cards out of
        // view, 17 of them, were left for slices), then a key changed 8 cards, 3 of them out of
        // view.
        let fresh = [0, 1, 2, 3, 4, 50, 51, 52];
        let mut due: Vec<usize> = (40..50).chain(53..60).chain(fresh).collect();
        due.sort_unstable();
        let visible = view(63, &(0..20).collect::<Vec<_>>());
        assert_eq!(due.len(), SLICE + 1, "more than a slice due in all");
        assert_eq!(
            drawn_now(&due, Some(&fresh), &visible, false),
            fresh.to_vec(),
            "the key's own cards, those out of view too; the left-overs wait"
        );
    }

    #[test]
    fn a_large_step_or_a_drag_draws_only_what_is_in_view() {
        let visible = view(100, &[3, 30]);
        let fresh: Vec<usize> = (0..=SLICE).collect();
        assert_eq!(drawn_now(&fresh, Some(&fresh), &visible, false), vec![3]);
        let small = [3, 30, 70];
        assert_eq!(drawn_now(&small, Some(&small), &visible, true), vec![3, 30]);
    }

    #[test]
    fn a_closing_step_draws_what_it_left_when_few() {
        // `None`: every due card is the step's (a drag's `change` with nothing new).
        let visible = view(100, &[]);
        let left = [5, 60, 99];
        assert_eq!(drawn_now(&left, None, &visible, false), left.to_vec());
        let many: Vec<usize> = (0..=SLICE).collect();
        assert!(drawn_now(&many, None, &visible, false).is_empty());
        assert_eq!(drawn_now(&many, None, &view(100, &[7]), false), vec![7]);
    }
}
