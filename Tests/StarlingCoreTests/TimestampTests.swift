import StarlingCore
import HTTPTypes
import Testing

@Suite struct TimestampTests {
    @Test func formatsWithMicrosecondsAndZ() {
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp.format(1_795_736_736_123_456) == "2026-11-26T23:45:36.123456Z")
        #expect(Timestamp.format(951_782_400_000_001) == "2000-02-29T00:00:00.000001Z")
    }

    @Test func parsesWhatItFormats() {
        for micros: Int64 in [0, 1, 951_782_400_000_001, 1_795_736_736_123_456, 4_102_444_799_999_999] {
            #expect(Timestamp.parse(Timestamp.format(micros)) == micros)
        }
    }

    @Test func parsesTheFormsClientsSend() {
        #expect(Timestamp.parse("2026-11-26T23:45:36Z") == 1_795_736_736_000_000)
        #expect(Timestamp.parse("2026-11-26 23:45:36.5") == 1_795_736_736_500_000)
        #expect(Timestamp.parse("2026-11-27T01:45:36.123456+02:00") == 1_795_736_736_123_456)
        #expect(Timestamp.parse("2026-11-26T23:45") == 1_795_736_700_000_000)
        #expect(Timestamp.parse("1795736736123456") == 1_795_736_736_123_456, "integer microseconds")
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-26T24:00:00Z",
                      "2026-11-26T23:45:36.Z", "2026-11-26T23:45:36Zjunk", "-5", "2026-11-26X23:45:36"])
    func rejectsMalformedTimes(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
