import NIOCore
import NIOPosix
import StarlingHTTP
import Synchronization
import Testing

/// The event-loop executor: a task that prefers it runs on its loop, its child tasks too, and a
/// long chain of its jobs still lets the loop do its other work.
@Suite struct EventLoopTaskExecutorTests {
    let loop = MultiThreadedEventLoopGroup.singleton.next()

    @Test func aTaskAndItsChildrenRunOnTheLoopAcrossAwaits() async {
        let executor = EventLoopTaskExecutor.on(loop)
        #expect(EventLoopTaskExecutor.on(loop) === executor, "one executor per loop")
        let loop = self.loop
        let everywhere = await withTaskExecutorPreference(executor) {
            var onLoop = loop.inEventLoop
            for _ in 0..<1_000 {
                await Task.yield()
                onLoop = onLoop && loop.inEventLoop
            }
            async let child = loop.inEventLoop
            let childOnLoop = await child
            let fromLoop = try? await loop.submit { 1 }.get()
            return onLoop && childOnLoop && fromLoop == 1 && loop.inEventLoop
        }
        #expect(everywhere)
    }

    final class Flag: Sendable {
        let ran = Atomic<Bool>(false)
    }

    @Test func aLongChainOfJobsLetsTheLoopRunItsOwnTasks() async {
        let flag = Flag()
        let loop = self.loop
        let yieldsBefore = await withTaskExecutorPreference(EventLoopTaskExecutor.on(loop)) {
            loop.execute { flag.ran.store(true, ordering: .relaxed) }  // queued behind this job
            var yields = 0
            while !flag.ran.load(ordering: .relaxed), yields < 100_000 {
                await Task.yield()
                yields += 1
            }
            return yields
        }
        let ran = flag.ran.load(ordering: .relaxed)
        #expect(ran, "the loop's task never ran while the chain went on")
        #expect(yieldsBefore < 1_000)
    }
}
