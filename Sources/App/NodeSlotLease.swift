import Foundation
import Logging
import ServiceLifecycle
import StarlingCore

/// This process's node slot, leased from the database at start-up, renewed while the process runs
/// and given back when it stops. If the lease is lost (the process stalled past it and another took
/// the slot), the service fails, which stops the process: it must not mint ids in someone else's slot.
public final class NodeSlotLease: Service {
    /// The slot ids are minted in.
    public let slot: NodeSlot
    private let store: any NodeSlotStore
    private let holder: String
    private let clock: any WallClock
    private let lease: Int64
    private let logger: Logger

    private init(slot: NodeSlot, store: any NodeSlotStore, holder: String, clock: any WallClock, lease: Int64, logger: Logger) {
        self.slot = slot
        self.store = store
        self.holder = holder
        self.clock = clock
        self.lease = lease
        self.logger = logger
    }

    /// Leases a free slot for `leaseSeconds`, or throws `NoFreeNodeSlotError` when every slot is held.
    /// `renewingWith` renews it later (another connection pool to the same database); `store` when nil.
    public static func acquire(_ store: any NodeSlotStore, renewingWith renewals: (any NodeSlotStore)? = nil,
                               clock: any WallClock = SystemWallClock(), leaseSeconds: Int = 60,
                               logger: Logger) async throws -> NodeSlotLease {
        let holder = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let lease = Int64(leaseSeconds) * 1_000_000
        let now = clock.nowMicros()
        guard let index = try await store.acquire(holder: holder, now: now, until: now + lease) else { throw NoFreeNodeSlotError() }
        logger.info("node slot leased", metadata: ["slot": "\(index)"])
        return NodeSlotLease(slot: NodeSlot(index: index), store: renewals ?? store, holder: holder, clock: clock, lease: lease, logger: logger)
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: .microseconds(self.lease / 3))
                    try await self.renew()
                }
            }
        } catch is LostNodeSlotError {
            throw LostNodeSlotError()
        } catch {}
        try? await store.release(slot: slot.index, holder: holder)
    }

    private func renew() async throws {
        do {
            if try await store.renew(slot: slot.index, holder: holder, until: clock.nowMicros() + lease) { return }
        } catch {
            logger.warning("node slot lease not renewed; trying again", metadata: ["slot": "\(slot.index)", "error": "\(error)"])
            return
        }
        logger.critical("node slot lost to another process; stopping", metadata: ["slot": "\(slot.index)"])
        throw LostNodeSlotError()
    }
}

/// Every node slot is held by a running process (at most `NodeSlot.available` share a database).
public struct NoFreeNodeSlotError: Error, CustomStringConvertible {
    public var description: String {
        "every node slot (\(NodeSlot.available)) is held by a running Starling process on this database; stop one, or wait until a dead one's lease runs out"
    }
}

/// Another process took this process's node slot after its lease ran out.
public struct LostNodeSlotError: Error {}
