import App
import Foundation
import Logging
import PostgresStorage
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

@Suite(.testDatabases) struct NodeSlotTests {
    @Test(arguments: Backend.durableCases) func sixteenProcessesGetSixteenSlotsAndASeventeenthIsRefused(_ backend: Backend) async throws {
        let slots = try #require(try await backend.repositories().nodeSlots)
        let clock = ManualClock()
        var held: [NodeSlotLease] = []
        for _ in 0..<NodeSlot.available { held.append(try await NodeSlotLease.acquire(slots, clock: clock, logger: quietLogger)) }
        #expect(held.map(\.slot.index).sorted() == Array(0..<NodeSlot.available))
        await #expect(throws: NoFreeNodeSlotError.self) {
            _ = try await NodeSlotLease.acquire(slots, clock: clock, logger: quietLogger)
        }
        clock.advance(seconds: 61)
        let successor = try await NodeSlotLease.acquire(slots, clock: clock, logger: quietLogger)
        #expect(successor.slot.index == 0, "a slot whose lease ran out (its process died) is taken over")
    }

    @Test(.enabled(if: TestPostgres.isAvailable || TestPostgres.isRequired))
    func twoProcessesMintingIDsAsFastAsTheyCanNeverCollide() async throws {
        let location = try await TestPostgres.emptyDatabase()
        // Two processes: two pools on one database, each leasing its own slot.
        let first = try await TestPostgres.open(location)
        let second = try await TestPostgres.open(location)
        let leases = [try await NodeSlotLease.acquire(PostgresNodeSlots(store: first), logger: quietLogger),
                      try await NodeSlotLease.acquire(PostgresNodeSlots(store: second), logger: quietLogger)]
        #expect(leases[0].slot != leases[1].slot)
        let generators = leases.map { IDGenerator(clock: SystemWallClock(), slot: $0.slot) }
        let sampled = Samples()
        let stop = ContinuousClock.now + .seconds(3)
        await withTaskGroup(of: Void.self) { group in
            for (n, generator) in generators.enumerated() {
                group.addTask {
                    let slot = Int64(leases[n].slot.index)
                    var previous: Int64 = 0
                    var sample = Set<Int64>()
                    var count = 0
                    while ContinuousClock.now < stop {
                        for _ in 0..<1_000 {
                            let id = generator.next()
                            precondition(id > previous && id % Int64(NodeSlot.available) == slot && id <= IDGenerator.maximum)
                            previous = id
                            if sample.count < 2_000_000 { sample.insert(id) }
                        }
                        count += 1_000
                    }
                    sampled.record(sample, minted: count, by: n)
                }
            }
        }
        let (sets, minted) = sampled.result
        #expect(sets[0].isDisjoint(with: sets[1]), "no id minted by both")
        #expect(minted > 100_000)
        print("minted \(minted) ids in 3 s in two slots; every one in its slot's residue class")
    }

    @Test func theMemoryStoreHasNoSlotsAndASlotsIDsStayInItsResidueClass() async throws {
        #expect(await Repositories.memory().nodeSlots == nil)
        let ids = IDGenerator(clock: ManualClock(), slot: NodeSlot(index: 5))
        let minted = (0..<100).map { _ in ids.next() }
        #expect(minted.allSatisfy { $0 % 16 == 5 } && zip(minted, minted.dropFirst()).allSatisfy { $0 < $1 })
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()

/// What each minting task saw.
final class Samples: Sendable {
    private let state = Mutex<(sets: [Set<Int64>], minted: Int)>(([[], []], 0))

    func record(_ sample: Set<Int64>, minted: Int, by n: Int) {
        state.withLock { $0.sets[n] = sample; $0.minted += minted }
    }

    var result: (sets: [Set<Int64>], minted: Int) { state.withLock { $0 } }
}
