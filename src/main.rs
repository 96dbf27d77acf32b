//! The `lectern` command.

// Rendering allocates many small strings from several threads; mimalloc
// does that with less contention and fragmentation than the system
// allocator, which shows in both build time and peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_huge_pages();
    prompt_purge();
    let code = lectern::cli::main();
    exit_now(code);
}

/// mimalloc's option `purge_delay` (its place in `mi_option_e`, mimalloc
/// 3's `mimalloc.h`; a test checks it against the option's default).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has mimalloc give freed memory back to the system 100 ms after it is
/// freed instead of a second. A build's stages each free what the next
/// does not reuse (the repeat guard's vectors, a search chunk's parts),
/// and a build lasts about a second: at 10,000 items the peak is 9% lower
/// for a first build and 6% for a second, for 1 to 2% more time (10 or
/// 30 ms cost 2 to 3%; 250 ms saved less on second builds).
fn prompt_purge() {
    // SAFETY: sets a number mimalloc reads on its next purge; any value is
    // valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 100) }
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc 3 purges a second after a free unless told otherwise:
        // the option at this place has that default, so it is the one.
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
