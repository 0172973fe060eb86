//! From scored pairs to suggestions: pairs join into groups, best first, as long as a group
//! keeps one version per language and joins no two works a person separated. A pair is left
//! out when it is *ambiguous*: one of the two has another candidate in the other's language
//! that fits about as well (within [`AMBIGUITY_MARGIN`] in log-odds), as when a report was
//! imported twice: which copy is the translation is a person's call. An English report with
//! two French candidates otherwise keeps the better one; an English, a French and a Dutch
//! version that match each other become one suggestion of three. Groups are of works, so a
//! publication already linked to others brings their languages along.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::profile::Corpus;

/// Two candidates of one language closer than this (in log-odds) make a pair ambiguous.
pub(crate) const AMBIGUITY_MARGIN: f64 = 1.0;

/// A pair that passed the threshold: indices into the corpus profiles, and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub a: usize,
    pub b: usize,
    pub score: f64,
}

/// A group of publications to link, with the pairs that joined it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    /// Profile indices, in the order they joined.
    pub members: Vec<usize>,
    /// The pairs that joined them (one fewer than the members).
    pub edges: Vec<Edge>,
}

impl Group {
    /// The weakest pair's score: the group is as sure as its least sure link.
    pub(crate) fn score(&self) -> f64 {
        self.edges
            .iter()
            .map(|e| e.score)
            .fold(f64::INFINITY, f64::min)
    }
}

/// Union-find over works (row ids), each root with the languages of its works' versions.
struct Sets {
    parent: HashMap<i64, i64>,
    languages: HashMap<i64, Vec<String>>,
    works: HashMap<i64, Vec<i64>>,
}

impl Sets {
    fn find(&mut self, x: i64) -> i64 {
        let mut root = x;
        while let Some(&p) = self.parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        let mut at = x;
        while at != root {
            let next = self.parent.get(&at).copied().unwrap_or(root);
            self.parent.insert(at, root);
            at = next;
        }
        root
    }
}

/// The log-odds of a score.
fn logit(score: f64) -> f64 {
    let p = score.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln()
}

/// Leaves out the ambiguous pairs (see the module docs).
fn unambiguous(corpus: &Corpus, edges: Vec<Edge>) -> Vec<Edge> {
    // The best and second-best log-odds of each (publication, other language).
    let mut best: HashMap<(usize, &str), (f64, f64)> = HashMap::new();
    for e in &edges {
        for (x, y) in [(e.a, e.b), (e.b, e.a)] {
            let slot = best
                .entry((x, corpus.profiles[y].language.as_str()))
                .or_insert((f64::NEG_INFINITY, f64::NEG_INFINITY));
            let l = logit(e.score);
            if l > slot.0 {
                *slot = (l, slot.0);
            } else if l > slot.1 {
                slot.1 = l;
            }
        }
    }
    edges
        .into_iter()
        .filter(|e| {
            [(e.a, e.b), (e.b, e.a)].iter().all(|&(x, y)| {
                best.get(&(x, corpus.profiles[y].language.as_str()))
                    .is_none_or(|(first, second)| first - second >= AMBIGUITY_MARGIN)
            })
        })
        .collect()
}

/// Groups the pairs of `edges` (any order, every scored pair) at or above `min` greedily,
/// best score first, leaving out ambiguous pairs.
pub(crate) fn group(corpus: &Corpus, edges: Vec<Edge>, min: f64) -> Vec<Group> {
    let mut edges = unambiguous(corpus, edges);
    edges.retain(|e| e.score >= min);
    edges.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let mut sets = Sets {
        parent: HashMap::new(),
        languages: HashMap::new(),
        works: HashMap::new(),
    };
    let languages_of = |i: usize| -> Vec<String> {
        let p = &corpus.profiles[i];
        corpus
            .work_languages
            .get(&p.work)
            .cloned()
            .unwrap_or_else(|| vec![p.language.clone()])
    };
    let work = |i: usize| corpus.profiles[i].work;
    let mut accepted: Vec<Edge> = Vec::new();
    for e in edges {
        for x in [e.a, e.b] {
            if let Entry::Vacant(slot) = sets.parent.entry(work(x)) {
                slot.insert(work(x));
                sets.languages.insert(work(x), languages_of(x));
                sets.works.insert(work(x), vec![work(x)]);
            }
        }
        let (ra, rb) = (sets.find(work(e.a)), sets.find(work(e.b)));
        if ra == rb {
            continue;
        }
        let la = sets.languages.get(&ra).cloned().unwrap_or_default();
        let lb = sets.languages.get(&rb).cloned().unwrap_or_default();
        if la.iter().any(|l| lb.contains(l)) {
            continue;
        }
        let wa = sets.works.get(&ra).cloned().unwrap_or_default();
        let wb = sets.works.get(&rb).cloned().unwrap_or_default();
        let decided = wa.iter().any(|&x| {
            wb.iter()
                .any(|&y| corpus.decisions.contains(&(x.min(y), x.max(y))))
        });
        if decided {
            continue;
        }
        sets.parent.insert(rb, ra);
        sets.languages.remove(&rb);
        sets.languages
            .insert(ra, la.into_iter().chain(lb).collect());
        sets.works.remove(&rb);
        sets.works.insert(ra, wa.into_iter().chain(wb).collect());
        accepted.push(e);
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut by_root: HashMap<i64, usize> = HashMap::new();
    for e in accepted {
        let root = sets.find(work(e.a));
        let g = *by_root.entry(root).or_insert_with(|| {
            groups.push(Group {
                members: Vec::new(),
                edges: Vec::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        for x in [e.a, e.b] {
            if !group.members.contains(&x) {
                group.members.push(x);
            }
        }
        group.edges.push(e);
    }
    groups
}
