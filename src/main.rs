//! The `lectern` command.

fn main() {
    std::process::exit(lectern::cli::main());
}
