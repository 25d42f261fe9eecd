import Dispatch
#if canImport(Glibc)
import Glibc

/// At most `STARLING_MALLOC_ARENAS` malloc arenas (3 unless set, 1–64): glibc otherwise gives
/// each of the process's threads (event loops, the concurrency pool, SQLite's queues) an arena of
/// its own as they contend, up to eight per core, and each keeps the memory freed into it. Two
/// saved some 9 MB of peak RSS in a `scripts/bench` run, but the four busy threads (two event
/// loops, two pool threads) then queued on the arenas' locks: 16-33% of the server's context
/// switches during a newsfeed run were `__lll_lock_wait_private`, against 3.5-8% with three (at a
/// cost of some 2 MB of peak RSS). (`mallopt` is declared in `malloc.h`, which the Glibc module
/// leaves out: found by name.)
func limitMallocArenas() {
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    let arenaMax: Int32 = -8  // M_ARENA_MAX
    var arenas: Int32 = 3
    if let text = getenv("STARLING_MALLOC_ARENAS").map({ String(cString: $0) }) {
        guard let value = Int32(text), (1...64).contains(value) else {
            let message = "starling: STARLING_MALLOC_ARENAS must be a whole number from 1 to 64, not \(text.debugDescription)\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            exit(64)
        }
        arenas = value
    }
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMax, arenas)
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
