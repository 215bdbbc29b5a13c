//! What a first visitor needs: what the bundled sample is, how to make a cache of one's
//! own program and where a nimcache usually lives, and a visible place to drop it.

use yew::prelude::*;

/// How to make a cache and where to find one.
#[function_component]
pub fn HowTo() -> Html {
    html! {
        <div class="howto" id="howto">
            <p>
                { "To see your own program, compile it with incremental compilation on and a \
                   cache folder of your choice:" }
            </p>
            <ul>
                <li>{ "Nim 1.6: " }<code>{ "nim c --incremental:on --nimcache:DIR x.nim" }</code></li>
                <li>{ "Nim 2.x: " }<code>{ "nim c --ic:on --nimcache:DIR x.nim" }</code></li>
            </ul>
            <p>
                { "Without " }<code>{ "--nimcache" }</code>{ " the folder is " }
                <code>{ "~/.cache/nim/<project>_d" }</code>{ " (debug builds) or " }
                <code>{ "~/.cache/nim/<project>_r" }</code>{ " (" }<code>{ "-d:release" }</code>
                { "). Drop that folder here (its " }<code>{ ".rod" }</code>{ " and " }
                <code>{ ".alivesyms" }</code>{ " files are picked out), together with the " }
                <code>{ ".nim" }</code>{ " sources if you want to read them beside the trees." }
            </p>
        </div>
    }
}

/// Shown above the module list while the bundled sample is loaded.
#[function_component]
pub fn SampleIntro() -> Html {
    html! {
        <section class="sample-intro" id="sample-intro" aria-labelledby="sample-intro-title">
            <h2 id="sample-intro-title">{ "This is a sample" }</h2>
            <p>
                { "The modules below are the real nimcache of a small Nim program (" }
                <code>{ "tests/programs/basics" }</code>
                { ": a small shape inventory over eight modules and an include, with generics, templates, a macro and tricky literals) compiled by Nim 1.6 with " }
                <code>{ "--incremental:on" }</code>
                { ", with the standard library modules it uses and their " }
                <code>{ ".alivesyms" }</code>{ " records. Its " }<code>{ ".nim" }</code>
                { " sources are bundled too: open a tree to read the source beside it." }
            </p>
            <p id="gallery-invite">
                { "New to these files? The " }<a href="#/gallery">{ "playground" }</a>
                { " has small samples (generics, methods, macros, roots of the live set, a rebuild) with guided tours." }
            </p>
            <HowTo />
            <div class="drop-target" id="drop-target">
                { "Drop a nimcache folder or its files anywhere on this page, or use " }
                <strong>{ "Open folder…" }</strong>{ " / " }<strong>{ "Open files…" }</strong>
                { " above." }
            </div>
        </section>
    }
}
