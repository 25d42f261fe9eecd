/// Walks a PNG chunk by chunk: IHDR first and sane, every CRC right, a palette where one is needed,
/// consecutive IDATs, and IEND as the very last bytes.
enum PNGValidator {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func validate(_ reader: inout ImageReader) throws(InvalidImage) {
        try reader.expect(signature, "the PNG signature")
        var isFirst = true
        var colourType: UInt8 = 0
        var sawPalette = false
        var sawData = false
        var dataEnded = false
        while true {
            guard !reader.isAtEnd else { throw reader.failure("there is no IEND chunk") }
            let (name, data) = try chunk(&reader)
            guard !isFirst || name == "IHDR" else { throw reader.failure("the first chunk is \(name), not IHDR") }
            if sawData && name != "IDAT" { dataEnded = true }
            switch name {
            case "IHDR":
                guard isFirst else { throw reader.failure("there is more than one IHDR chunk") }
                colourType = try header(data, &reader)
            case "PLTE":
                guard !sawPalette, !sawData else { throw reader.failure("the PLTE chunk is repeated or comes after IDAT") }
                guard !data.isEmpty, data.count % 3 == 0, data.count <= 3 * 256 else {
                    throw reader.failure("the PLTE chunk's length is not 3 to 768 bytes in threes")
                }
                guard colourType != 0 && colourType != 4 else { throw reader.failure("a greyscale image has a PLTE chunk") }
                sawPalette = true
            case "IDAT":
                guard !dataEnded else { throw reader.failure("the IDAT chunks are not consecutive") }
                guard colourType != 3 || sawPalette else { throw reader.failure("an indexed-colour image has no PLTE chunk") }
                sawData = true
            case "IEND":
                guard data.isEmpty else { throw reader.failure("the IEND chunk is not empty") }
                guard sawData else { throw reader.failure("there is no IDAT chunk") }
                guard reader.isAtEnd else { throw reader.failure("\(reader.remaining) bytes follow the IEND chunk") }
                return
            default:
                // Upper case first letter: a critical chunk a decoder must understand, and we know of no other.
                guard let first = name.utf8.first, first >= 0x61 else { throw reader.failure("the critical chunk \(name) is unknown") }
            }
            isFirst = false
        }
    }

    /// One chunk: length, type, data, CRC-32 over type and data.
    private static func chunk(_ reader: inout ImageReader) throws(InvalidImage) -> (name: String, data: ArraySlice<UInt8>) {
        let length = try reader.uint32BigEndian("a chunk length")
        guard length <= 0x7FFF_FFFF else { throw reader.failure("a chunk length is over 2^31 - 1") }
        let type = try reader.read(4, "a chunk type")
        guard type.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
            throw reader.failure("a chunk type is not four ASCII letters")
        }
        let name = String(decoding: type, as: UTF8.self)
        let data = try reader.read(try reader.count(length, "the \(name) chunk"), "the \(name) chunk")
        let crc = try reader.uint32BigEndian("the \(name) chunk's CRC")
        guard CRC32.checksum(type, data) == crc else { throw reader.failure("the \(name) chunk's CRC does not match") }
        return (name, data)
    }

    /// Checks IHDR's fields and returns the colour type.
    private static func header(_ data: ArraySlice<UInt8>, _ reader: inout ImageReader) throws(InvalidImage) -> UInt8 {
        guard data.count == 13 else { throw reader.failure("the IHDR chunk is not 13 bytes long") }
        var fields = ImageReader(Array(data), format: .png)
        let width = try fields.uint32BigEndian("IHDR")
        let height = try fields.uint32BigEndian("IHDR")
        guard (1...0x7FFF_FFFF).contains(width), (1...0x7FFF_FFFF).contains(height) else {
            throw reader.failure("the width or height is 0 or over 2^31 - 1")
        }
        let bitDepth = try fields.uint8("IHDR")
        let colourType = try fields.uint8("IHDR")
        let allowedDepths: [UInt8] = switch colourType {
        case 0: [1, 2, 4, 8, 16]
        case 3: [1, 2, 4, 8]
        case 2, 4, 6: [8, 16]
        default: []
        }
        guard !allowedDepths.isEmpty else { throw reader.failure("the colour type \(colourType) is unknown") }
        guard allowedDepths.contains(bitDepth) else {
            throw reader.failure("the bit depth \(bitDepth) is not allowed for colour type \(colourType)")
        }
        guard try fields.uint8("IHDR") == 0, try fields.uint8("IHDR") == 0 else {
            throw reader.failure("the compression or filter method is unknown")
        }
        guard try fields.uint8("IHDR") <= 1 else { throw reader.failure("the interlace method is unknown") }
        return colourType
    }
}
