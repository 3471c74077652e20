using Microsoft.AspNetCore.Http.HttpResults;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Search;

public static class SearchEndpoints
{
    public const int MaxQueryLength = 200;

    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", Search).WithTags("Search").RequireAuthorization(Policies.Operator);

    /// <summary>
    /// Messages and notes (newest first) and contacts matching every word of q (the last word as a prefix). Filters:
    /// channel, from/to (UTC), label, operator; pages with offset/limit (≤ 50). Any characters are allowed in q.
    /// </summary>
    public static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> Search(
        ISearchEngine engine, HttpContext http, Teams.ConversationScopes scopes, CancellationToken cancellationToken, string? q = null, string? channel = null, DateTime? from = null, DateTime? to = null,
        long? label = null, long? @operator = null, int offset = 0, int limit = 20)
    {
        if (q is { Length: > MaxQueryLength })
            return Problems.Invalid($"The search is longer than {MaxQueryLength} characters.");
        if (offset < 0 || limit is < 1 or > 50)
            return Problems.Invalid("offset must be ≥ 0 and limit 1–50.");
        ChannelKind? only = null;
        if (channel is not null)
        {
            if (!Enum.TryParse<ChannelKind>(channel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.Invalid($"Unknown channel '{channel}'.");
            only = parsed;
        }
        if (from > to)
            return Problems.Invalid("from must be before to.");
        var scope = await scopes.ForAsync(http.User, cancellationToken);
        return TypedResults.Ok(await engine.SearchAsync(new SearchQuery(q ?? "", only, from, to, label, @operator, offset, limit) { Scope = scope }, cancellationToken));
    }
}
