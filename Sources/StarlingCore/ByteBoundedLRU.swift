/// A least-recently-used table bounded by bytes: every entry is charged its estimated size (key,
/// value and bookkeeping, `MemoryCost`), and inserting past the budget drops the least recently
/// used entries until the total fits again.
///
/// Entries sit in one array linked into a doubly linked recency list by index (no object per
/// entry), with a dictionary from key to index, so a lookup, a touch, an insert and each eviction
/// cost O(1); freed slots are reused. Not thread-safe: its owner holds it under a lock.
/// Inlinable, so that an owner in another module (`TweetFragments`) gets it specialized: unspecialized,
/// each key copy and hash went through generic metadata, under the owner's lock.
public struct ByteBoundedLRU<Key: Hashable, Value> {
    @usableFromInline struct Node {
        @usableFromInline var key: Key?
        @usableFromInline var value: Value?
        @usableFromInline var bytes: Int
        @usableFromInline var newer: Int32
        @usableFromInline var older: Int32

        @inlinable init(key: Key?, value: Value?, bytes: Int, newer: Int32, older: Int32) {
            self.key = key
            self.value = value
            self.bytes = bytes
            self.newer = newer
            self.older = older
        }
    }

    @usableFromInline static var none: Int32 { -1 }

    /// The most bytes the entries may be charged together.
    public let budget: Int
    /// The bytes the entries are charged now (at most `budget` after every insert).
    @inlinable public var bytes: Int { charged }
    @usableFromInline var charged = 0
    @usableFromInline var nodes: [Node] = []
    @usableFromInline var slots: [Key: Int32] = [:]
    @usableFromInline var free: [Int32] = []
    @usableFromInline var newest = ByteBoundedLRU.none
    @usableFromInline var oldest = ByteBoundedLRU.none
    /// New keys `admit` was asked to store while the table was full.
    @usableFromInline var missesWhenFull = 0

    @inlinable public init(budget: Int) {
        self.budget = max(0, budget)
    }

    /// Entries held.
    @inlinable public var count: Int { slots.count }

    /// The value for `key`, which becomes the most recently used.
    @inlinable public mutating func value(forKey key: Key) -> Value? {
        guard let slot = slots[key] else { return nil }
        moveToFront(slot)
        return nodes[Int(slot)].value
    }

    /// The value for `key`, leaving the recency order as it is.
    @inlinable public func peek(_ key: Key) -> Value? {
        slots[key].flatMap { nodes[Int($0)].value }
    }

    /// Stores `value` under `key` as the most recently used, charged `bytes` (`MemoryCost`), then
    /// drops the least recently used entries while the total is over the budget — the new entry
    /// too, when it alone is larger than the budget.
    @inlinable public mutating func set(_ key: Key, _ value: Value, bytes: Int) {
        if let slot = slots[key] {
            charged += bytes - nodes[Int(slot)].bytes
            nodes[Int(slot)].value = value
            nodes[Int(slot)].bytes = bytes
            moveToFront(slot)
        } else {
            let node = Node(key: key, value: value, bytes: bytes, newer: Self.none, older: Self.none)
            let slot: Int32
            if let reused = free.popLast() {
                slot = reused
                nodes[Int(slot)] = node
            } else {
                slot = Int32(nodes.count)
                nodes.append(node)
            }
            slots[key] = slot
            charged += bytes
            link(slot)
        }
        while charged > budget, oldest != Self.none {
            removeSlot(oldest)
        }
    }

    /// `set`, except that a new key that does not fit beside what is held is stored only one time
    /// in `admitEvery`; false when it was turned away. Keys read in turn that are more than the
    /// budget holds would otherwise each push out the least recently used, which the turn reaches
    /// next, and never hit; admitting a few keeps most of the table in place for the next turn.
    @inlinable @discardableResult
    public mutating func admit(_ key: Key, _ value: Value, bytes: Int, oneIn admitEvery: Int) -> Bool {
        if charged + bytes > budget, slots[key] == nil {
            missesWhenFull &+= 1
            guard missesWhenFull % max(1, admitEvery) == 0 else { return false }
        }
        set(key, value, bytes: bytes)
        return true
    }

    /// Changes the value stored under `key` in place, making it the most recently used when
    /// `touching`; `change` returns what the changed value is charged. False when `key` is absent.
    @inlinable @discardableResult
    public mutating func update(_ key: Key, touching: Bool = false, _ change: (inout Value) -> Int) -> Bool {
        guard let slot = slots[key], var value = nodes[Int(slot)].value else { return false }
        if touching { moveToFront(slot) }
        nodes[Int(slot)].value = nil  // a unique reference, so `change` does not copy the value
        let bytes = change(&value)
        nodes[Int(slot)].value = value
        charged += bytes - nodes[Int(slot)].bytes
        nodes[Int(slot)].bytes = bytes
        while charged > budget, oldest != Self.none {
            removeSlot(oldest)
        }
        return true
    }

    /// Forgets `key`; returns its value if it was present.
    @inlinable @discardableResult
    public mutating func remove(_ key: Key) -> Value? {
        guard let slot = slots[key] else { return nil }
        let value = nodes[Int(slot)].value
        removeSlot(slot)
        return value
    }

    /// The keys from least to most recently used (tests, diagnostics).
    @inlinable public var keysOldestFirst: [Key] {
        var keys: [Key] = []
        var slot = oldest
        while slot != Self.none {
            if let key = nodes[Int(slot)].key { keys.append(key) }
            slot = nodes[Int(slot)].newer
        }
        return keys
    }

    @inlinable mutating func removeSlot(_ slot: Int32) {
        unlink(slot)
        let index = Int(slot)
        if let key = nodes[index].key { slots[key] = nil }
        charged -= nodes[index].bytes
        nodes[index] = Node(key: nil, value: nil, bytes: 0, newer: Self.none, older: Self.none)
        free.append(slot)
        if slots.isEmpty {
            // Let the arrays go once everything left (their capacity would stay otherwise).
            nodes = []
            free = []
            slots = [:]
        }
    }

    @inlinable mutating func moveToFront(_ slot: Int32) {
        guard newest != slot else { return }
        unlink(slot)
        link(slot)
    }

    /// Puts an unlinked slot at the newest end.
    @inlinable mutating func link(_ slot: Int32) {
        nodes[Int(slot)].older = newest
        nodes[Int(slot)].newer = Self.none
        if newest != Self.none { nodes[Int(newest)].newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
    }

    @inlinable mutating func unlink(_ slot: Int32) {
        // The two links only: copying the node would retain and release its key and value.
        let older = nodes[Int(slot)].older
        let newer = nodes[Int(slot)].newer
        if older != Self.none { nodes[Int(older)].newer = newer } else { oldest = newer }
        if newer != Self.none { nodes[Int(newer)].older = older } else { newest = older }
        nodes[Int(slot)].newer = Self.none
        nodes[Int(slot)].older = Self.none
    }
}
