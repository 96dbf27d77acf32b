//! The `lectern` command.

// Rendering allocates many small strings from several threads; mimalloc
// does that with less contention and fragmentation than the system
// allocator, which shows in both build time and peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_huge_pages();
    std::process::exit(lectern::cli::main());
}

/// Asks Linux for no transparent huge pages. mimalloc asks for them, and
/// the kernel then zeroes (and, when memory is fragmented, first compacts)
/// 2 MiB for a first touch of a few bytes: on a 10,000-item library that
/// was about a quarter of a warm build's CPU time in `perf`, and 17% more
/// peak memory, for no gain a build that lasts a second can see.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes
    // nothing but this process's paging policy.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
