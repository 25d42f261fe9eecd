import App
import StarlingCore
import Testing

/// `--memory-cache-mb` (`STARLING_MEMORY_CACHE_MB`): the megabytes the in-process caches take
/// together: two fifths for objects, two fifths for feeds, a fifth for the encoded tweets.
@Suite struct MemoryCacheSettingTests {
    @Test func theDefaultIsThirtySixMegabytesInFifths() throws {
        let budget = try Configuration.resolve(flags: [:], environment: [:]).memoryCache
        #expect(budget.bytes == 36 << 20)
        #expect(budget.objectBytes == (36 << 20) / 5 * 2 && budget.feedBytes == budget.objectBytes)
        #expect(budget.objectBytes + budget.feedBytes + budget.encodedBytes == 36 << 20)
    }

    @Test func theFlagOverridesTheVariable() throws {
        let fromEnvironment = try Configuration.resolve(flags: [:], environment: ["STARLING_MEMORY_CACHE_MB": "12"])
        #expect(fromEnvironment.memoryCache.bytes == 12 << 20)
        let fromFlag = try Configuration.resolve(flags: ["memory-cache-mb": "3"], environment: ["STARLING_MEMORY_CACHE_MB": "12"])
        #expect(fromFlag.memoryCache == MemoryCacheBudget(megabytes: 3))
        #expect(fromFlag.memoryCache.objectBytes + fromFlag.memoryCache.feedBytes + fromFlag.memoryCache.encodedBytes == 3 << 20)
    }

    @Test(arguments: ["0", "-5", "1.5", "64MB", "", "99999999999999999999", "2000000"])
    func aBadValueIsRefusedSayingWhatIsExpected(_ text: String) {
        do {
            _ = try Configuration.resolve(flags: ["memory-cache-mb": text], environment: [:])
            Issue.record("\(text) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("memory-cache-mb must be a whole number of megabytes"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theInProcessCachesGetTheirShares() throws {
        let configuration = try Configuration.resolve(flags: ["memory-cache-mb": "5"], environment: [:])
        let caches = Caches.inProcess(clock: SystemWallClock(), memory: configuration.memoryCache)
        let objects = try #require(caches.keyValue as? MemoryKeyValueCache)
        let feeds = try #require(caches.feeds as? MemoryFeedCache)
        #expect(objects.usage.budget == 2 << 20 && feeds.usage.budget == 2 << 20)
    }
}
