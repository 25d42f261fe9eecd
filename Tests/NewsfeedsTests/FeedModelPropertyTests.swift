import App
import Foundation
import Newsfeeds
import StarlingCore
import StarlingTestKit
import StarlingTesting
import Testing

/// The feed models' property: one random sequence of operations — posts, follows, unfollows,
/// deletions, users going inactive and coming back, users crossing the celebrity threshold both
/// ways — applied to three Starlings, one per model; at checkpoints, every user's complete feed,
/// paged with random page sizes and cursors, is the same list under push, pull and hybrid, and
/// equals the definition: the tweets of the user and of everyone they follow now, newest first.
@Suite struct FeedModelPropertyTests {
    static let models: [FeedModel] = [.push, .pull, .hybrid]
    static let users = 8
    static let steps = 400

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func everyModelPagesEveryFeedAsDefined(seed: UInt64) async throws {
        let clock = ManualClock()
        var built: [TestStarling] = []
        for model in Self.models {
            built.append(TestStarling(repositories: await Repositories.memory(), clock: clock) {
                $0.feedModel = model
                $0.inactiveDays = 1
                $0.celebrityFollowers = 3
                $0.feedCacheCap = 101  // the smallest cap: pages cross it
            })
        }
        let apps = built
        try await apps[0].test { push in
            try await apps[1].test { pull in
                try await apps[2].test { hybrid in
                    var world = World(apps: apps, apis: [push, pull, hybrid], clock: clock, random: SeededRandom(seed))
                    try await world.run(steps: Self.steps, users: Self.users)
                }
            }
        }
    }
}

/// The operations, the definition they imply, and the replicas they are applied to.
private struct World {
    let apps: [TestStarling]
    let apis: [API]
    let clock: ManualClock
    var random: SeededRandom
    /// Per replica: each user's account.
    var accounts: [[API.Account]] = []
    /// Per replica: tweet label → id, and back.
    var ids: [[Int: Int64]] = []
    var labels: [[Int64: Int]] = []
    /// The definition's state: who follows whom (follower, followee), and live tweets by author.
    var follows: Set<[Int]> = []
    var alive: [Int: Int] = [:]
    var nextLabel = 0
    var checks = 0

    init(apps: [TestStarling], apis: [API], clock: ManualClock, random: SeededRandom) {
        self.apps = apps
        self.apis = apis
        self.clock = clock
        self.random = random
        accounts = Array(repeating: [], count: apps.count)
        ids = Array(repeating: [:], count: apps.count)
        labels = Array(repeating: [:], count: apps.count)
    }

    mutating func run(steps: Int, users: Int) async throws {
        for user in 0..<users {
            for replica in apis.indices { accounts[replica].append(try await apis[replica].signUp(String(format: "user_%03d", user))) }
        }
        for _ in 0..<steps {
            clock.advance(seconds: 1)
            let roll = random.below(100)
            switch roll {
            case 0..<36: try await post(by: random.below(users))
            case 36..<52: try await follow(random.below(users), random.below(users))
            case 52..<62: try await unfollow()
            case 62..<68: try await deleteOne()
            case 68..<78: try await act(random.below(users))
            case 78..<85: try await sweep()
            case 85..<89: clock.advance(seconds: 0.6 * 86_400)
            case 89..<96: try await settle()
            default: try await check()
            }
        }
        try await settle()
        try await sweep()
        try await check()
        #expect(checks > 0)
    }

    mutating func post(by author: Int) async throws {
        nextLabel += 1
        for replica in apis.indices {
            let id = try await apis[replica].post("t\(nextLabel)", as: accounts[replica][author])
            ids[replica][nextLabel] = id
            labels[replica][id] = nextLabel
        }
        alive[nextLabel] = author
    }

    mutating func follow(_ follower: Int, _ followee: Int) async throws {
        guard follower != followee else { return }
        for replica in apis.indices { try await apis[replica].follow(accounts[replica][followee], by: accounts[replica][follower]) }
        follows.insert([follower, followee])
    }

    mutating func unfollow() async throws {
        guard let pair = follows.sorted(by: { $0.lexicographicallyPrecedes($1) }).randomElement(using: &random) else { return }
        for replica in apis.indices {
            let reply = try await apis[replica].call(.post, "/api/friendships/\(accounts[replica][pair[1]].id)/unfollow/",
                                                     token: accounts[replica][pair[0]].token)
            #expect(reply.status == .ok)
        }
        follows.remove(pair)
    }

    mutating func deleteOne() async throws {
        guard let label = alive.keys.sorted().randomElement(using: &random), let author = alive[label] else { return }
        for replica in apis.indices {
            let reply = try await apis[replica].call(.delete, "/api/tweets/\(ids[replica][label] ?? 0)/", token: accounts[replica][author].token)
            #expect(reply.status == .ok)
        }
        alive[label] = nil
    }

    /// An authenticated request: under hybrid, it records activity (and a returning user's restore).
    func act(_ user: Int) async throws {
        for replica in apis.indices {
            try await apis[replica].call(.get, "/api/notifications/unread-count/", token: accounts[replica][user].token)
        }
    }

    /// The celebrity sweep, where it runs: under hybrid.
    func sweep() async throws {
        try await apps[2].starling.useCases.flagCelebrities()
    }

    func settle() async throws {
        for app in apps { try await app.settle() }
    }

    /// Every user's complete feed, paged, on every replica, against the definition.
    mutating func check() async throws {
        try await settle()
        checks += 1
        for user in accounts[0].indices {
            let expected = alive.filter { $0.value == user || follows.contains([user, $0.value]) }.keys.sorted(by: >)
            let comesBack = random.below(2) == 0
            for replica in apis.indices {
                if comesBack { try await act(user) }
                let limit = 1 + random.below(7)
                let seen = try await pages(of: user, on: replica, limit: limit)
                #expect(seen == expected, "user \(user) under \(FeedModelPropertyTests.models[replica]), pages of \(limit), check \(checks)")
                guard expected.count >= 2 else { continue }
                let cut = random.below(expected.count)
                let cursor = ids[replica][expected[cut]] ?? 0
                let newer = try await read(user, on: replica, PageRequest(newerThan: cursor, limit: PageRequest.refreshLimit))
                #expect(newer.labels == Array(expected.prefix(cut)) && !newer.hasNextPage, "refresh since t\(expected[cut])")
                let older = try await read(user, on: replica, PageRequest(olderThan: cursor, limit: limit))
                // A cached list may still hold deleted ids, which count toward the page: what is shown
                // is the head of what lies below the cursor (the full walk above shows the rest).
                #expect(older.labels == Array(expected.dropFirst(cut + 1).prefix(older.labels.count)), "page below t\(expected[cut])")
                #expect(older.labels.count == min(limit, expected.count - cut - 1) || older.hasNextPage || older.labels.count < limit)
            }
        }
    }

    /// The whole feed, page after page, as a client walks it.
    func pages(of user: Int, on replica: Int, limit: Int) async throws -> [Int] {
        var all: [Int] = []
        var request = PageRequest(limit: limit)
        for _ in 0..<1_000 {
            let page = try await read(user, on: replica, request)
            all += page.labels
            guard page.hasNextPage, let last = page.lastID else { break }
            request.olderThan = last
        }
        return all
    }

    /// One page through the use case, with deleted tweets left out as the API does (the cursor
    /// is the page's last id, deleted or not).
    func read(_ user: Int, on replica: Int, _ request: PageRequest) async throws -> (labels: [Int], hasNextPage: Bool, lastID: Int64?) {
        let starling = apps[replica].starling
        let page = try await starling.useCases.readNewsfeed(owner: accounts[replica][user].id, page: request)
        let existing = try await starling.repositories.tweets.tweets(ids: page.items)
        #expect(Set(page.items).count == page.items.count, "a page never repeats an id")
        return (page.items.filter { existing[$0] != nil }.compactMap { labels[replica][$0] }, page.hasNextPage, page.items.last)
    }
}

/// SplitMix64: a seedable generator, so a failing seed replays.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(_ seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
