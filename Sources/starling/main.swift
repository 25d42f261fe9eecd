import Dispatch

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
