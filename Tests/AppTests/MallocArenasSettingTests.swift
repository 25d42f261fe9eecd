import Foundation
import StarlingTesting
import Testing

/// `STARLING_MALLOC_ARENAS`: read by the binary before anything else runs, so tried on the binary.
@Suite(.timeLimit(.minutes(2))) struct MallocArenasSettingTests {
    @Test(arguments: ["0", "65", "-1", "two", ""])
    func aBadValueStopsTheServerSayingWhatIsExpected(_ text: String) async throws {
        let directory = TemporaryDirectory.make()
        let log = directory.appendingPathComponent("serve.log")
        let server = try StarlingProcess(["serve", "--data-dir", directory.path], environment: ["STARLING_MALLOC_ARENAS": text], log: log)
        #expect(await server.waitForExit(seconds: 30) == 64)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(output.contains("STARLING_MALLOC_ARENAS must be a whole number from 1 to 64"), "\(output)")
    }

    @Test func aGoodValueServes() async throws {
        let directory = TemporaryDirectory.make()
        let server = try StarlingProcess(["serve", "--data-dir", directory.path], environment: ["STARLING_MALLOC_ARENAS": "1"],
                                         log: directory.appendingPathComponent("serve.log"))
        try await server.waitUntilHealthy()
        #expect(await server.stop() == 0)
    }
}
