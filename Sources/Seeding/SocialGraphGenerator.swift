/// Makes a deterministic synthetic social graph from `SeedOptions`.
public enum SocialGraphGenerator {
    static let day: Int64 = 86_400 * 1_000_000

    public static func generate(_ options: SeedOptions) -> SocialGraph {
        var random = SplitMix64(seed: options.seed)
        let start = options.now - 31 * day
        var used = Set<Int64>()
        /// A unique id at (or just after) `time`: ids are times in microseconds.
        func uniqueID(near time: Int64) -> Int64 {
            var id = time
            while !used.insert(id).inserted { id += 1 }
            return id
        }

        let userIDs = (0..<options.users).map { uniqueID(near: start + Int64($0)) }
        var followees: [[Int]] = []
        var followIDs: [[Int64]] = []
        for user in 0..<options.users {
            let celebrities = (0..<options.celebrities).filter { $0 != user }
            var chosen = Set(celebrities)
            let pool = options.users - options.celebrities - (user < options.celebrities ? 0 : 1)
            let target = celebrities.count + min(options.followsPerUser, pool)
            while chosen.count < target {
                let candidate = options.celebrities + Int(random.next() % UInt64(options.users - options.celebrities))
                if candidate != user { chosen.insert(candidate) }
            }
            let sorted = chosen.sorted()
            followees.append(sorted)
            followIDs.append(sorted.map { _ in uniqueID(near: start + day / 2 + Int64(random.next() % UInt64(day / 2))) })
        }

        var tweets: [[SocialGraph.Tweet]] = []
        for user in 0..<options.users {
            let times = (0..<options.tweetsPerUser).map { _ in
                uniqueID(near: options.now - 30 * day + Int64(random.next() % UInt64(30 * day - 3_600_000_000)))
            }.sorted()
            tweets.append(times.enumerated().map { n, id in
                SocialGraph.Tweet(id: id, authorIndex: user, content: "Tweet \(n + 1) of user \(user): seeded #\(id % 10_000)",
                                  likesCount: 0, commentsCount: 0)
            })
        }

        var comments: [SocialGraph.Comment] = []
        var likes: [SocialGraph.Like] = []
        for user in 0..<options.users {
            guard let latest = tweets[user].last else { continue }
            for n in 0..<options.comments {
                let author = Int(random.next() % UInt64(options.users))
                comments.append(SocialGraph.Comment(id: uniqueID(near: latest.id + 1 + Int64(random.next() % 3_600_000_000)),
                                                    tweetID: latest.id, authorIndex: author, content: "Comment \(n + 1) on \(latest.id)"))
            }
            var likers = Set<Int>()
            while likers.count < options.likes { likers.insert(Int(random.next() % UInt64(options.users))) }
            for liker in likers.sorted() {
                likes.append(SocialGraph.Like(userIndex: liker, tweetID: latest.id,
                                              createdAt: uniqueID(near: latest.id + 1 + Int64(random.next() % 3_600_000_000))))
            }
            tweets[user][tweets[user].count - 1].commentsCount = options.comments
            tweets[user][tweets[user].count - 1].likesCount = options.likes
        }
        return SocialGraph(options: options, userIDs: userIDs, followees: followees, followIDs: followIDs,
                           tweets: tweets, comments: comments, likes: likes)
    }
}
