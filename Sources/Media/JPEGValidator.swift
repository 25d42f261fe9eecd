/// Walks a JPEG marker by marker: SOI, segments whose lengths stay inside the file, one frame header
/// with real dimensions, scans whose entropy-coded data runs to the next marker, and EOI at the end.
enum JPEGValidator {
    /// Zero bytes some encoders pad after EOI; anything more after it is refused.
    static let maximumTrailingZeros = 16

    static func validate(_ reader: inout ImageReader) throws(InvalidImage) {
        try reader.expect([0xFF, 0xD8], "the start-of-image marker")
        var sawFrame = false
        var sawScan = false
        while true {
            guard !reader.isAtEnd else { throw reader.failure("there is no end-of-image marker") }
            guard try reader.uint8("a marker") == 0xFF else { throw reader.failure("a segment does not start with a 0xFF marker") }
            var marker = try reader.uint8("a marker")
            while marker == 0xFF { marker = try reader.uint8("a marker") }
            switch marker {
            case 0xD9:
                guard sawFrame else { throw reader.failure("there is no frame header") }
                guard sawScan else { throw reader.failure("there is no scan") }
                let trailing = reader.bytes[reader.offset...]
                guard trailing.count <= maximumTrailingZeros, trailing.allSatisfy({ $0 == 0 }) else {
                    throw reader.failure("\(trailing.count) bytes follow the end-of-image marker")
                }
                return
            case 0x01:
                continue
            case 0x00, 0x02...0xBF, 0xD0...0xD8:
                throw reader.failure("the marker 0xFF\(hex(marker)) is out of place")
            default:
                let length = try reader.uint16BigEndian("a segment length")
                guard length >= 2 else { throw reader.failure("a segment length is below 2") }
                let body = try reader.read(Int(length) - 2, "the 0xFF\(hex(marker)) segment")
                if isFrameHeader(marker) {
                    guard !sawFrame else { throw reader.failure("there is more than one frame header") }
                    try frameHeader(body, reader)
                    sawFrame = true
                } else if marker == 0xDA {
                    guard sawFrame else { throw reader.failure("a scan comes before the frame header") }
                    try scanHeader(body, reader)
                    try skipEntropyCodedData(&reader)
                    sawScan = true
                }
            }
        }
    }

    /// SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static func isFrameHeader(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
    }

    private static func frameHeader(_ body: ArraySlice<UInt8>, _ reader: ImageReader) throws(InvalidImage) {
        var fields = ImageReader(Array(body), format: .jpeg)
        let precision = try fields.uint8("the frame header")
        let height = try fields.uint16BigEndian("the frame header")
        let width = try fields.uint16BigEndian("the frame header")
        let components = try fields.uint8("the frame header")
        guard (2...16).contains(precision) else { throw reader.failure("the sample precision \(precision) is not 2 to 16") }
        guard width > 0, height > 0 else { throw reader.failure("the width or height is 0") }
        guard (1...4).contains(components), fields.remaining == 3 * Int(components) else {
            throw reader.failure("the frame header's components do not fit its length")
        }
    }

    private static func scanHeader(_ body: ArraySlice<UInt8>, _ reader: ImageReader) throws(InvalidImage) {
        guard let components = body.first, (1...4).contains(components), body.count == 4 + 2 * Int(components) else {
            throw reader.failure("the scan header's components do not fit its length")
        }
    }

    /// Skips a scan's data: bytes up to the next marker that is neither a stuffed 0xFF00 nor RSTn,
    /// leaving the reader on that marker's 0xFF.
    private static func skipEntropyCodedData(_ reader: inout ImageReader) throws(InvalidImage) {
        while true {
            guard try reader.uint8("the scan data") == 0xFF else { continue }
            var next = try reader.uint8("the scan data")
            while next == 0xFF { next = try reader.uint8("the scan data") }
            if next == 0x00 || (0xD0...0xD7).contains(next) { continue }
            reader.rewind(2)
            return
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
