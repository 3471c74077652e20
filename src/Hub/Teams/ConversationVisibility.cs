using Microsoft.AspNetCore.Routing.Patterns;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Teams;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// One gate for every operator endpoint under /api/conversations/{id}/… (read, reply, notes, labels, customer panel,
/// timeline, attachments, …): a conversation outside the person's <see cref="ConversationScope"/> answers 404, as if it
/// did not exist. Lists and search filter by the same rule themselves.
/// </summary>
public static class ConversationVisibility
{
    public const string Prefix = "/api/conversations/{id";

    public static WebApplicationBuilder AddConversationVisibility(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConversationScopes>();
        return builder;
    }

    public static WebApplication UseConversationVisibility(this WebApplication app)
    {
        // Not an async lambda around every request: a long-lived one (a widget's WebSocket) would keep its state
        // machine for its whole life.
        app.Use((http, next) =>
            http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } && pattern.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && http.User.Identity?.IsAuthenticated == true && long.TryParse(http.Request.RouteValues["id"] as string, out var id)
                ? CheckAsync(http, next, id)
                : next(http));
        return app;
    }

    private static async Task CheckAsync(HttpContext http, RequestDelegate next, long id)
    {
        if (await http.RequestServices.GetRequiredService<ConversationScopes>().MaySeeAsync(http.User, id, http.RequestAborted))
            await next(http);
        else
            await Problems.Missing("Conversation", id).ExecuteAsync(http);
    }
}
