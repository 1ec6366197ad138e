//! The widget: the reducer ([`State`]) and the hooks ([`super::hooks`]) wired together, and the
//! layout: header and toolbar, the shared-scenario banner, the notice, the summary, the move
//! strip, the tabs with the lever panel beside the open view, and the polite live region.

use super::hooks::{
    use_actions, use_chances, use_kept_storage, use_large_text, use_moves, use_reset,
    use_scenario_code, use_share_code, use_status_events, use_undo_keys, Actions,
};
use super::msg::{list_sep, Msg};
use super::risk::RiskView;
use super::state::{Action, State};
use super::view::PlanRef;
use super::{
    cards, compare, feedback, lazy, levers, risk, scenario_name, seek, share, shared, strip,
    summary, tally_column, targets, toolbar_more, AppProps,
};
use crate::core::session::{self, storage_key, Flip};
use crate::core::share::Tab;
use crate::core::{Lang, Outcome, Status};
use crate::web::browser;
use std::rc::Rc;
use yew::prelude::*;

/// The flips of the last settled change, in words for the live region.
fn announcement(plan: &PlanRef, flips: &[Flip], lang: Lang) -> String {
    if flips.is_empty() {
        return String::new();
    }
    let list: Vec<String> = flips
        .iter()
        .filter_map(|f| {
            let t = plan.targets().get(f.target)?;
            Some(format!(
                "{} {}→{}",
                t.label.get(lang),
                f.before.label(lang),
                f.after.label(lang)
            ))
        })
        .collect();
    Msg::Flips(list.len(), &list.join(list_sep(lang))).text(lang)
}

/// The progress view is mounted on its first visit and then kept (hidden on other tabs), so
/// loaded actuals survive a change of tab.
#[hook]
fn use_progress_seen(tab: Tab) -> bool {
    let seen = use_mut_ref(|| false);
    if tab == Tab::Progress {
        *seen.borrow_mut() = true;
    }
    let seen = *seen.borrow();
    seen
}

/// A pressed count chip lists only its cards (on the Targets tab; from Compare or Progress it
/// opens Targets); `None` shows all again. Memoised, so the cards and the summary re-render
/// only when what they show changes.
#[hook]
fn use_filter(state: &UseReducerHandle<State>) -> (Option<Status>, Callback<Option<Status>>) {
    let filter = use_state(|| None::<Status>);
    let elsewhere = matches!(share::shown_tab(state.tab), Tab::Compare | Tab::Progress);
    let on_filter = use_callback(
        (filter.setter(), state.dispatcher(), elsewhere),
        |f: Option<Status>, (filter, d, elsewhere)| {
            filter.set(f);
            if f.is_some() && *elsewhere {
                d.dispatch(Action::Tab(Tab::Targets));
            }
        },
    );
    (*filter, on_filter)
}

/// The notice's dismiss button.
fn dismiss(notice: &UseStateHandle<Option<share::Notice>>) -> Callback<()> {
    let notice = notice.setter();
    Callback::from(move |()| notice.set(None))
}

/// The shared banner's "see the plan as written": the banner goes, all inputs are reset.
fn as_written(state: &UseReducerHandle<State>, marked: &shared::Shared) -> Callback<()> {
    let (d, banner) = (state.dispatcher(), marked.banner.setter());
    Callback::from(move |()| {
        banner.set(false);
        d.dispatch(Action::ResetAll);
    })
}

#[component]
pub fn Widget(props: &AppProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(|| {
        let stored = browser::stored(&storage_key(&props.plan))
            .map(|s| s.map(|stored| session::from_stored(&props.plan, stored)));
        State::new(props.plan.clone(), stored)
    });
    let ids = use_memo((), |_| {
        AttrValue::from(format!("pw{}-", browser::next_instance()))
    });
    let ids = (*ids).clone();
    let (large, toggle_large) = use_large_text();
    // By pointer: comparing the plan itself on every render walks all of it.
    let plan = (*use_memo(PlanRef(state.plan.clone()), PlanRef::clone)).clone();
    use_reset(props.reset, &state);
    // A shared scenario is marked (shared.rs); before the effect applying codes.
    let marked = shared::use_shared(&state.plan, state.values());
    let root = use_node_ref();
    let notice = use_share_code(props.scenario.clone(), &state, &marked, &root, lang);
    let code = use_scenario_code(&state, &props.on_change);
    use_kept_storage(&state);
    let (risk, shown) = use_chances(&state);
    let dragging = state.history.is_open();
    let feed = cards::use_card_feed(&plan, &shown, &risk.result, lang, dragging);
    let flips = use_status_events(&state, &risk, &shown, &code, &props.on_status);
    let moves = use_moves(&state);
    let (filter, on_filter) = use_filter(&state);
    let on_keydown = use_undo_keys(&state);
    let submit = feedback::use_submit_link(&state, props.feedback.clone(), lang);
    let tab = share::shown_tab(state.tab);
    let progress_seen = use_progress_seen(tab);
    let changed = state.changed();
    let toolbar = Toolbar {
        state: &state,
        plan: &plan,
        risk: &risk,
        code: &code,
        ids: &ids,
        large,
        toggle_large,
        submit,
        lang,
    };
    let actions = use_actions(&state, lang);
    let main = Main {
        state: &state,
        plan: &plan,
        props,
        actions,
        risk: &risk,
        shown: &shown,
        feed: feed.clone(),
        filter,
        on_filter: on_filter.clone(),
        ids: &ids,
        reveal: (*marked.reveal).clone(),
        progress_seen,
    };
    html! {
        <div ref={root} class={classes!("pw-root", large.then_some("pw-large"), (!risk.settled).then_some("pw-estimating"))} lang={lang.code()} onkeydown={on_keydown}>
            { toolbar.html() }
            if *marked.banner && changed {
                <shared::SharedBanner plan={plan.clone()} values={state.values().to_vec()} {lang} scroll={marked.reveal.generation == 1} on_as_written={as_written(&state, &marked)} />
            }
            if let Some(n) = (*notice).clone() {
                <share::NoticeBox notice={n} as_written={!changed} {lang} on_dismiss={dismiss(&notice)} />
            }
            <summary::Summary plan={plan.clone()} outcome={shown.clone()} risk={risk.result.clone()} {filter} {on_filter} {lang} />
            if tab != Tab::Progress {
                <strip::MoveStrip plan={plan.clone()} shown={shown.clone()} moves={moves} {lang} />
            }
            <risk::RiskProgress estimating={!risk.settled} progress={risk.progress} {lang} />
            { main.html() }
            <div class="pw-sr" role="status" aria-live="polite" aria-atomic="true">{ announcement(&plan, &flips, lang) }</div>
        </div>
    }
}

/// The header: title, publisher and date, and the toolbar (undo, redo, reset all, large text,
/// Share, the feedback link, exports).
struct Toolbar<'a> {
    state: &'a UseReducerHandle<State>,
    plan: &'a PlanRef,
    risk: &'a RiskView,
    code: &'a AttrValue,
    ids: &'a AttrValue,
    large: bool,
    toggle_large: Callback<MouseEvent>,
    submit: Rc<Html>,
    lang: Lang,
}

impl Toolbar<'_> {
    fn html(self) -> Html {
        let (state, lang) = (self.state, self.lang);
        let meta = self.plan.meta();
        let publisher = meta.publisher.get(lang);
        let act = |a: fn() -> Action| {
            let d = state.dispatcher();
            Callback::from(move |_: MouseEvent| d.dispatch(a()))
        };
        let risk = self
            .risk
            .settled
            .then(|| self.risk.result.clone())
            .flatten();
        html! {
            <header class="pw-header">
                <h2 class="pw-title">{ meta.title.get(lang) }</h2>
                <p class="pw-meta">
                    if !publisher.is_empty() { <span>{ Msg::PublishedBy(publisher).text(lang) }</span> }
                    if !meta.published.is_empty() { <span>{ Msg::PublishedOn(&meta.published).text(lang) }</span> }
                </p>
                <div class="pw-toolbar">
                    <button type="button" class="pw-btn" disabled={!state.history.can_undo()} onclick={act(|| Action::Undo)} aria-keyshortcuts="Control+Z">{ Msg::Undo.text(lang) }</button>
                    <button type="button" class="pw-btn" disabled={!state.history.can_redo()} onclick={act(|| Action::Redo)} aria-keyshortcuts="Control+Shift+Z">{ Msg::Redo.text(lang) }</button>
                    <button type="button" class="pw-btn" disabled={!state.changed()} onclick={act(|| Action::ResetAll)}>{ Msg::ResetAll.text(lang) }</button>
                    <button type="button" class="pw-btn pw-toggle" aria-pressed={self.large.to_string()} onclick={self.toggle_large}>{ Msg::LargeText.text(lang) }</button>
                    <share::ShareButton code={self.code.clone()} name={scenario_name(state, lang)} title={meta.title.get(lang).to_string()} {lang} ids={self.ids.clone()} />
                    <toolbar_more::ToolbarMore {lang} ids={self.ids.clone()}>
                        <feedback::SubmitSlot link={self.submit} />
                        <share::ExportButtons plan={self.plan.clone()} outcome={state.outcome.clone()} {risk} code={self.code.clone()} {lang} />
                    </toolbar_more::ToolbarMore>
                </div>
            </header>
        }
    }
}

/// The tabs, and under them the lever panel beside the open view (the targets, Compare, or
/// Progress kept mounted once visited), inside the goal-seek provider.
struct Main<'a> {
    state: &'a UseReducerHandle<State>,
    plan: &'a PlanRef,
    props: &'a AppProps,
    actions: Actions,
    risk: &'a RiskView,
    shown: &'a Rc<Outcome>,
    feed: cards::FeedRef,
    filter: Option<Status>,
    on_filter: Callback<Option<Status>>,
    ids: &'a AttrValue,
    reveal: shared::Reveal,
    progress_seen: bool,
}

impl Main<'_> {
    fn html(self) -> Html {
        let (state, plan, lang, ids) = (self.state, self.plan, self.props.lang, self.ids);
        let tab = share::shown_tab(state.tab);
        let a = &self.actions;
        let panel = self.panel(tab);
        html! {
            <>
            <share::TabBar {tab} {lang} ids={ids.clone()} on_select={a.tab.clone()} />
            <seek::SeekProvider plan={plan.clone()} rev={state.rev} values={state.values().to_vec()} on_apply={a.apply.clone()}>
            <div class={classes!("pw-main", (tab == Tab::Progress).then_some("pw-main-wide"))}>
                if tab == Tab::Compare {
                    { compare::lever_fold(lang) }
                }
                if tab != Tab::Progress {
                    <levers::LeverPanel plan={plan.clone()} values={state.values().to_vec()} {lang} ids={ids.clone()}
                        reveal={self.reveal.clone()} on_set={a.set.clone()} on_commit={a.commit.clone()}
                        on_reset={a.reset.clone()} residents={self.props.residents.clone()} />
                }
                <div class="pw-panel" role="tabpanel" id={format!("{ids}panel")}
                    aria-labelledby={format!("{ids}tab-{}", share::tab_slug(tab))}>
                    { panel }
                    if self.progress_seen {
                        <div hidden={tab != Tab::Progress}>
                            <lazy::ProgressSlot {lang} actuals={self.props.actuals.clone()} />
                        </div>
                    }
                </div>
            </div>
            </seek::SeekProvider>
            </>
        }
    }

    /// The open view: the targets, or Compare (Progress is drawn apart, kept mounted).
    fn panel(&self, tab: Tab) -> Html {
        let (state, plan, lang) = (self.state, self.plan, self.props.lang);
        match tab {
            Tab::Targets | Tab::Seek | Tab::Risk => html! {
                <targets::Targets plan={plan.clone()} feed={self.feed.clone()} filtered={self.filter.map(|_| self.shown.clone())} filter={self.filter} on_filter={self.on_filter.clone()} {lang} />
            },
            Tab::Compare => {
                html! {
                    <compare::Compare plan={plan.clone()} base={state.base.clone()} values={state.values().to_vec()}
                        shown={self.shown.clone()} estimating={!self.risk.settled} figures={self.risk.figures.clone()}
                        kept={state.kept.clone()} storage={state.storage} {lang} ids={self.ids.clone()}
                        on_keep={self.actions.keep.clone()} on_remove={self.actions.remove.clone()} residents={tally_column(state, &self.props.residents, lang)} />
                }
            }
            Tab::Progress => Html::default(),
        }
    }
}
