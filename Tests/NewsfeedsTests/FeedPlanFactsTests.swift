import App
import Friendships
import NIOCore
@testable import Newsfeeds
import StarlingCore
import StarlingTesting
import Testing

/// The cached plan's facts and their generations, below the API: each read evaluates the facts at
/// its own moment; an entry a read in flight stores after a change is never read.
@Suite struct FeedPlanFactsTests {
    @Test func theFactsAnswerEveryReadWithinTheirBoundAndNoLimitBeyondTheirList() {
        let facts = FeedPlanFacts(activeAtOrAfter: 1_000, celebrityLimit: 2, celebrities: [5, 7, 9])
        #expect(facts.plan(activeSince: 1_000, celebrityLimit: 2) == FeedPlan(pushedFeedIsCurrent: true, celebrities: [5, 7, 9]))
        #expect(facts.plan(activeSince: 1_001, celebrityLimit: 2)?.pushedFeedIsCurrent == false, "past the bound: pull")
        #expect(facts.plan(activeSince: 0, celebrityLimit: 1) == FeedPlan(pushedFeedIsCurrent: true, celebrities: [5, 7]))
        #expect(facts.plan(activeSince: 0, celebrityLimit: 3) == nil, "a list cut at 2 cannot answer for 3")
        let complete = FeedPlanFacts(activeAtOrAfter: nil, celebrityLimit: 5, celebrities: [5])
        #expect(complete.plan(activeSince: .min, celebrityLimit: 100) == FeedPlan(pushedFeedIsCurrent: false, celebrities: [5]))
        #expect(complete.plan(activeSince: .min, celebrityLimit: .max)?.celebrities == [5])
    }

    @Test func anEntryReadsBackWhatWasWrittenAndNothingFromBadBytes() throws {
        let cases = [FeedPlanFacts(activeAtOrAfter: -3, celebrityLimit: 100, celebrities: [1, 2, Int64.max]),
                     FeedPlanFacts(activeAtOrAfter: nil, celebrityLimit: 0, celebrities: [])]
        for facts in cases {
            let entry = FeedPlanEntry(generation: 42, celebrityGeneration: .max, facts: facts)
            var bytes = ByteBuffer()
            entry.write(to: &bytes)
            var copy = bytes
            #expect(FeedPlanEntry(from: &copy) == entry)
            for length in 0..<bytes.readableBytes {
                var cut = bytes.getSlice(at: 0, length: length) ?? ByteBuffer()
                #expect(FeedPlanEntry(from: &cut) == nil, "cut at \(length) bytes")
            }
        }
        var huge = ByteBuffer()
        for field in [Int64(1), 2, 1, 0, 3, Int64.max] { huge.writeField(field) }
        #expect(FeedPlanEntry(from: &huge) == nil, "a count beyond the bytes")
    }

    @Test func aFollowCommittedWhileAReadIsInFlightVoidsWhatThatReadStores() async throws {
        let world = await PlanWorld()
        #expect(try await world.celebrities.flag(PlanWorld.star, since: 0, pinned: true))
        let inFlight = Task { try await world.plan() }
        try await waitFor("the read holds what the store said") { await world.gate.arrivals == 1 }
        #expect(try await world.friendships.follow(Friendship(id: 1, fromUserID: PlanWorld.reader, toUserID: PlanWorld.star), jobs: []))
        await world.gate.open()
        #expect(try await inFlight.value == [], "the read began before the follow")
        #expect(try await world.plan() == [PlanWorld.star], "what it stored late is never read")
        #expect(try await world.plan() == [PlanWorld.star])
        #expect(world.sources.plans.value == 2, "then a hit")
    }

    @Test func aFlagSetWhileAReadIsInFlightVoidsWhatThatReadStores() async throws {
        let world = await PlanWorld()
        #expect(try await world.friendships.follow(Friendship(id: 1, fromUserID: PlanWorld.reader, toUserID: PlanWorld.star), jobs: []))
        let inFlight = Task { try await world.plan() }
        try await waitFor("the read holds what the store said") { await world.gate.arrivals == 1 }
        #expect(try await world.celebrities.flag(PlanWorld.star, since: 0, pinned: true))
        await world.gate.open()
        #expect(try await inFlight.value == [])
        #expect(try await world.plan() == [PlanWorld.star], "what it stored late is never read")
    }

    @Test func anEvictedGenerationIsAMissNeverAnOldHit() async throws {
        let world = await PlanWorld()
        await world.gate.open()
        #expect(try await world.plan() == [])
        #expect(try await world.plan() == [])
        #expect(world.sources.plans.value == 1)
        for key in [CacheKeys.feedPlanGeneration(PlanWorld.reader), CacheKeys.celebrityGeneration] {
            try await world.cache.delete([key])
            #expect(try await world.plan() == [])
        }
        #expect(world.sources.plans.value == 3, "each lost generation: one store read")
    }
}

/// The in-memory repositories behind the plan's cache and its invalidating decorators; the
/// store's plans wait at `gate`.
private struct PlanWorld {
    static let reader: Int64 = 10
    static let star: Int64 = 20

    let gate = Gate()
    let cache = MemoryKeyValueCache(clock: SystemWallClock())
    let sources: CountingFeedSources
    let cached: CachedFeedSourceRepository
    let friendships: CachedFriendshipRepository
    let celebrities: CachedCelebrityRepository

    init() async {
        let repositories = await Repositories.memory()
        let objects = ObjectCache(cache: cache, logger: quietLogger)
        sources = CountingFeedSources(GatedFeedSources(base: repositories.feedSources, gate: gate))
        cached = CachedFeedSourceRepository(sources, objects: objects)
        friendships = CachedFriendshipRepository(repositories.friendships, objects: objects)
        celebrities = CachedCelebrityRepository(repositories.celebrities, objects: objects)
    }

    /// The celebrities the reader's plan merges.
    func plan() async throws -> [Int64] {
        try await cached.plan(owner: Self.reader, activeSince: 0, celebrityLimit: 100).celebrities
    }
}
