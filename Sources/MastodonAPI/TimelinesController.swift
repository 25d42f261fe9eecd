import Hummingbird
import MastodonClients
import Newsfeeds
import StarlingCore
import StarlingHTTP
import Tweets

/// `/api/v1/timelines/home` (the newsfeed, read by the same use case as `/api/newsfeeds/`) and
/// `/api/v1/timelines/public` (every local tweet; `local` changes nothing on a single server).
struct TimelinesController: Sendable {
    let readNewsfeed: ReadNewsfeed
    let publicTimeline: any PublicTimeline
    let tweets: any TweetRepository
    let statuses: StatusRenderer

    func addRoutes(to router: RouterGroup<StarlingRequestContext>) {
        router.get("api/v1/timelines/home", use: home)
        router.get("api/v1/timelines/public", use: everyone)
    }

    @Sendable func home(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let page = MastodonPage(MastodonParameters(query: request))
        let ids = page.cut(try await readNewsfeed(owner: viewer.userID, page: page.request).items)
        return try await respond(ids, request: request, viewerID: viewer.userID)
    }

    @Sendable func everyone(_ request: Request, context: StarlingRequestContext) async throws -> Response {
        let page = MastodonPage(MastodonParameters(query: request))
        let ids = page.cut(try await publicTimeline.tweetIDs(page: page.request).items)
        return try await respond(ids, request: request, viewerID: context.viewer?.userID)
    }

    /// The tweets with these ids as statuses, in order; the Link header pages on the ids read, so a
    /// tweet deleted meanwhile does not stop paging.
    private func respond(_ ids: [Int64], request: Request, viewerID: Int64?) async throws -> Response {
        let base = BaseURL(request)
        let found = try await tweets.tweets(ids: ids)
        let rendered = try await statuses.render(tweets: ids.compactMap { found[$0] }, viewerID: viewerID, base: base)
        return try MastodonResponse.json(rendered, link: MastodonPage.link(request, base: base, firstID: ids.first, lastID: ids.last))
    }
}
