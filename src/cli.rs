//! The command-line interface.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildError, BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::scaffold::NewKind;

/// Lectern builds a leadership library (moments, workshop modules, framework
/// articles) into a static site.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site from content/ into site/ (or --out).
    ///
    /// The site is written to a temporary folder first and swapped in only
    /// when the build succeeds, so a failed build leaves the previous site
    /// exactly as it was.
    Build {
        /// Project folder, holding content/ and optionally lectern.yaml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/site].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Where the site will be served, e.g. https://host/some/path/
        /// (overrides base_url in lectern.yaml).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include items marked `draft: true` or `status: draft`.
        #[arg(long)]
        drafts: bool,
        /// Build everything afresh, without reading or writing the build
        /// cache (.lectern-cache/build-*; deleting it is always safe).
        #[arg(long)]
        no_cache: bool,
    },
    /// Load and link the library without writing anything, and report every
    /// problem found.
    Check {
        /// Project folder, holding content/ and optionally lectern.yaml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Include draft items.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site with live reload while you write.
    ///
    /// Builds in memory, serves on localhost, watches content/, themes/,
    /// static/ and lectern.yaml, rebuilds what changed and refreshes open
    /// pages. Errors show on the open pages until they are fixed; the last
    /// good site stays served meanwhile.
    Serve {
        /// Project folder, holding content/ and optionally lectern.yaml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Anything but a loopback address exposes
        /// the site to your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in your browser.
        #[arg(long)]
        open: bool,
        /// Include draft items.
        #[arg(long)]
        drafts: bool,
        /// Also answer requests for this host name (the preview answers
        /// for localhost and IP addresses only, against DNS rebinding).
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_hosts: Vec<String>,
    },
    /// Present the workshop's decks, with your phone as the remote.
    ///
    /// Serves the decks on the local network for this session only, behind
    /// a token made at start: prints the addresses and a QR code for the
    /// phone. The phone's remote shows the current and next slide, the
    /// notes, the clock and the pacing, and moves the deck; the deck on the
    /// laptop moves the remote too. Nothing else of the site is served.
    Present {
        /// Project folder, holding content/ and optionally lectern.yaml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Address to listen on. The default, every address, lets a phone
        /// on the same network reach it; 127.0.0.1 keeps it on this machine.
        #[arg(long, default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
        /// Open the list of decks in your browser.
        #[arg(long)]
        open: bool,
        /// Include draft items.
        #[arg(long)]
        drafts: bool,
    },
    /// Show the writer's desk: moments by status, the next open ideas by
    /// potential, open tasks, and ideas close to published work.
    ///
    /// The same pipeline as the site's /desk/ page; --format json prints
    /// all of it for scripts.
    Desk {
        /// Project folder, holding content/ and optionally lectern.yaml.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Include draft items.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new moment, workshop module or framework article.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: NewKindArg,
        /// Its title (the file name is made from it).
        title: String,
        /// Project folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
    /// Create a new library that builds at once.
    Init {
        /// The folder to create it in (must be new or empty).
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum NewKindArg {
    Moment,
    Module,
    /// A framework article (`article` works too).
    #[value(alias = "article")]
    Framework,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let _t = crate::timings::stage("print");
    // Standard error is not buffered: each piece of each diagnostic would
    // be a write of its own (6,000 for 300 warnings).
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
    let _ = err.flush();
}

fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            no_cache,
        } => {
            let options = BuildOptions {
                root,
                out,
                base_url,
                drafts,
                preview: false,
                no_cache,
            };
            match build::build(&options) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    let warnings = match report.warnings.len() {
                        0 => String::new(),
                        1 => ", 1 warning".into(),
                        n => format!(", {n} warnings"),
                    };
                    println!(
                        "built {} pages from {} items in {:.2} s{warnings} → {}",
                        report.pages,
                        report.items,
                        report.elapsed.as_secs_f64(),
                        report.out.display()
                    );
                    Ok(0)
                }
                Err(BuildError::Invalid(diagnostics)) => {
                    print_diagnostics(&diagnostics);
                    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "build failed: {errors} error(s); the previous site was left as it was"
                    );
                    Ok(1)
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Check {
            root,
            strict,
            format,
            drafts,
        } => {
            let options = BuildOptions {
                root,
                drafts,
                ..BuildOptions::default()
            };
            let diagnostics = build::check(&options);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            match format {
                Format::Text => {
                    print_diagnostics(&diagnostics);
                    eprintln!("{errors} error(s), {warnings} warning(s)");
                }
                Format::Json => {
                    println!("{}", serde_json::to_string_pretty(&diagnostics)?);
                }
            }
            Ok(i32::from(errors > 0 || (strict && warnings > 0)))
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            allow_hosts,
        } => {
            crate::serve::run(crate::serve::ServeOptions {
                root,
                bind,
                port,
                open,
                drafts,
                allow_hosts,
            })?;
            Ok(0)
        }
        Command::Present {
            root,
            port,
            bind,
            open,
            drafts,
        } => {
            crate::present::run(crate::present::PresentOptions {
                root,
                bind,
                port,
                open,
                drafts,
            })?;
            Ok(0)
        }
        Command::Desk {
            root,
            format,
            drafts,
        } => {
            let options = BuildOptions {
                root,
                drafts,
                ..BuildOptions::default()
            };
            match build::desk(&options) {
                Ok((desk, warnings)) => {
                    match format {
                        Format::Text => {
                            print!("{}", crate::desk::terminal::render(&desk));
                            if !warnings.is_empty() {
                                eprintln!(
                                    "\n{} warning(s) in the library: `lectern check` lists them",
                                    warnings.len()
                                );
                            }
                        }
                        Format::Json => println!("{}", serde_json::to_string_pretty(&desk)?),
                    }
                    Ok(0)
                }
                Err(diagnostics) => {
                    print_diagnostics(&diagnostics);
                    Ok(1)
                }
            }
        }
        Command::New { kind, title, root } => {
            let kind = match kind {
                NewKindArg::Moment => NewKind::Moment,
                NewKindArg::Module => NewKind::Module,
                NewKindArg::Framework => NewKind::Framework,
            };
            let path = crate::scaffold::new_item(&root, kind, &title)?;
            println!("created {}", path.display());
            Ok(0)
        }
        Command::Init { dir } => {
            let files = crate::scaffold::init(&dir)?;
            println!(
                "created a new library in {} ({} files)",
                dir.display(),
                files.len()
            );
            println!("next: cd {} && lectern serve", dir.display());
            Ok(0)
        }
    }
}
