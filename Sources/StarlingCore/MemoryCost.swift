/// Estimates of what an in-process cache entry costs in memory, so that caches are bounded by
/// bytes rather than by entry count. The figures follow how Swift and glibc lay things out on a
/// 64-bit Linux: a heap block carries 16 bytes of malloc header and is rounded up to 16; a string
/// of more than 15 UTF-8 bytes lives in a heap object with a 32-byte header; an array's elements
/// follow a 32-byte header.
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

    /// The heap an array of `capacity` elements of `stride` bytes takes.
    public static func array(capacity: Int, stride: Int) -> Int {
        capacity == 0 ? 0 : block(32 + capacity * stride)
    }

    /// A table entry's own bookkeeping: its slot in the table's node array, its dictionary slot
    /// (key and index, at the dictionary's load factor) and their share of unused capacity.
    public static let tableEntry = 128
}
