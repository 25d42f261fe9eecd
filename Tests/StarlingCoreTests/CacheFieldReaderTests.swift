import NIOCore
import StarlingCore
import Testing

/// The count-prefixed lists every cached list (viewer marks, latest likes and comments, feed plans)
/// is read through: cache bytes are not trusted to be well formed.
@Suite struct CacheFieldReaderTests {
    private func read(_ buffer: ByteBuffer, minimumBytes: Int = 8) -> [Int64]? {
        var buffer = buffer
        return buffer.readFields { $0.list(minimumBytes: minimumBytes) { $0.int64() } }
    }

    @Test func aListReadsBackWhole() {
        var buffer = ByteBuffer()
        buffer.writeField(Int64(3))
        for id: Int64 in [7, 8, 9] { buffer.writeField(id) }
        #expect(read(buffer) == [7, 8, 9])
        var empty = ByteBuffer()
        empty.writeField(Int64(0))
        #expect(read(empty) == [])
    }

    @Test func aCountTheBytesCannotHoldIsAMissWithoutAllocating() {
        for count in [Int64.max, Int64(Int32.max), 4, -1, Int64.min] {
            var buffer = ByteBuffer()
            buffer.writeField(count)
            for id: Int64 in [1, 2, 3] { buffer.writeField(id) }
            #expect(read(buffer) == nil, "count \(count) over three elements")
        }
    }

    @Test func aMalformedElementIsAMiss() {
        var buffer = ByteBuffer()
        buffer.writeField(Int64(2))
        buffer.writeField(Int64(1))
        buffer.writeInteger(UInt32(5))  // half an element: the count passes its bound at 4 bytes each
        #expect(read(buffer, minimumBytes: 4) == nil)
    }
}
