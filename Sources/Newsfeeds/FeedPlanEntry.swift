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
        guard let entry = buffer.readFields({ (fields: inout CacheFieldReader) -> FeedPlanEntry? in
            guard let generation = fields.int64(), let celebrityGeneration = fields.int64(),
                  let known = fields.int64(), let active = fields.int64(),
                  let limit = fields.int64(), let celebrities = fields.int64s(),
                  (0...1).contains(known), (0...Int64(Int32.max)).contains(limit)
            else { return nil }
            return FeedPlanEntry(generation: generation, celebrityGeneration: celebrityGeneration,
                                 facts: FeedPlanFacts(activeAtOrAfter: known == 1 ? active : nil, celebrityLimit: Int(limit),
                                                      celebrities: celebrities))
        }) else { return nil }
        self = entry
    }
}
