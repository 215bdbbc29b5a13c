//! The guide of the loaded folder (a gallery sample's `guide.md`), beside the views: its
//! title, introduction and steps, each step a link into the views that
//! `rod_view::guide::resolve` found in the loaded cache (by symbol names, never by
//! guessed numbers). The step whose place is shown is marked `aria-current`.

use rod_view::guide::Span;
use yew::prelude::*;

use crate::gallery::GuideShown;
use crate::loaded::use_loaded;
use crate::navigator::use_navigator;
use crate::route::target_route;

#[derive(Properties, PartialEq)]
pub struct GuidePaneProps {
    pub guide: GuideShown,
}

/// A paragraph's spans (`code` as `<code>`).
pub fn spans_html(spans: &[Span]) -> Html {
    html! {
        <>{ for spans.iter().map(|s| match s {
            Span::Text(t) => html! { { t.clone() } },
            Span::Code(c) => html! { <code>{ c.clone() }</code> },
        }) }</>
    }
}

fn paragraph(text: &str) -> Html {
    html! { <p>{ spans_html(&rod_view::guide::spans(text)) }</p> }
}

#[function_component]
pub fn GuidePane(props: &GuidePaneProps) -> Html {
    let loaded = use_loaded();
    let nav = use_navigator();
    let g = props.guide.guide.clone();
    let steps = {
        let (cache, g) = (loaded.cache.clone(), g.clone());
        use_memo((loaded.id(), props.guide.base.clone()), move |_| {
            rod_view::guide::resolve(&*cache, &g)
        })
    };
    let c = &*loaded.cache;
    let here = nav.route.clone();
    // The step shown stays in sight inside the pane (it scrolls on its own).
    use_effect_with((here.clone(), loaded.id()), |_| {
        let doc = web_sys::window().and_then(|w| w.document());
        let pane = doc.as_ref().and_then(|d| d.get_element_by_id("guide"));
        let step = doc.and_then(|d| d.query_selector("#guide .guide-step.current").ok().flatten());
        if let (Some(pane), Some(step)) = (pane, step) {
            let (p, s) = (pane.get_bounding_client_rect(), step.get_bounding_client_rect());
            if s.top() < p.top() || s.bottom() > p.bottom() {
                pane.set_scroll_top(pane.scroll_top() + (s.top() - p.top() - 8.0) as i32);
            }
        }
    });
    html! {
        <aside class="guide-pane" id="guide" aria-labelledby="guide-title" data-base={props.guide.base.clone()}>
            <details open=true>
                <summary><h2 id="guide-title">{ g.title.clone() }</h2></summary>
                <p class="guide-summary">{ spans_html(&rod_view::guide::spans(&g.summary)) }</p>
                { for g.intro.iter().map(|p| paragraph(p)) }
                <ol class="guide-steps">
                    { for steps.iter().enumerate().map(|(i, s)| {
                        let route = s.target.and_then(|t| target_route(c, t));
                        let current = route.as_ref().is_some_and(|r| *r == here);
                        let value = |k: &str| s.values.iter().find(|v| v.0 == k).map(|v| v.1.clone());
                        let title = match &route {
                            Some(r) => html! {
                                <a href={r.to_hash()} class="guide-step-link" data-step={i.to_string()}
                                   data-node={value("node")} data-kind={value("kind")} data-name={value("name")}
                                   aria-current={current.then_some("step")}>{ s.title.clone() }</a>
                            },
                            None => html! { <span class="guide-step-link unresolved">{ s.title.clone() }</span> },
                        };
                        html! {
                            <li class={classes!("guide-step", current.then_some("current"))} data-step={i.to_string()}>
                                <h3>{ title }</h3>
                                { for s.text.iter().map(|p| html! { <p>{ spans_html(p) }</p> }) }
                                if let Some(p) = &s.problem {
                                    <p class="note">{ format!("Not found in this cache: {p}") }</p>
                                }
                            </li>
                        }
                    }) }
                </ol>
                <p class="guide-more"><a href="#/gallery">{ "All samples" }</a></p>
            </details>
        </aside>
    }
}
