/// The CRC-32 of ISO 3309 / ITU-T V.42 that PNG chunks carry (reflected polynomial 0xEDB88320),
/// computed a byte at a time from a 256-entry table.
struct CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    private var register: UInt32 = 0xFFFF_FFFF

    init() {}

    mutating func update(_ bytes: some Sequence<UInt8>) {
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                register = table[Int((register ^ UInt32(byte)) & 0xFF)] ^ (register >> 8)
            }
        }
    }

    /// The checksum of everything given to `update` so far.
    var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// The checksum of `parts` in order.
    static func checksum(_ parts: ArraySlice<UInt8>...) -> UInt32 {
        var crc = CRC32()
        for part in parts { crc.update(part) }
        return crc.value
    }
}
