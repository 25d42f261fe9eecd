import Media
import StarlingTesting
import Testing

/// Uploads are checked by walking the whole container, not by their first bytes.
@Suite struct ImageValidationTests {
    typealias S = ImageSamples

    /// The reason `bytes` is refused, or nil when it is accepted.
    func refusal(_ bytes: [UInt8]) -> InvalidImage? {
        do {
            _ = try ImageFormat.validate(bytes)
            return nil
        } catch {
            return error
        }
    }

    func png(_ chunks: [UInt8]...) -> [UInt8] {
        S.pngSignature + chunks.flatMap { $0 }
    }

    @Test(arguments: ImageSamples.valid.map(\.name))
    func realImagesOfEveryFormatAreAccepted(_ name: String) throws {
        let bytes = try #require(S.valid.first { $0.name == name }?.bytes)
        #expect(refusal(bytes) == nil)
        #expect(try ImageFormat.validate(bytes) == ImageFormat.detect(bytes))
    }

    @Test func aHandBuiltPNGWithCorrectCRCsIsAccepted() {
        #expect(png(S.chunk("IHDR", S.ihdr()), S.chunk("IDAT", S.redPixel), S.chunk("IEND")) == SampleImage.png)
        #expect(refusal(png(S.chunk("IHDR", S.ihdr()), S.chunk("tEXt", Array("a\u{0}b".utf8)), S.chunk("IDAT", [0x78]),
                            S.chunk("IDAT", Array(S.redPixel.dropFirst())), S.chunk("IEND"))) == nil)
    }

    @Test func aPNGSignatureFollowedByGarbageIsRefused() {
        #expect(refusal(S.pngSignature + Array("<html><script>alert(1)</script>".utf8))?.format == .png)
    }

    @Test func aPNGChunkWithABadCRCIsRefused() {
        var bytes = SampleImage.png
        bytes[bytes.count - 20] ^= 0x01  // inside IDAT's data
        #expect(refusal(bytes)?.reason == "the IDAT chunk's CRC does not match")
    }

    @Test func aPNGChunkLongerThanTheFileIsRefused() {
        var idat = S.chunk("IDAT", S.redPixel)
        idat[3] = 200
        #expect(refusal(png(S.chunk("IHDR", S.ihdr()), idat, S.chunk("IEND")))?.reason == "the file ends inside the IDAT chunk")
        var huge = S.chunk("IDAT", S.redPixel)
        huge.replaceSubrange(0..<4, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(refusal(png(S.chunk("IHDR", S.ihdr()), huge, S.chunk("IEND")))?.reason == "a chunk length is over 2^31 - 1")
    }

    @Test func aPNGWithoutIENDOrWithBytesAfterItIsRefused() {
        let body = png(S.chunk("IHDR", S.ihdr()), S.chunk("IDAT", S.redPixel))
        #expect(refusal(body)?.reason == "there is no IEND chunk")
        #expect(refusal(SampleImage.png + [0])?.reason == "1 bytes follow the IEND chunk")
        #expect(refusal(SampleImage.png + Array("<script>".utf8)) != nil)
    }

    @Test func aPNGWithAWrongHeaderOrChunkOrderIsRefused() {
        let idat = S.chunk("IDAT", S.redPixel), iend = S.chunk("IEND")
        let cases: [([UInt8], String)] = [
            (png(idat, S.chunk("IHDR", S.ihdr()), iend), "the first chunk is IDAT, not IHDR"),
            (png(S.chunk("IHDR", S.ihdr() + [0]), idat, iend), "the IHDR chunk is not 13 bytes long"),
            (png(S.chunk("IHDR", S.ihdr(width: 0)), idat, iend), "the width or height is 0 or over 2^31 - 1"),
            (png(S.chunk("IHDR", S.ihdr(bitDepth: 4)), idat, iend), "the bit depth 4 is not allowed for colour type 2"),
            (png(S.chunk("IHDR", S.ihdr(colourType: 5)), idat, iend), "the colour type 5 is unknown"),
            (png(S.chunk("IHDR", S.ihdr()), iend), "there is no IDAT chunk"),
            (png(S.chunk("IHDR", S.ihdr(colourType: 3)), idat, iend), "an indexed-colour image has no PLTE chunk"),
            (png(S.chunk("IHDR", S.ihdr()), S.chunk("ABCD"), idat, iend), "the critical chunk ABCD is unknown"),
            (png(S.chunk("IHDR", S.ihdr()), idat, S.chunk("tEXt"), idat, iend), "the IDAT chunks are not consecutive"),
            (png(S.chunk("IHDR", S.ihdr()), S.chunk("I@AT"), iend), "a chunk type is not four ASCII letters"),
        ]
        for (bytes, reason) in cases {
            #expect(refusal(bytes)?.reason == reason)
        }
    }

    @Test func aGIFHeaderInFrontOfMarkupIsRefused() {
        let refused = refusal(Array("GIF89a<html><script>alert(document.cookie)</script></html>".utf8))
        #expect(refused?.format == .gif)
        #expect(refused?.description.hasPrefix("not a valid GIF image: ") == true)
        #expect(refusal(SampleImage.gif + [0x3B])?.reason == "1 bytes follow the trailer")
        #expect(refusal(Array(SampleImage.gif.dropLast()))?.reason == "there is no trailer")
        var badCodeSize = SampleImage.gif
        badCodeSize[badCodeSize.count - 6] = 12
        #expect(refusal(badCodeSize)?.reason == "the LZW minimum code size 12 is not 2 to 8")
    }

    @Test func aJPEGWithoutEOIOrWithASegmentPastTheEndIsRefused() {
        let jpeg = SampleImage.jpeg
        #expect(refusal(Array(jpeg.dropLast(2))) != nil)
        #expect(refusal(jpeg + [0, 0]) == nil, "a few zero bytes after EOI are tolerated")
        #expect(refusal(jpeg + Array("<script>".utf8))?.reason == "8 bytes follow the end-of-image marker")
        var long = jpeg
        long.replaceSubrange(4..<6, with: [0xFF, 0xF0])  // the APP0 segment's length
        #expect(refusal(long)?.reason == "the file ends inside the 0xFFE0 segment")
        #expect(refusal([0xFF, 0xD8, 0xFF, 0xD9])?.reason == "there is no frame header")
        #expect(refusal([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x3C, 0x68])?.reason == "a segment does not start with a 0xFF marker")
    }

    @Test func aWebPWhoseRIFFSizeDisagreesWithTheFileIsRefused() {
        #expect(refusal(SampleImage.webp + [0, 0])?.reason == "the RIFF size 34 does not match the 36 bytes that follow")
        var lying = SampleImage.webp
        lying[4] = 0xFF
        #expect(refusal(lying) != nil)
        #expect(refusal(Array("RIFF\u{4}\u{0}\u{0}\u{0}WEBP".utf8))?.reason == "the file ends inside a chunk header")
        var wrongStartCode = SampleImage.webp
        wrongStartCode[23] = 0
        #expect(refusal(wrongStartCode)?.reason == "the VP8 start code is missing")
    }

    @Test func unknownSignaturesAreNotImages() {
        #expect(refusal(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == InvalidImage(format: nil, reason: "its leading bytes match no supported format"))
        #expect(refusal([])?.format == nil)
        #expect(refusal([])?.description == "not a JPEG, PNG, GIF or WebP image")
    }
}
