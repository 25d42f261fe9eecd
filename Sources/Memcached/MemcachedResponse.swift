import NIOCore

/// One answer of the server: its status, the flags it returned, and a value when it sent one.
public struct MemcachedResponse: Sendable, Hashable {
    /// What the two-letter code (or the error line) says.
    public enum Status: Sendable, Hashable {
        /// `VA`: a value follows.
        case value
        /// `HD`: success, no value.
        case success
        /// `EN`: `mg` missed.
        case miss
        /// `NF`: not found (`md`, `ma`, or an `ms` with a CAS).
        case notFound
        /// `NS`: not stored (an add or replace whose condition failed).
        case notStored
        /// `EX`: the CAS given is not the item's.
        case exists
        /// `MN`: the answer to `mn`; every earlier command is answered.
        case noop
        /// `STAT name value`: one line of `stats`.
        case stat(name: String, value: String)
        /// `END`: the end of `stats`.
        case end
        /// `ERROR`, `CLIENT_ERROR …` or `SERVER_ERROR …`, with the whole line.
        case error(String)
    }

    /// The status.
    public var status: Status
    /// The flags returned.
    public var flags: Flags
    /// The data block of a `VA`.
    public var value: ByteBuffer?

    public init(status: Status, flags: Flags = Flags(), value: ByteBuffer? = nil) {
        self.status = status
        self.flags = flags
        self.value = value
    }

    /// The flags a meta command returns (those Starling reads; others are skipped).
    public struct Flags: Sendable, Hashable {
        /// `c`: the item's CAS value.
        public var cas: UInt64?
        /// `t`: the remaining time to live in seconds (-1: never expires).
        public var ttl: Int?
        /// `k`: the key echoed.
        public var key: String?
        /// `O`: the opaque token echoed.
        public var opaque: UInt32?
        /// `W`: this caller won the right to recompute the item.
        public var won = false
        /// `X`: the item is stale (invalidated).
        public var stale = false
        /// `Z`: another caller already won the right to recompute the item.
        public var alreadyWon = false

        public init(cas: UInt64? = nil, ttl: Int? = nil, key: String? = nil, opaque: UInt32? = nil,
                    won: Bool = false, stale: Bool = false, alreadyWon: Bool = false) {
            self.cas = cas
            self.ttl = ttl
            self.key = key
            self.opaque = opaque
            self.won = won
            self.stale = stale
            self.alreadyWon = alreadyWon
        }
    }
}

extension MemcachedResponse {
    /// Whether the server refused the command (`ERROR`, `CLIENT_ERROR`, `SERVER_ERROR`).
    public var errorMessage: String? {
        if case .error(let message) = status { return message }
        return nil
    }

    /// The value of a hit that is fresh and real: not stale, and not the empty placeholder an
    /// `N` (vivify) created while its winner recomputes it.
    public var freshValue: ByteBuffer? {
        guard status == .value, !flags.stale, !flags.won, !flags.alreadyWon else { return nil }
        return value
    }
}
