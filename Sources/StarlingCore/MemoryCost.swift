import NIOCore

/// Estimates of what an in-process cache entry costs in memory, so that caches are bounded by
/// bytes rather than by entry count. The figures follow how Swift and glibc lay things out on a
/// 64-bit Linux: a heap block carries 16 bytes of malloc header and is rounded up to 16; a string
/// of more than 15 UTF-8 bytes lives in a heap object with a 32-byte header; a `ByteBuffer`'s
/// bytes live in a storage object (about 64 bytes) beside the block of its capacity; an array's
/// elements follow a 32-byte header.
public enum MemoryCost {
    /// One heap block holding `bytes` (malloc's header and rounding).
    public static func block(_ bytes: Int) -> Int {
        (max(bytes, 8) + 16 + 15) & ~15
    }

    /// The heap a string's characters take (none for the small strings held inline).
    public static func string(_ text: String) -> Int {
        let count = text.utf8.count
        return count <= 15 ? 0 : block(32 + count)
    }

    /// The heap a buffer keeps alive: its whole storage, not only its readable bytes (a slice
    /// holds the buffer it was cut from).
    public static func buffer(_ buffer: ByteBuffer) -> Int {
        block(64) + block(buffer.storageCapacity)
    }

    /// The heap an array of `capacity` elements of `stride` bytes takes.
    public static func array(capacity: Int, stride: Int) -> Int {
        capacity == 0 ? 0 : block(32 + capacity * stride)
    }

    /// A table entry's own bookkeeping: its slot in the table's node array, its dictionary slot
    /// (key and index, at the dictionary's load factor) and their share of unused capacity.
    public static let tableEntry = 128

    /// A copy of `buffer` whose storage is exactly its readable bytes, when its storage is much
    /// larger (a buffer that grew by doubling, or a slice of a larger read): a cache keeps what it
    /// is charged for, not the slack.
    public static func compacted(_ buffer: ByteBuffer) -> ByteBuffer {
        let readable = buffer.readableBytes
        guard buffer.storageCapacity > readable + readable / 8 + 64 else { return buffer }
        var copy = ByteBufferAllocator().buffer(capacity: readable)
        copy.writeImmutableBuffer(buffer)
        return copy
    }
}
