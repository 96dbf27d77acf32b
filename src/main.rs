//! The `lectern` command.

// Rendering allocates many small strings from several threads; mimalloc
// does that with less contention and fragmentation than the system
// allocator, which shows in both build time and peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_huge_pages();
    let code = lectern::cli::main();
    exit_now(code);
}

/// Ends the process once what it printed is out. `std::process::exit`
/// would also run the C library's exit handlers, and mimalloc's walks the
/// whole heap to give its pages back to the system one range at a time:
/// 20 to 40 ms after a 10,000-item build, on memory the system takes back
/// at once when the process ends anyway.
fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process without running exit handlers;
    // the output streams were flushed above, and nothing else Lectern
    // keeps outside the process needs a handler (files are written and
    // renamed before `main` returns).
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(unix))]
    std::process::exit(code)
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
