import Dispatch
#if canImport(Glibc)
import Glibc

/// At most two malloc arenas: glibc otherwise gives each of the process's threads (event loops,
/// the concurrency pool, SQLite's queues) an arena of its own as they contend, up to eight per core,
/// and each keeps the memory freed into it. In one `scripts/bench` run this cut peak RSS by some 9 MB.
/// (`mallopt` is declared in `malloc.h`, which the Glibc module leaves out: found by name.)
func limitMallocArenas() {
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    let arenaMax: Int32 = -8  // M_ARENA_MAX
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMax, 2)
}

limitMallocArenas()
#endif

/// Runs the command in a detached task while the main thread waits. Swift's async `main` would end
/// in `dispatch_main`, whose `sigsuspend` valgrind 3.19 cannot follow (it crashes), and
/// `scripts/bench --instructions` runs the server under callgrind.
func runCommand() {
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
        await StarlingCommand.main()
        finished.signal()
    }
    finished.wait()
}

runCommand()
