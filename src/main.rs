//! The `lectern` command.

// Rendering allocates many small strings from several threads; mimalloc
// does that with less contention and fragmentation than the system
// allocator, which shows in both build time and peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(lectern::cli::main());
}
