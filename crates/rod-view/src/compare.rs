//! Debugging incremental builds in the views: two builds compared and what-if,
//! as rows the explorer renders ([`crate::Cache::build_diff`],
//! [`crate::Cache::tree_diff`], [`crate::Cache::whatif`]). Everything is worded
//! here; a backend without such knowledge answers `None` and the views say so with
//! [`no_compare`] / [`no_whatif`].

use crate::cache::Cache;
use crate::ids::{ModuleIdx, NodePos, SymKey, TreeId};
use crate::text::plural;

/// One count of a comparison's or a what-if's summary (`regenerated: 4`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    /// What is counted, in words.
    pub label: String,
    /// How many.
    pub value: usize,
    /// A stable slug (for tests and styles): `modules`, `regenerated`, ...
    pub slug: &'static str,
}

impl Count {
    fn new(slug: &'static str, label: &str, value: usize) -> Count {
        Count { label: label.to_string(), value, slug }
    }
}

/// Why a module is regenerated, one reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReasonRow {
    /// A stable slug (`alive-set`, `source`, `config`, `dependency`, as the CLI's JSON).
    pub slug: &'static str,
    /// In words (`alive set changed`, ...).
    pub words: String,
}

/// One module of two builds compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleCompare {
    /// The module's path as the compiler records it (as `rodscope alive --json`).
    pub path: String,
    /// A short name to show (`strutils.nim`).
    pub short: String,
    /// The module in the older cache.
    pub old: Option<ModuleIdx>,
    /// The module in the newer cache.
    pub new: Option<ModuleIdx>,
    /// What happened, in words (`regenerated`, `unchanged`, `added`, `removed`,
    /// `recompiled, live set unchanged`, `written by another compiler version`).
    pub change: String,
    /// Whether the backend regenerates its code in the newer build.
    pub regenerated: bool,
    /// Why (empty when not regenerated).
    pub reasons: Vec<ReasonRow>,
    /// The recompiled modules it imports (short names), for "a dependency changed".
    pub changed_deps: Vec<String>,
    /// Symbols alive in the newer build only (ids of the newer cache), ascending.
    pub entered: Vec<SymKey>,
    /// Symbols alive in the older build only (ids of the older cache), ascending.
    pub left: Vec<SymKey>,
}

/// Two builds compared (see [`crate::Cache::build_diff`]).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct BuildCompare {
    /// The counts to show first.
    pub counts: Vec<Count>,
    /// Every module of either build, sorted by path.
    pub modules: Vec<ModuleCompare>,
}

impl BuildCompare {
    /// The counts of a list of module rows.
    pub fn counted(modules: Vec<ModuleCompare>) -> BuildCompare {
        let n = |f: &dyn Fn(&ModuleCompare) -> bool| modules.iter().filter(|m| f(m)).count();
        let counts = vec![
            Count::new("modules", "modules", modules.len()),
            Count::new("regenerated", "regenerated", n(&|m| m.regenerated)),
            Count::new("unchanged", "not regenerated", n(&|m| !m.regenerated)),
            Count::new("added", "added", n(&|m| m.old.is_none())),
            Count::new("removed", "removed", n(&|m| m.new.is_none())),
            Count::new("entered", "symbols entered the live set", modules.iter().map(|m| m.entered.len()).sum()),
            Count::new("left", "symbols left the live set", modules.iter().map(|m| m.left.len()).sum()),
        ];
        BuildCompare { counts, modules }
    }
}

/// One matched item of a module's structural diff (see [`crate::Cache::tree_diff`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeChange {
    /// `statement` (a top-level statement) or `body` (a routine's body).
    pub kind: String,
    /// What it was matched by: the symbol it defines (`greet (skProc)`), or the
    /// statement's kind and line for one that defines nothing.
    pub name: String,
    /// `added`, `removed`, `changed` or `same`.
    pub change: String,
    /// The tree both sides are in.
    pub tree: TreeId,
    /// Its root in the older build's tree.
    pub old: Option<NodePos>,
    /// Its root in the newer build's tree.
    pub new: Option<NodePos>,
    /// The roots of the differing subtrees in the older tree.
    pub changed_old: Vec<NodePos>,
    /// The roots of the differing subtrees in the newer tree.
    pub changed_new: Vec<NodePos>,
}

/// What a what-if removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Removal {
    /// A top-level statement: a root of a module's top-level tree.
    Statement(ModuleIdx, TreeId, NodePos),
    /// A symbol (never marked alive, so nothing it uses is kept for it).
    Symbol(ModuleIdx, SymKey),
}

/// Per module, the symbols a what-if changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatIfModule {
    /// The module.
    pub module: ModuleIdx,
    /// Its path (as `rodscope whatif --json`).
    pub path: String,
    /// A short name to show.
    pub short: String,
    /// The symbols, ascending.
    pub syms: Vec<SymKey>,
}

/// A module a what-if regenerates, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatIfRegen {
    /// The module.
    pub module: ModuleIdx,
    /// Its path.
    pub path: String,
    /// A short name.
    pub short: String,
    /// Why.
    pub reasons: Vec<ReasonRow>,
}

/// The outcome of a what-if (see [`crate::Cache::whatif`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatIfView {
    /// What was removed, in words (`the top-level statement at main.nim:5`).
    pub removed: Vec<String>,
    /// The counts to show first.
    pub counts: Vec<Count>,
    /// Per module (in module order), the symbols that would leave the live set.
    pub dies: Vec<WhatIfModule>,
    /// Per module, symbols that would enter it (normally none).
    pub enters: Vec<WhatIfModule>,
    /// The modules that would be regenerated.
    pub regenerated: Vec<WhatIfRegen>,
    /// One sentence (`12 symbols would die in 3 modules; 4 modules regenerated`).
    pub summary: String,
}

impl WhatIfView {
    /// Fills in the counts and the summary from the lists.
    pub fn counted(removed: Vec<String>, dies: Vec<WhatIfModule>, enters: Vec<WhatIfModule>, regenerated: Vec<WhatIfRegen>) -> WhatIfView {
        let total: usize = dies.iter().map(|d| d.syms.len()).sum();
        let entering: usize = enters.iter().map(|d| d.syms.len()).sum();
        let counts = vec![
            Count::new("dies", "symbols would die", total),
            Count::new("modules", "modules lose symbols", dies.len()),
            Count::new("regenerated", "modules regenerated", regenerated.len()),
            Count::new("enters", "symbols would enter", entering),
        ];
        let summary = format!(
            "{} would die in {}; {} regenerated",
            plural(total, "symbol", "symbols"),
            plural(dies.len(), "module", "modules"),
            plural(regenerated.len(), "module", "modules"),
        );
        WhatIfView { removed, counts, dies, enters, regenerated, summary }
    }
}

/// Why two caches cannot be compared, in words (for a view that got `None` from
/// [`crate::Cache::build_diff`]).
pub fn no_compare(older: &dyn Cache, newer: &dyn Cache) -> String {
    if older.format() != newer.format() {
        return format!(
            "These two caches are of different formats ({} and {}): only two builds of one format can be compared.",
            older.format().name(),
            newer.format().name()
        );
    }
    format!("This format ({}) has no build comparison in rodscope (only packed .rod caches have one).", older.format().name())
}

/// Why a cache answers no what-if, in words.
pub fn no_whatif(cache: &dyn Cache) -> String {
    format!("This format ({}) has no what-if in rodscope (only packed .rod caches have one).", cache.format().name())
}

/// The question a view asks beside a removable statement or a symbol.
pub const WHATIF_QUESTION: &str = "What if this were removed?";
