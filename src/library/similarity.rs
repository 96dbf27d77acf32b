//! The repeat guard: is a new angle too close to something already
//! published? Texts are compared by TF-IDF cosine similarity over word stems
//! (Snowball English: "mentoring", "mentors" and "mentor" are one word), with
//! case, punctuation and common words set aside. Published pieces are found
//! through an inverted index, so each angle is compared only with pieces
//! that share a word with it.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::stems::numbered_stems;

/// The most texts a word may be in and still find the pieces that share
/// it: a word counts as uncommon when at most one text in fifty has it (at
/// least 20), and never when more than this many do. Without the bound
/// each word's list of pieces would grow with the library, and the
/// comparisons with its square; a library of 10,000 items stays under it.
const MAX_RARE: usize = 200;

/// What the bound on a pair's cosine is allowed to be off by through
/// rounding: a pair is scored in full unless its bound is below the
/// threshold by more than this.
const BOUND_SLACK: f64 = 1e-9;

/// A text as a unit-length TF-IDF vector: (term id, weight), sorted by term.
type Vector = Vec<(u32, f64)>;

fn vectorise(terms: &[u32], idf: &[f64]) -> Vector {
    let mut sorted = terms.to_vec();
    sorted.sort_unstable();
    let mut vector: Vector = Vec::with_capacity(sorted.len());
    for chunk in sorted.chunk_by(|a, b| a == b) {
        let term = chunk[0];
        let weight = (1.0 + (chunk.len() as f64).ln()) * idf[term as usize];
        vector.push((term, weight));
    }
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    vector
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Every text (the candidates, then the published) as a TF-IDF vector,
/// and how many texts have each term.
fn weighted(candidates: &[String], published: &[String]) -> (Vec<Vector>, Vec<u32>) {
    let texts: Vec<&str> = candidates
        .iter()
        .chain(published)
        .map(String::as_str)
        .collect();
    let (docs, terms) = numbered_stems(&texts);
    let mut df = vec![0u32; terms];
    for doc in &docs {
        let mut unique = doc.clone();
        unique.sort_unstable();
        unique.dedup();
        for term in unique {
            df[term as usize] += 1;
        }
    }
    let n = docs.len() as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)
        .collect();
    let vectors = docs.par_iter().map(|d| vectorise(d, &idf)).collect();
    (vectors, df)
}

/// How many of `texts` texts a word may be in and still count as uncommon.
fn rare_limit(texts: usize) -> u32 {
    (texts / 50).clamp(20, MAX_RARE) as u32
}

/// A pair that is too close.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Repeat {
    /// Index of the new text.
    pub candidate: usize,
    /// Index of the published text.
    pub published: usize,
    /// Cosine similarity, 0 to 1.
    pub score: f64,
}

/// Compares every candidate text with every published text and returns the
/// pairs scoring at least `threshold`, best first for each candidate.
///
/// Pairs are found through the terms they share that are rare in the
/// corpus; the score of each pair found is the exact cosine. Two texts that
/// share no uncommon word at all do not restate each other, and skipping
/// the long lists of common words keeps this linear.
pub fn find_repeats(candidates: &[String], published: &[String], threshold: f64) -> Vec<Repeat> {
    let (vectors, df) = weighted(candidates, published);
    let (candidate_vectors, published_vectors) = vectors.split_at(candidates.len());

    let rare_limit = rare_limit(vectors.len());
    let is_rare = |term: u32| df[term as usize] <= rare_limit;
    // By term: the published pieces with it, and its weight in each.
    let mut index: Vec<Vec<(u32, f64)>> = vec![Vec::new(); df.len()];
    for (id, vector) in published_vectors.iter().enumerate() {
        for &(term, weight) in vector {
            if is_rare(term) {
                index[term as usize].push((id as u32, weight));
            }
        }
    }
    let common_norm = |vector: &Vector| {
        vector
            .iter()
            .filter(|(term, _)| !is_rare(*term))
            .map(|(_, w)| w * w)
            .sum::<f64>()
            .sqrt()
    };
    let published_common: Vec<f64> = published_vectors.par_iter().map(common_norm).collect();
    candidate_vectors
        .par_iter()
        .enumerate()
        .flat_map_iter(|(candidate, vector)| {
            // The part of each cosine the uncommon words make, found
            // through them; the common words can add at most the product
            // of the two texts' common parts (Cauchy-Schwarz), so a pair
            // that cannot reach the threshold is not scored in full.
            let mut rare_dot: HashMap<u32, f64> = HashMap::default();
            for &(term, weight) in vector {
                for &(p, other) in &index[term as usize] {
                    *rare_dot.entry(p).or_insert(0.0) += weight * other;
                }
            }
            let own_common = common_norm(vector);
            let mut close: Vec<Repeat> = rare_dot
                .into_iter()
                .filter(|&(p, dot)| {
                    dot + own_common * published_common[p as usize] + BOUND_SLACK >= threshold
                })
                .filter_map(|(p, _)| {
                    let score = cosine(vector, &published_vectors[p as usize]);
                    (score >= threshold).then(|| Repeat {
                        candidate,
                        published: p as usize,
                        score: score.min(1.0),
                    })
                })
                .collect();
            close.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.published.cmp(&b.published))
            });
            close
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restatement_is_close_and_a_new_subject_is_not() {
        let published = vec![
            "Junior → Task, Middle → Project, Senior → Standard, Management → Team".to_string(),
            "The 4 Mental Shifts That Define Engineering Growth. All 4 levels with detailed mindset shifts".to_string(),
        ];
        let candidates = vec![
            "What each level delivers: juniors deliver tasks, middles own projects, seniors set standards, managers build teams".to_string(),
            "Running effective incident postmortems without blame".to_string(),
        ];
        let repeats = find_repeats(&candidates, &published, 0.4);
        assert!(
            repeats.iter().any(|r| r.candidate == 0 && r.published == 0),
            "{repeats:?}"
        );
        assert!(!repeats.iter().any(|r| r.candidate == 1), "{repeats:?}");
    }

    #[test]
    fn a_word_in_more_texts_than_the_bound_finds_none_of_them() {
        // 20,000 texts: one in fifty is 400, above the bound. A word in
        // 300 of them is common by the bound, so it alone finds nothing,
        // however close the texts that share it would score; a word in
        // 150 is uncommon and finds its texts.
        let words = ["alpha", "bravo", "delta", "gamma", "kilo", "lima"];
        let published: Vec<String> = (0..20_000)
            .map(|i| {
                let own = format!("{}{}", words[i % 6], i / 6);
                match i {
                    0..300 => format!("zeta {own}"),
                    300..450 => format!("theta {own}"),
                    _ => own,
                }
            })
            .collect();
        let repeats = find_repeats(&["zeta".into()], &published, 0.3);
        assert!(repeats.is_empty(), "{} found", repeats.len());
        let repeats = find_repeats(&["theta".into()], &published, 0.3);
        assert_eq!(repeats.len(), 150);
    }

    /// Skipping the pairs whose bound is below the threshold finds exactly
    /// the pairs that scoring every pair sharing an uncommon word finds.
    #[test]
    fn the_bound_skips_no_pair_that_reaches_the_threshold() {
        let words: Vec<String> = (0..80).map(|i| format!("w{}x", i * 7919 % 1000)).collect();
        let mut state = 12345u64;
        let mut text = |n: usize| {
            (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    // Skewed: low words are common, high words rare.
                    let r = (state >> 33) as usize % 6400;
                    words[(r as f64).sqrt() as usize].clone()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let candidates: Vec<String> = (0..150).map(|_| text(8)).collect();
        let published: Vec<String> = (0..400).map(|_| text(10)).collect();
        for threshold in [0.2, 0.3, 0.45] {
            let found = find_repeats(&candidates, &published, threshold);
            // Every pair sharing an uncommon word, scored in full.
            let (vectors, df) = weighted(&candidates, &published);
            let rare = rare_limit(vectors.len());
            let mut expected = 0;
            for c in 0..candidates.len() {
                for p in 0..published.len() {
                    let other = &vectors[candidates.len() + p];
                    let shares_rare = vectors[c]
                        .iter()
                        .any(|(t, _)| df[*t as usize] <= rare && other.iter().any(|(u, _)| u == t));
                    if shares_rare && cosine(&vectors[c], other) >= threshold {
                        expected += 1;
                        assert!(
                            found.iter().any(|r| r.candidate == c && r.published == p),
                            "{c} {p} at {threshold}"
                        );
                    }
                }
            }
            assert_eq!(found.len(), expected, "at {threshold}");
            assert!(expected > 0, "the corpus has close pairs at {threshold}");
        }
    }

    #[test]
    fn identical_text_scores_one() {
        let r = find_repeats(
            &["delegation tips".into()],
            &["Delegation tips".into()],
            0.99,
        );
        assert_eq!(r.len(), 1);
        assert!((r[0].score - 1.0).abs() < 1e-9);
    }
}
