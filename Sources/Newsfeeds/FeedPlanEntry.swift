import NIOCore
import StarlingCore

/// A user's `FeedPlanFacts` as the object cache holds them, with the two generations they were
/// read under: the user's own (`CacheKeys.feedPlanGeneration`) and the celebrity flags'
/// (`CacheKeys.celebrityGeneration`). An entry whose generations are not both the current ones
/// is a miss.
struct FeedPlanEntry: CacheCodable, Equatable {
    var generation: Int64
    var celebrityGeneration: Int64
    var facts: FeedPlanFacts

    func write(to buffer: inout ByteBuffer) {
        buffer.writeField(generation)
        buffer.writeField(celebrityGeneration)
        buffer.writeField(facts.activeAtOrAfter == nil ? 0 : 1)
        buffer.writeField(facts.activeAtOrAfter ?? 0)
        buffer.writeField(Int64(facts.celebrityLimit))
        buffer.writeField(Int64(facts.celebrities.count))
        for celebrity in facts.celebrities { buffer.writeField(celebrity) }
    }

    init(generation: Int64, celebrityGeneration: Int64, facts: FeedPlanFacts) {
        self.generation = generation
        self.celebrityGeneration = celebrityGeneration
        self.facts = facts
    }

    init?(from buffer: inout ByteBuffer) {
        guard let generation = buffer.readInt64Field(), let celebrityGeneration = buffer.readInt64Field(),
              let known = buffer.readInt64Field(), let active = buffer.readInt64Field(),
              let limit = buffer.readInt64Field(), let count = buffer.readInt64Field(),
              (0...1).contains(known), (0...Int64(Int32.max)).contains(limit), count >= 0, count <= buffer.readableBytes / 8
        else { return nil }
        var celebrities: [Int64] = []
        celebrities.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let celebrity = buffer.readInt64Field() else { return nil }
            celebrities.append(celebrity)
        }
        self.init(generation: generation, celebrityGeneration: celebrityGeneration,
                  facts: FeedPlanFacts(activeAtOrAfter: known == 1 ? active : nil, celebrityLimit: Int(limit), celebrities: celebrities))
    }
}
