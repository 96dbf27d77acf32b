//! The library web as an SVG drawn at build time: items and the references
//! between them, with references to missing items drawn dashed. No script:
//! the layout is a deterministic force-directed one computed here.

use std::fmt::Write;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::library::{Library, Reference, Target};
use crate::markdown::escape_html;

/// The most nodes drawn; beyond that the best-connected are kept, so the
/// layout's cost stays bounded however large the library grows.
const MAX_NODES: usize = 300;
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 640.0;
const ITERATIONS: usize = 250;
/// Pull toward the centre, relative to the ideal edge length.
const GRAVITY: f64 = 0.02;

/// A node: an item (by id) or a missing reference, labelled by borrowing
/// from the library, so nodes that are pruned cost nothing to make.
#[derive(Debug, Clone)]
struct Node<'a> {
    label: &'a str,
    item: Option<usize>,
    class: &'static str,
}

/// The drawn graph and what it left out.
#[derive(Debug, Clone, Serialize)]
pub struct GraphView {
    /// The SVG markup (escaped already; output with `| safe`).
    pub svg: String,
    /// Nodes drawn.
    pub nodes: usize,
    /// Edges drawn.
    pub edges: usize,
    /// Items left out because the graph was too large.
    pub omitted: usize,
}

/// What the drawing shows, chosen before anything is laid out: the nodes
/// and edges kept. Its fingerprint stands for the drawing, so a build
/// whose graph page is unchanged lays nothing out.
pub struct GraphPlan<'a> {
    nodes: Vec<Node<'a>>,
    edges: Vec<(usize, usize, bool)>,
    omitted: usize,
    /// Whether each item is drawn, by id (all are unless some are left
    /// out).
    pub drawn: Vec<bool>,
}

fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        format!(
            "{}…",
            label.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

/// Collects nodes and edges: every item, every missing reference, and an
/// edge for each reference between them.
fn collect(library: &Library) -> (Vec<Node<'_>>, Vec<(usize, usize, bool)>) {
    let mut nodes: Vec<Node> = library
        .items
        .iter()
        .enumerate()
        .map(|(id, item)| Node {
            label: &item.title,
            item: Some(id),
            class: item.kind.label(),
        })
        .collect();
    let mut missing_index: HashMap<&str, usize> = HashMap::default();
    for missing in &library.missing {
        missing_index.insert(missing.written.as_str(), nodes.len());
        nodes.push(Node {
            label: missing
                .written
                .rsplit('/')
                .next()
                .unwrap_or(&missing.written),
            item: None,
            class: "missing",
        });
    }
    let mut edges = Vec::new();
    for (from, links) in library.links.iter().enumerate() {
        for r in &links.explicit {
            match r.target {
                Target::Item { id } => edges.push((from, id, false)),
                Target::Missing => {
                    if let Some(&to) = missing_index.get(&*r.written) {
                        edges.push((from, to, true));
                    }
                }
                _ => {}
            }
        }
        for r in &links.body {
            match &r.target {
                Reference::Item { id, .. } => edges.push((from, *id, false)),
                Reference::Missing => {
                    if let Some(&to) = missing_index.get(&*r.written) {
                        edges.push((from, to, true));
                    }
                }
                _ => {}
            }
        }
    }
    edges.retain(|(a, b, _)| a != b);
    edges.sort_unstable();
    edges.dedup();
    (nodes, edges)
}

/// Keeps the best-connected nodes when there are too many.
fn prune(
    nodes: Vec<Node<'_>>,
    edges: Vec<(usize, usize, bool)>,
) -> (Vec<Node<'_>>, Vec<(usize, usize, bool)>, usize) {
    if nodes.len() <= MAX_NODES {
        return (nodes, edges, 0);
    }
    let mut degree = vec![0usize; nodes.len()];
    for &(a, b, _) in &edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| degree[b].cmp(&degree[a]).then(a.cmp(&b)));
    order.truncate(MAX_NODES);
    order.sort_unstable();
    let mut new_index = vec![usize::MAX; nodes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let omitted = nodes.len() - order.len();
    let kept: Vec<Node> = order.iter().map(|&i| nodes[i].clone()).collect();
    let kept_edges = edges
        .into_iter()
        .filter(|&(a, b, _)| new_index[a] != usize::MAX && new_index[b] != usize::MAX)
        .map(|(a, b, m)| (new_index[a], new_index[b], m))
        .collect();
    (kept, kept_edges, omitted)
}

/// Fruchterman–Reingold layout from a deterministic start on a circle.
fn layout(n: usize, edges: &[(usize, usize, bool)]) -> Vec<(f64, f64)> {
    let area = WIDTH * HEIGHT;
    let k = (area / n.max(1) as f64).sqrt() * 0.45;
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let angle = i as f64 * 2.399_963; // golden angle: an even spread
            let radius = 0.45 * (i as f64 + 0.5).sqrt() / (n as f64).sqrt();
            (
                WIDTH / 2.0 + radius * WIDTH * angle.cos(),
                HEIGHT / 2.0 + radius * HEIGHT * angle.sin(),
            )
        })
        .collect();
    let mut temperature = WIDTH / 8.0;
    for _ in 0..ITERATIONS {
        let mut shift = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = pos[i].0 - pos[j].0;
                let dy = pos[i].1 - pos[j].1;
                let d2 = (dx * dx + dy * dy).max(0.01);
                let force = k * k / d2;
                shift[i].0 += dx * force;
                shift[i].1 += dy * force;
                shift[j].0 -= dx * force;
                shift[j].1 -= dy * force;
            }
        }
        for &(a, b, _) in edges {
            let dx = pos[a].0 - pos[b].0;
            let dy = pos[a].1 - pos[b].1;
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let force = d / k;
            shift[a].0 -= dx * force;
            shift[a].1 -= dy * force;
            shift[b].0 += dx * force;
            shift[b].1 += dy * force;
        }
        for i in 0..n {
            // Gravity toward the centre keeps unconnected nodes on the page.
            shift[i].0 += (WIDTH / 2.0 - pos[i].0) * GRAVITY * k;
            shift[i].1 += (HEIGHT / 2.0 - pos[i].1) * GRAVITY * k;
            let len = (shift[i].0 * shift[i].0 + shift[i].1 * shift[i].1)
                .sqrt()
                .max(0.01);
            let step = len.min(temperature);
            // Margins leave room for the labels under the nodes.
            pos[i].0 = (pos[i].0 + shift[i].0 / len * step).clamp(110.0, WIDTH - 110.0);
            pos[i].1 = (pos[i].1 + shift[i].1 / len * step).clamp(25.0, HEIGHT - 35.0);
        }
        temperature *= 0.97;
    }
    fit(&mut pos);
    pos
}

/// Scales the layout to fill the drawing, leaving margins for the labels.
fn fit(pos: &mut [(f64, f64)]) {
    if pos.len() < 2 {
        return;
    }
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pos.iter() {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let span_x = (max_x - min_x).max(1.0);
    let span_y = (max_y - min_y).max(1.0);
    for p in pos.iter_mut() {
        p.0 = 110.0 + (p.0 - min_x) / span_x * (WIDTH - 220.0);
        p.1 = 30.0 + (p.1 - min_y) / span_y * (HEIGHT - 75.0);
    }
}

/// Chooses what the library graph shows.
pub fn plan(library: &Library) -> GraphPlan<'_> {
    let (nodes, edges) = collect(library);
    let (nodes, edges, omitted) = prune(nodes, edges);
    let mut drawn = vec![omitted == 0; library.items.len()];
    for id in nodes.iter().filter_map(|node| node.item) {
        drawn[id] = true;
    }
    GraphPlan {
        nodes,
        edges,
        omitted,
        drawn,
    }
}

impl GraphPlan<'_> {
    /// Adds everything the drawing shows to `hasher`: equal inputs, equal
    /// drawings.
    pub fn feed(&self, library: &Library, hasher: &mut crate::fingerprint::Hasher) {
        hasher.update(&(self.nodes.len() as u64).to_le_bytes());
        for node in &self.nodes {
            hasher.text(node.label);
            hasher.text(node.class);
            match node.item {
                Some(id) => hasher.text(&library.url(id)),
                None => hasher.text(""),
            }
        }
        hasher.update(&(self.edges.len() as u64).to_le_bytes());
        for &(a, b, missing) in &self.edges {
            hasher.update(&(a as u64).to_le_bytes());
            hasher.update(&(b as u64).to_le_bytes());
            hasher.update(&[u8::from(missing)]);
        }
        hasher.update(&(self.omitted as u64).to_le_bytes());
    }

    /// Lays the graph out and draws it.
    pub fn draw(&self, library: &Library) -> GraphView {
        let (nodes, edges, omitted) = (&self.nodes, &self.edges, self.omitted);
        let pos = layout(nodes.len(), edges);
        let mut svg = String::with_capacity(nodes.len() * 300 + edges.len() * 120);
        let _ = write!(
            svg,
            "<svg class=\"graph\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"group\" aria-labelledby=\"graph-title graph-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
    <title id=\"graph-title\">The library as a web of items</title>\
    <desc id=\"graph-desc\">{} items and missing references, {} links between them. {}</desc>\
    <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"16\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" class=\"arrow\"/></marker></defs><g class=\"edges\">",
            nodes.len(),
            edges.len(),
            if omitted == 0 {
                "The lists below the drawing give the same links as text."
            } else {
                "The lists below the drawing give its links as text; each item's page lists everything that references it."
            }
        );
        for &(a, b, missing) in edges {
            let _ = write!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"{} marker-end=\"url(#arrow)\"/>",
                pos[a].0,
                pos[a].1,
                pos[b].0,
                pos[b].1,
                if missing { " class=\"edge-missing\"" } else { "" }
            );
        }
        svg.push_str("</g><g class=\"nodes\">");
        for (i, node) in nodes.iter().enumerate() {
            let (x, y) = pos[i];
            let label = escape_html(&short(node.label, 28));
            let full = escape_html(node.label);
            let shape = format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\" class=\"node node-{}\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" paint-order=\"stroke\">{label}</text>",
                node.class,
                y + 20.0
            );
            match node.item {
                Some(id) => {
                    let _ = write!(
                        svg,
                        "<a href=\"{}\"><title>{full} ({})</title>{shape}</a>",
                        escape_html(&library.url(id)),
                        node.class
                    );
                }
                None => {
                    let _ = write!(
                        svg,
                        "<g><title>{full} (not in the library yet)</title>{shape}</g>"
                    );
                }
            }
        }
        svg.push_str("</g></svg>");
        GraphView {
            svg,
            nodes: nodes.len(),
            edges: edges.len(),
            omitted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_deterministic_and_on_the_page() {
        let edges = vec![(0, 1, false), (1, 2, false)];
        let a = layout(4, &edges);
        let b = layout(4, &edges);
        assert_eq!(a, b);
        assert!(a
            .iter()
            .all(|&(x, y)| (0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y)));
    }

    #[test]
    fn pruning_keeps_the_connected() {
        let labels: Vec<String> = (0..MAX_NODES + 10).map(|i| i.to_string()).collect();
        let nodes: Vec<Node> = labels
            .iter()
            .map(|label| Node {
                label,
                item: None,
                class: "moment",
            })
            .collect();
        let edges = vec![(MAX_NODES + 5, MAX_NODES + 6, false)];
        let (kept, kept_edges, omitted) = prune(nodes, edges);
        assert_eq!(kept.len(), MAX_NODES);
        assert_eq!(omitted, 10);
        assert_eq!(kept_edges.len(), 1);
    }
}
