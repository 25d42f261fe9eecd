import CourseAPI
import Hummingbird
import Metrics
import NIOCore
import RedisCache
import StarlingCore
import StarlingHTTP

/// The routes an operator's tools read: `GET /readyz` (200 when every configured service answers,
/// else 503 naming those that do not) and `GET /metrics` (Prometheus text). `/healthz`, "the
/// process is up", stays with the face.
struct OperationsController {
    let readiness: Readiness
    let outbox: any OutboxStore
    let clock: any WallClock
    let caches: Caches

    /// The queue depth is counted up to this many jobs (a deeper queue reads as this).
    static let depthCountLimit = 10_000

    func addRoutes(to router: Router<StarlingRequestContext>) {
        router.get("readyz") { _, _ in try await ready() }
        router.get("metrics") { _, _ in await metrics() }
    }

    func ready() async throws -> Response {
        let report = await readiness.report()
        let failing = report.filter { $0.failure != nil }
        let services = Dictionary(report.map { ($0.name, $0.failure ?? "ok") }, uniquingKeysWith: { first, _ in first })
        if failing.isEmpty {
            return try JSONBody.response(ReadyBody(status: "ready", services: services))
        }
        let names = failing.map(\.name)
        return try JSONBody.response(ReadyBody(status: "unavailable", services: services, failing: names,
                                               detail: "Not answering: \(names.joined(separator: ", ")).", service: names.first),
                                     status: .serviceUnavailable)
    }

    func metrics() async -> Response {
        await recordQueue()
        recordCacheMemory()
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: MetricsExport.text())))
    }

    /// The outbox as a queue, read at scrape time: jobs waiting (not dead), and how long the oldest
    /// has waited (a job's id is its creation time in microseconds).
    private func recordQueue() async {
        guard let pending = try? await outbox.pending(limit: Self.depthCountLimit) else { return }
        Gauge(label: "starling_jobs_queue_depth").record(pending.count)
        let age = pending.first.map { max(0, clock.nowMicros() - $0.id) } ?? 0
        Gauge(label: "starling_jobs_oldest_age_seconds").record(Double(age) / 1_000_000)
    }

    /// The bytes the in-process caches hold now, against their shares of `--memory-cache-mb`.
    private func recordCacheMemory() {
        var held: [(String, Int, Int)] = [("encoded_tweets", TweetFragments.shared.bytes, TweetFragments.shared.maximumBytes)]
        if let objects = caches.keyValue as? MemoryKeyValueCache {
            held.append(("objects", objects.usage.bytes, objects.usage.budget))
        }
        if let near = (caches.keyValue as? RedisKeyValueCache)?.nearCache {
            held.append(("near", near.usage.bytes, near.usage.budget))
        }
        if let near = (caches.feeds as? RedisFeedCache)?.nearCache {
            held.append(("near_feeds", near.usage.bytes, near.usage.budget))
        }
        if let feeds = caches.feeds as? MemoryFeedCache {
            held.append(("feeds", feeds.usage.bytes, feeds.usage.budget))
        }
        for (cache, bytes, budget) in held {
            Gauge(label: "starling_memory_cache_bytes", dimensions: [("cache", cache)]).record(bytes)
            Gauge(label: "starling_memory_cache_budget_bytes", dimensions: [("cache", cache)]).record(budget)
        }
    }

    struct ReadyBody: Encodable {
        let status: String
        let services: [String: String]
        var failing: [String]?
        var detail: String?
        /// The first service that does not answer.
        var service: String?
    }
}
