//! One document of the index: its stems with weights, and the fragment the
//! script fetches to show it as a result.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::text::Tokens;
use super::text_list::TextList;
use crate::library::Library;
use crate::markdown::Rendered;
use crate::output::{Contents, OutputFile};

/// Weights of where a word is found.
const TITLE: u32 = 12;
const HEADING: u32 = 5;
const TAG: u32 = 4;
/// Body words count once per occurrence, up to this many per stem.
const BODY_CAP: u32 = 4;
/// Section text kept per document for snippets, in characters.
const SECTION_TEXT: usize = 4000;

/// The words and stems met by one worker, stems numbered in the order they
/// were first met. Each word is stemmed once per worker, however many
/// documents use it.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    /// Word → its stem's number, while indexing (listed by
    /// [`Vocabulary::finish`]).
    #[serde(skip)]
    pub words: HashMap<String, u32>,
    /// Every word, once indexing is done: all the merge asks of them
    /// (with [`Vocabulary::listed_stems`]), and cheaper to hold and to
    /// read back from the build cache than a table.
    pub listed: TextList,
    /// The number of each listed word's stem.
    pub listed_stems: Vec<u32>,
    /// Stems by number.
    pub stems: TextList,
    /// Stems to numbers, while indexing (freed by [`Vocabulary::finish`]).
    #[serde(skip)]
    numbers: HashMap<String, u32>,
}

impl Vocabulary {
    /// Frees what only indexing needs (the tables of words and of stems);
    /// the words, listed, and the stems stay for the merge.
    pub fn finish(&mut self) {
        self.numbers = HashMap::default();
        let words = std::mem::take(&mut self.words);
        // A map's keys and values come in the same order.
        self.listed = words.keys().map(String::as_str).collect();
        self.listed_stems = words.into_values().collect();
        self.stems.without_room();
    }

    /// Every word listed by [`Vocabulary::finish`], with its stem's number.
    pub fn listed(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.listed.iter().zip(self.listed_stems.iter().copied())
    }

    fn stem_of(&mut self, word: &str, tokens: &Tokens) -> u32 {
        if let Some(&n) = self.words.get(word) {
            return n;
        }
        let n = self.number(&tokens.stem(word));
        self.words.insert(word.to_string(), n);
        n
    }

    /// The number of `stem`, numbering it next if it is new.
    pub(super) fn number(&mut self, stem: &str) -> u32 {
        match self.numbers.get(stem) {
            Some(&n) => n,
            None => {
                let n = self.stems.len() as u32;
                self.stems.push(stem);
                self.numbers.insert(stem.to_string(), n);
                n
            }
        }
    }
}

/// Per-stem tallies of the document being indexed, kept between documents
/// so each one costs its own words, not a fresh table.
#[derive(Default)]
pub struct Tally {
    /// By stem number: (field weight, best section, running-text count).
    entries: Vec<(u32, u16, u32)>,
    /// Stems with an entry, in the order met.
    touched: Vec<u32>,
}

impl Tally {
    fn add(&mut self, stem: u32, weight: u32, section: u16) {
        let at = stem as usize;
        if at >= self.entries.len() {
            self.entries.resize(at + 1, (0, 0, 0));
        }
        let entry = &mut self.entries[at];
        if *entry == (0, 0, 0) {
            self.touched.push(stem);
            entry.1 = section;
        }
        if weight == 0 {
            entry.2 += 1;
        } else {
            if weight >= entry.0 {
                entry.1 = section;
            }
            entry.0 = entry.0.saturating_add(weight);
        }
    }

    /// The document's terms; leaves the tally empty for the next one.
    fn drain(&mut self) -> DocTerms {
        let mut terms = Vec::with_capacity(self.touched.len());
        for &stem in &self.touched {
            let (field, section, body) = std::mem::take(&mut self.entries[stem as usize]);
            let weight = field.saturating_add(body.min(BODY_CAP)).min(MAX_WEIGHT);
            terms.push((stem, weight as u16, section));
        }
        self.touched.clear();
        terms
    }
}

/// What the index keeps of one document: (stem number in the worker's
/// vocabulary, weight, best section).
pub type DocTerms = Vec<(u32, u16, u16)>;

/// The most a stem weighs in one document: weights fit in 16 bits, which
/// keeps a posting to eight bytes (a large library holds millions).
const MAX_WEIGHT: u32 = 10_000;

#[derive(Serialize)]
struct DocFragment<'a> {
    t: &'a str,
    u: String,
    k: &'static str,
    g: &'a [String],
    s: Option<&'a str>,
    d: Option<String>,
    /// Sections: (anchor, heading, text).
    h: Vec<(&'a str, &'a str, &'a str)>,
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    // No more bytes than characters wanted: nothing to cut (and no need to
    // walk the text).
    if text.len() <= chars {
        return text;
    }
    text.char_indices()
        .nth(chars)
        .map_or(text, |(at, _)| &text[..at])
}

/// Indexes document `id`: returns its stems with weights, and appends its
/// fragment (the JSON the script shows a result from) to `fragment_out`.
pub fn index_document(
    library: &Library,
    id: usize,
    body: &Rendered,
    tokens: &Tokens,
    vocabulary: &mut Vocabulary,
    tally: &mut Tally,
    fragment_out: &mut Vec<u8>,
) -> DocTerms {
    let item = &library.items[id];
    // Per stem: weight from title, tags and headings; the section of the
    // strongest of those; occurrences in running text.
    let mut buffer = String::new();
    let mut add = |text: &str, weight: u32, section: u16| {
        tokens.each_word(text, &mut buffer, |word| {
            tally.add(vocabulary.stem_of(word, tokens), weight, section);
        });
    };
    add(&item.title, TITLE, 0);
    for tag in item.front.tags.iter().chain(&item.front.themes) {
        add(&tag.replace('-', " "), TAG, 0);
    }
    let sections = body.search_sections();
    for (index, section) in sections.iter().enumerate() {
        let index = index.min(u16::MAX as usize) as u16;
        add(&section.heading, HEADING, index);
        add(&section.text, 0, index);
    }

    let fragment = DocFragment {
        t: &item.title,
        u: library.url(id),
        k: item.kind.label(),
        g: &item.front.tags,
        s: item.front.status.as_deref(),
        d: item.date().map(|d| d.human()),
        h: sections
            .iter()
            .map(|s| {
                (
                    s.anchor.as_str(),
                    s.heading.as_str(),
                    prefix(&s.text, SECTION_TEXT),
                )
            })
            .collect(),
    };
    let size: usize = fragment
        .h
        .iter()
        .map(|(a, h, t)| a.len() + h.len() + t.len() + 16)
        .sum();
    fragment_out.reserve(size + 512);
    let before = fragment_out.len();
    if serde_json::to_writer(&mut *fragment_out, &fragment).is_err() {
        fragment_out.truncate(before);
        fragment_out.extend_from_slice(b"null");
    }
    tally.drain()
}

/// Fragments are written in files of consecutive documents of about this
/// many bytes (a larger document alone): far fewer files to write than one
/// per document, while a result still costs a few kilobytes to show.
pub const BUNDLE_BYTES: usize = 6 * 1024;

/// Groups consecutive fragments into files: `search/docs/<first id>.json`,
/// each a JSON array of fragments.
pub struct Bundler<'e> {
    emit: &'e (dyn Fn(OutputFile) + Sync),
    /// The open file's bytes: `[` and the fragments so far.
    open: Vec<u8>,
    first: Option<usize>,
    /// The first document of every file written, in order.
    pub starts: Vec<u32>,
}

impl<'e> Bundler<'e> {
    /// A bundler handing its files to `emit`.
    pub fn new(emit: &'e (dyn Fn(OutputFile) + Sync)) -> Self {
        Bundler {
            emit,
            open: Vec::new(),
            first: None,
            starts: Vec::new(),
        }
    }

    /// Adds document `id`'s fragment (the next one in order).
    pub fn add(&mut self, id: usize, fragment: &[u8]) {
        if self.first.is_some() && self.open.len() + fragment.len() > BUNDLE_BYTES {
            self.flush();
        }
        if self.first.is_none() {
            self.first = Some(id);
            self.open.push(b'[');
        } else {
            self.open.push(b',');
        }
        self.open.extend_from_slice(fragment);
    }

    /// Writes the open file, if any.
    pub fn flush(&mut self) {
        let Some(first) = self.first.take() else {
            return;
        };
        self.open.push(b']');
        self.starts.push(first as u32);
        (self.emit)(OutputFile {
            path: format!("search/docs/{first}.json"),
            contents: Contents::Bytes(std::mem::take(&mut self.open)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_bundled_in_order_up_to_the_budget() {
        let files = std::sync::Mutex::new(Vec::new());
        let emit = |f: OutputFile| files.lock().unwrap().push(f);
        let mut bundler = Bundler::new(&emit);
        let small = vec![b'1'; 1000];
        let big = vec![b'2'; BUNDLE_BYTES * 2];
        bundler.add(3, &small);
        bundler.add(4, &small);
        bundler.add(5, &big);
        bundler.add(6, &small);
        bundler.flush();
        bundler.flush();
        assert_eq!(bundler.starts, [3, 5, 6]);
        let files = files.into_inner().unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "search/docs/3.json",
                "search/docs/5.json",
                "search/docs/6.json"
            ]
        );
        match &files[0].contents {
            Contents::Bytes(b) => {
                assert!(b.starts_with(b"[1") && b.ends_with(b"1]"));
                assert_eq!(b.iter().filter(|&&c| c == b',').count(), 1);
            }
            _ => panic!("bytes expected"),
        }
    }

    #[test]
    fn prefixes_cut_at_characters() {
        assert_eq!(prefix("привет", 3), "при");
        assert_eq!(prefix("ab", 5), "ab");
    }

    #[test]
    fn each_word_is_stemmed_once_and_forms_share_a_stem() {
        let tokens = Tokens::default();
        let mut v = Vocabulary::default();
        let a = v.stem_of("mentoring", &tokens);
        let b = v.stem_of("mentor", &tokens);
        assert_eq!(a, b);
        assert_eq!(v.stems.iter().collect::<Vec<_>>(), ["mentor"]);
        assert_eq!(v.words.len(), 2);
    }
}
