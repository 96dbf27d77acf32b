//! Generates a synthetic library shaped like the real one, for benchmarks:
//! YAML front matter like the seeds', headings, lists, a table, emphasis,
//! links between items, fenced code in about a third of the items, tags and
//! themes from a shared pool, one item in ten a framework article. Writes the
//! same content as a Lectern project and as a Hugo site.
//!
//! cargo run --release --example gen_library -- ITEMS LECTERN_DIR [HUGO_DIR]
//!
//! The library's shape can be changed with environment variables:
//! `GEN_CODE` (share of items with a code block, default 0.33),
//! `GEN_BODY_KB` (grow each body to at least this many KB, default 0: about
//! 2 KB; 1 for bodies of about 1 KB), `GEN_TAGS` (tags per item, default 3 to 5), `GEN_TAG_POOL` (how
//! many different tags and themes there are, default the built-in lists)
//! and `GEN_LINKS` (links to other items per item, default 3).

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (xorshift), so every run makes the same library.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "leadership",
    "team",
    "delegation",
    "feedback",
    "review",
    "standard",
    "project",
    "mentor",
    "growth",
    "decision",
    "architecture",
    "trust",
    "alignment",
    "autonomy",
    "meeting",
    "planning",
    "stakeholder",
    "engineer",
    "manager",
    "strategy",
    "incident",
    "ownership",
    "impact",
    "coaching",
    "career",
    "system",
    "quality",
    "process",
    "priority",
    "context",
    "question",
    "habit",
    "signal",
    "balance",
    "support",
    "clarity",
    "goal",
    "outcome",
    "practice",
    "conversation",
    "level",
    "promotion",
    "influence",
];
const TAGS: &[&str] = &[
    "leadership",
    "delegation",
    "feedback",
    "1on1-questions",
    "code-review",
    "adr",
    "mentoring",
    "hiring",
    "onboarding",
    "incidents",
    "planning",
    "estimation",
    "roadmaps",
    "career-growth",
    "staff-engineer",
    "tech-lead",
    "management",
    "governance",
    "communication",
    "writing",
    "meetings",
    "culture",
    "trust",
    "burnout",
    "focus",
    "metrics",
    "okrs",
    "architecture",
    "standards",
    "testing",
    "reliability",
    "security",
    "performance",
    "refactoring",
    "debt",
    "documentation",
    "rfc",
    "decision-making",
    "conflict",
    "coaching",
    "retros",
    "process",
    "remote",
    "hybrid",
    "interviews",
    "promotions",
    "levels",
    "influence",
    "strategy",
    "vision",
    "alignment",
    "autonomy",
    "ownership",
    "impact",
    "visibility",
    "stakeholders",
    "product",
    "customers",
    "quality",
    "speed",
];
const THEMES: &[&str] = &[
    "engineering-leadership",
    "career-growth",
    "team-dynamics",
    "technical-excellence",
    "communication",
    "decision-making",
    "organizational-design",
    "people-development",
    "delivery",
    "culture",
    "strategy",
    "self-management",
];
const LANGS: &[&str] = &["rust", "python", "yaml", "javascript", "bash", "sql"];

/// A long tail of made-up words, so texts differ the way real ones do.
fn rare_word(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "ven", "tri", "mo", "sar", "del", "qui", "ber", "nal", "zo", "pe", "rin",
        "gus", "ta", "mer",
    ];
    // Zipf-like: low numbers far more often than high ones.
    let n = (rng.below(3000) * rng.below(3000)) / 3000;
    let mut w = String::new();
    let mut k = n + 17;
    for _ in 0..3 {
        w.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
    }
    w
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let rare;
        let w = if rng.below(2) == 0 {
            rare = rare_word(rng);
            rare.as_str()
        } else {
            rng.pick(WORDS)
        };
        if i == 0 {
            let mut c = w.chars();
            s.push_str(&c.next().unwrap().to_uppercase().collect::<String>());
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            if rng.below(12) == 0 {
                write!(s, "**{w}**").unwrap();
            } else if rng.below(15) == 0 {
                write!(s, "*{w}*").unwrap();
            } else {
                s.push_str(w);
            }
        }
    }
    s.push('.');
    s
}

fn code(rng: &mut Rng) -> (String, String) {
    let lang = rng.pick(LANGS).to_string();
    let body = match lang.as_str() {
        "rust" => "fn review(change: &Change) -> Verdict {\n    if change.tests.is_empty() {\n        return Verdict::Ask(\"Where are the tests?\");\n    }\n    Verdict::Approve\n}\n",
        "python" => "def leading_indicators(team):\n    return {\n        \"review_hours\": median(team.review_turnaround),\n        \"deployers\": len(team.can_deploy),\n    }\n",
        "yaml" => "decision: use-a-queue\nstatus: accepted\noptions:\n  - synchronous calls\n  - message queue\n  - outbox table\n",
        "javascript" => "function pace(elapsed, due) {\n  const d = elapsed - due;\n  return d > 60 ? 'behind' : d < -60 ? 'ahead' : 'on pace';\n}\n",
        "bash" => "for team in platform payments search; do\n  echo \"$team: $(git log --since=1.week --oneline | wc -l) changes\"\ndone\n",
        _ => "SELECT team, avg(review_hours)\nFROM reviews\nWHERE merged_at > now() - interval '30 days'\nGROUP BY team;\n",
    };
    (lang, body.to_string())
}

struct Item {
    slug: String,
    title: String,
    framework: bool,
    year: u32,
    month: u32,
    day: u32,
}

/// The library's shape, from the environment (see the module docs).
struct Shape {
    code: f64,
    body_kb: usize,
    tags: Option<usize>,
    tag_pool: Option<usize>,
    links: usize,
}

impl Shape {
    fn from_env() -> Shape {
        fn var<T: std::str::FromStr>(name: &str) -> Option<T> {
            std::env::var(name).ok().and_then(|v| v.parse().ok())
        }
        Shape {
            code: var("GEN_CODE").unwrap_or(0.33),
            body_kb: var("GEN_BODY_KB").unwrap_or(0),
            tags: var("GEN_TAGS"),
            tag_pool: var("GEN_TAG_POOL"),
            links: var("GEN_LINKS").unwrap_or(3),
        }
    }

    /// A tag (or theme, from `list`) for an item.
    fn term(&self, rng: &mut Rng, list: &[&'static str], prefix: &str) -> String {
        match self.tag_pool {
            Some(pool) if pool != list.len() => format!("{prefix}-{}", rng.below(pool.max(1))),
            _ => rng.pick(list).to_string(),
        }
    }
}

fn main() {
    let shape = Shape::from_env();
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args
        .get(1)
        .and_then(|n| n.parse().ok())
        .expect("usage: gen_library ITEMS LECTERN_DIR [HUGO_DIR]");
    let lectern = Path::new(args.get(2).expect("LECTERN_DIR"));
    let hugo = args.get(3).map(Path::new);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);

    let items: Vec<Item> = (0..count)
        .map(|i| {
            let title = format!(
                "{} {} {}",
                sentence(&mut rng, 3).trim_end_matches('.').replace('*', ""),
                rng.pick(WORDS),
                i
            );
            Item {
                slug: format!("note-{i:05}-{}", rng.pick(WORDS)),
                title,
                framework: i % 10 == 9,
                year: 2022 + (i % 5) as u32,
                month: 1 + (i % 12) as u32,
                day: 1 + (i % 28) as u32,
            }
        })
        .collect();

    let folder = |item: &Item| {
        if item.framework {
            "frameworks".to_string()
        } else {
            format!("moments/{}/{:02}", item.year, item.month)
        }
    };
    for (i, item) in items.iter().enumerate() {
        let tag_count = shape.tags.unwrap_or_else(|| 3 + rng.below(3));
        let tags: Vec<String> = (0..tag_count)
            .map(|_| shape.term(&mut rng, TAGS, "topic"))
            .collect();
        let theme_count = shape
            .tags
            .map_or_else(|| 1 + rng.below(3), |t| t.div_ceil(2));
        let themes: Vec<String> = (0..theme_count)
            .map(|_| shape.term(&mut rng, THEMES, "area"))
            .collect();
        let linked: Vec<&Item> = (0..shape.links)
            .map(|_| &items[rng.below(items.len())])
            .collect();
        let date = format!("{}-{:02}-{:02}", item.year, item.month, item.day);

        let mut body = String::new();
        writeln!(body, "# {}\n", item.title).unwrap();
        writeln!(
            body,
            "## Core Insight\n\n{} {}\n",
            sentence(&mut rng, 18),
            sentence(&mut rng, 14)
        )
        .unwrap();
        if shape.body_kb != 1 {
            writeln!(body, "## What Changes\n").unwrap();
            for _ in 0..5 {
                writeln!(body, "- {}", sentence(&mut rng, 8)).unwrap();
            }
        }
        // `GEN_BODY_KB=1` keeps bodies at about a kilobyte.
        if shape.body_kb != 1 {
            writeln!(body, "\n## Levels\n\n| Level | Delivers |\n|-------|----------|\n| Junior | A task |\n| Middle | A project |\n| Senior | A standard |\n").unwrap();
            writeln!(
                body,
                "{} {} {}\n",
                sentence(&mut rng, 20),
                sentence(&mut rng, 12),
                sentence(&mut rng, 16)
            )
            .unwrap();
        }
        let mut section = 0;
        while body.len() < shape.body_kb * 1024 {
            section += 1;
            writeln!(
                body,
                "## Part {section}\n\n{} {} {}\n",
                sentence(&mut rng, 20),
                sentence(&mut rng, 14),
                sentence(&mut rng, 17)
            )
            .unwrap();
            for _ in 0..4 {
                writeln!(body, "- {}", sentence(&mut rng, 9)).unwrap();
            }
            writeln!(body).unwrap();
        }
        if (rng.below(1000) as f64) < shape.code * 1000.0 {
            let (lang, text) = code(&mut rng);
            writeln!(body, "```{lang}\n{text}```\n").unwrap();
        }
        let mut hugo_body = body.clone();
        writeln!(body, "## Connection to Other Moments\n").unwrap();
        writeln!(hugo_body, "## Connection to Other Moments\n").unwrap();
        for other in &linked {
            writeln!(
                body,
                "- See [{}](/content/{}/{}.md) and `{}`",
                other.title,
                folder(other),
                other.slug,
                other.slug
            )
            .unwrap();
            let section = if other.framework {
                "frameworks".to_string()
            } else {
                format!("moments/{}/{:02}", other.year, other.month)
            };
            writeln!(
                hugo_body,
                "- See [{}](/{}/{}/) and `{}`",
                other.title, section, other.slug, other.slug
            )
            .unwrap();
        }
        if !item.framework && i % 4 == 0 {
            let extra = format!(
                "\n## Already Published (Don't Repeat)\n\n**Short post:** `workspace/published/linkedin/{}.md`\n- Published: {date}\n- Performance: {} impressions, {} reactions\n- Covers: {}\n\n## NEW Content Angles (Not Yet Published)\n\n### 1. {}\n{}\n\n**Post idea:** \"{}\"\n- {}\n",
                item.slug,
                100 + rng.below(5000),
                rng.below(90),
                sentence(&mut rng, 10),
                sentence(&mut rng, 4).trim_end_matches('.').replace('*', ""),
                sentence(&mut rng, 15),
                sentence(&mut rng, 6).trim_end_matches('.').replace('*', ""),
                sentence(&mut rng, 9)
            );
            body.push_str(&extra);
            hugo_body.push_str(&extra);
        }

        let potential_key = if i % 2 == 0 {
            "potential"
        } else {
            "content_potential"
        };
        let created = if i % 2 == 0 {
            format!("'{date}'")
        } else {
            date.clone()
        };
        let related: String = linked
            .iter()
            .take(2)
            .map(|o| format!("  - content/{}/{}.md\n", folder(o), o.slug))
            .collect();
        let front = format!(
            "---\ntype: {}\ntitle: \"{}\"\ncreated: {created}\nstatus: {}\n{potential_key}: {}\nthemes:\n{}tags: [{}]\nrelated_content:\n{related}---\n\n",
            if item.framework { "framework" } else { "moment" },
            item.title,
            rng.pick(&["raw", "captured", "drafting", "published"]),
            rng.pick(&["high", "medium", "low"]),
            themes.iter().map(|t| format!("  - {t}\n")).collect::<String>(),
            tags.join(", ")
        );
        let path = lectern
            .join("content")
            .join(folder(item))
            .join(format!("{}.md", item.slug));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("{front}{body}")).unwrap();

        if let Some(hugo) = hugo {
            let front = format!(
                "---\ntitle: \"{}\"\ndate: {date}\nslug: {}\ntags: [{}]\nthemes: [{}]\n---\n\n",
                item.title,
                item.slug,
                tags.join(", "),
                themes.join(", ")
            );
            let path = hugo
                .join("content")
                .join(folder(item))
                .join(format!("{}.md", item.slug));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("{front}{hugo_body}")).unwrap();
        }
    }
    std::fs::write(
        lectern.join("lectern.yaml"),
        "title: Benchmark Library\nbase_url: /\n",
    )
    .unwrap();

    if let Some(hugo) = hugo {
        let layouts = hugo.join("layouts/_default");
        std::fs::create_dir_all(&layouts).unwrap();
        std::fs::write(
            hugo.join("config.toml"),
            "baseURL = \"http://localhost/\"\ntitle = \"Benchmark Library\"\ndisableKinds = [\"RSS\"]\npaginate = 30\n[pagination]\npagerSize = 30\n[taxonomies]\ntag = \"tags\"\ntheme = \"themes\"\n[markup.goldmark.renderer]\nunsafe = false\n",
        )
        .unwrap();
        // The two sections are named, not ranged over: `range .Site.Sections`
        // on every page cost Hugo 0.168 about 14 s of 17 at 10,000 items
        // (0.111 does not slow down), which would flatter Lectern.
        let page = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><nav><a href=\"{{ \"/frameworks/\" | relURL }}\">Frameworks</a> <a href=\"{{ \"/moments/\" | relURL }}\">Moments</a></nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
        std::fs::write(layouts.join("baseof.html"), page).unwrap();
        std::fs::write(
            layouts.join("single.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01-02\" }}</p><ul>{{ range .Params.tags }}<li><a href=\"{{ \"/tags/\" | relURL }}{{ . | urlize }}/\">{{ . }}</a></li>{{ end }}</ul>{{ .TableOfContents }}{{ .Content }}{{ end }}",
        )
        .unwrap();
        std::fs::write(
            layouts.join("list.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }} {{ .Summary }}</li>{{ end }}</ul>{{ end }}",
        )
        .unwrap();
        std::fs::write(
            layouts.join("terms.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
        )
        .unwrap();
    }
    println!("generated {count} items in {}", lectern.display());
}
