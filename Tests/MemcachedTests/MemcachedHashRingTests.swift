import Memcached
import Testing

/// Consistent hashing: keys spread over every node, and one node more or less moves about 1/N.
@Suite struct MemcachedHashRingTests {
    let keys = (0..<20_000).map { "tweet:\($0)" }
    func nodes(_ count: Int) -> [String] { (0..<count).map { "10.0.0.\($0 + 1):11211" } }

    @Test func keysSpreadEvenlyEnoughOverTheNodes() {
        let ring = MemcachedHashRing(nodes: nodes(4))
        var counts = [Int](repeating: 0, count: 4)
        for key in keys { counts[ring.node(for: key)] += 1 }
        for count in counts { #expect((3_000...7_000).contains(count), "\(counts)") }
    }

    @Test(arguments: [2, 3, 5, 10])
    func addingOneNodeMovesAboutOneNthOfTheKeysAndOnlyToIt(_ count: Int) {
        let before = MemcachedHashRing(nodes: nodes(count - 1)), after = MemcachedHashRing(nodes: nodes(count))
        var moved = 0
        for key in keys where before.node(for: key) != after.node(for: key) {
            moved += 1
            #expect(after.node(for: key) == count - 1, "a key moves only to the new node")
        }
        let share = Double(moved) / Double(keys.count), expected = 1 / Double(count)
        #expect(abs(share - expected) < expected * 0.35, "moved \(share), expected about \(expected)")
    }

    @Test func removingOneNodeMovesOnlyItsKeys() {
        let all = nodes(5)
        let before = MemcachedHashRing(nodes: all), after = MemcachedHashRing(nodes: Array(all.dropLast()))
        var moved = 0
        for key in keys where before.node(for: key) != after.node(for: key) {
            moved += 1
            #expect(before.node(for: key) == 4, "only the removed node's keys move")
        }
        #expect(abs(Double(moved) / Double(keys.count) - 0.2) < 0.07)
    }

    @Test func everyProcessAgreesOnTheOwner() {
        let one = MemcachedHashRing(nodes: nodes(3)), two = MemcachedHashRing(nodes: nodes(3))
        #expect(keys.prefix(500).allSatisfy { one.node(for: $0) == two.node(for: $0) })
        #expect(MemcachedHashRing(nodes: ["only:1"]).node(for: "x") == 0)
    }
}
