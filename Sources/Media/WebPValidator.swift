/// Walks a WebP's RIFF container: a size that matches the file, known chunks that stay inside it with
/// their padding, and at least one VP8 or VP8L bitstream whose header is right.
enum WebPValidator {
    private static let metadata: Set<String> = ["ALPH", "ANIM", "ICCP", "EXIF", "XMP "]

    static func validate(_ reader: inout ImageReader) throws(InvalidImage) {
        try reader.expect(Array("RIFF".utf8), "the RIFF header")
        let size = try reader.uint32LittleEndian("the RIFF header")
        guard UInt64(size) == UInt64(reader.remaining) else {
            throw reader.failure("the RIFF size \(size) does not match the \(reader.remaining) bytes that follow")
        }
        try reader.expect(Array("WEBP".utf8), "the WEBP form type")
        let (name, data) = try chunk(&reader)
        switch name {
        case "VP8 ", "VP8L":
            try bitstream(name, data, reader)
            guard reader.isAtEnd else { throw reader.failure("a simple WebP has more than one chunk") }
        case "VP8X":
            try extended(data, &reader)
        default:
            throw reader.failure("the first chunk is \(name), not VP8, VP8L or VP8X")
        }
    }

    /// VP8X's canvas, then the chunks after it: at least one image or animation frame.
    private static func extended(_ header: ArraySlice<UInt8>, _ reader: inout ImageReader) throws(InvalidImage) {
        var fields = ImageReader(Array(header), format: .webp)
        try fields.skip(4, "the VP8X chunk")
        let width = UInt64(try fields.uint24LittleEndian("the VP8X chunk")) + 1
        let height = UInt64(try fields.uint24LittleEndian("the VP8X chunk")) + 1
        guard fields.isAtEnd else { throw reader.failure("the VP8X chunk is not 10 bytes long") }
        guard width * height <= UInt64(UInt32.max) else { throw reader.failure("the canvas is larger than 2^32 - 1 pixels") }
        var images = 0
        while !reader.isAtEnd {
            let (name, data) = try chunk(&reader)
            switch name {
            case "VP8 ", "VP8L":
                try bitstream(name, data, reader)
                images += 1
            case "ANMF":
                try frame(data, reader)
                images += 1
            case _ where metadata.contains(name):
                continue
            default:
                throw reader.failure("the chunk \(name) is not allowed here")
            }
        }
        guard images > 0 else { throw reader.failure("there is no VP8, VP8L or ANMF chunk") }
    }

    /// An animation frame: 16 bytes of placement, then its own chunks with one bitstream.
    private static func frame(_ data: ArraySlice<UInt8>, _ outer: ImageReader) throws(InvalidImage) {
        var reader = ImageReader(Array(data), format: .webp)
        try reader.skip(16, "an ANMF chunk")
        var images = 0
        while !reader.isAtEnd {
            let (name, data) = try chunk(&reader)
            switch name {
            case "VP8 ", "VP8L":
                try bitstream(name, data, reader)
                images += 1
            case "ALPH":
                continue
            default:
                throw reader.failure("the chunk \(name) is not allowed in an ANMF frame")
            }
        }
        guard images == 1 else { throw outer.failure("an ANMF frame does not hold exactly one bitstream") }
    }

    /// One chunk: FourCC, little-endian size, data, and a zero padding byte when the size is odd.
    private static func chunk(_ reader: inout ImageReader) throws(InvalidImage) -> (name: String, data: ArraySlice<UInt8>) {
        let fourCC = try reader.read(4, "a chunk header")
        guard fourCC.allSatisfy({ (0x20...0x7E).contains($0) }) else { throw reader.failure("a chunk name is not ASCII") }
        let name = String(decoding: fourCC, as: UTF8.self)
        let size = try reader.uint32LittleEndian("the \(name) chunk header")
        let data = try reader.read(try reader.count(size, "the \(name) chunk"), "the \(name) chunk")
        if size % 2 == 1 {
            guard try reader.uint8("the \(name) chunk's padding") == 0 else { throw reader.failure("the \(name) chunk's padding is not 0") }
        }
        return (name, data)
    }

    /// The header of a VP8 (lossy) or VP8L (lossless) bitstream.
    private static func bitstream(_ name: String, _ data: ArraySlice<UInt8>, _ outer: ImageReader) throws(InvalidImage) {
        var reader = ImageReader(Array(data), format: .webp)
        if name == "VP8L" {
            guard try reader.uint8("the VP8L header") == 0x2F else { throw outer.failure("the VP8L signature is not 0x2f") }
            let bits = try reader.uint32LittleEndian("the VP8L header")
            guard bits >> 29 == 0 else { throw outer.failure("the VP8L version is not 0") }
            return
        }
        let tag = try reader.read(3, "the VP8 frame tag")
        let low = UInt32(tag[tag.startIndex]), middle = UInt32(tag[tag.startIndex + 1]), high = UInt32(tag[tag.startIndex + 2])
        guard low & 1 == 0 else { throw outer.failure("the VP8 frame is not a key frame") }
        guard (low >> 1) & 7 <= 3 else { throw outer.failure("the VP8 version is unknown") }
        let partitionSize = Int(low >> 5 | middle << 3 | high << 11)
        try reader.expect([0x9D, 0x01, 0x2A], "the VP8 start code")
        let width = try reader.uint16LittleEndian("the VP8 frame header") & 0x3FFF
        let height = try reader.uint16LittleEndian("the VP8 frame header") & 0x3FFF
        guard width > 0, height > 0 else { throw outer.failure("the VP8 width or height is 0") }
        guard partitionSize <= reader.remaining else { throw outer.failure("the VP8 first partition runs past its chunk") }
    }
}
