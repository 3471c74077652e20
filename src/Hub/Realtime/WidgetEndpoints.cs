using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

public sealed record VisitorSessionRequest(string? Token);

/// <param name="Token">Keep this (the widget stores it in local storage) and present it on every call.</param>
public sealed record VisitorSession(string VisitorId, string Token, bool Renewed);

public sealed record WidgetConfig(string Title, string Greeting, int MaxMessageLength);

public static class WidgetEndpoints
{
    public static void MapWidgetApi(this IEndpointRouteBuilder app)
    {
        var widget = app.MapGroup("/api/widget").WithTags("Widget").ForShops();
        widget.MapPost("/visitor", StartSession);
        widget.MapGet("/config", Config);
        widget.MapGet("/conversations/{id:long}/messages", Messages).RequireAuthorization(p => p.AddAuthenticationSchemes(AuthSchemes.Visitor).RequireAuthenticatedUser());
    }

    /// <summary>Returns the visitor's id for a still valid token, or mints a new signed one.</summary>
    public static Ok<VisitorSession> StartSession(VisitorSessionRequest? request, VisitorTokens tokens)
    {
        if (tokens.Read(request?.Token) is { } known)
            return TypedResults.Ok(new VisitorSession(known, request!.Token!, Renewed: false));
        var (visitorId, token) = tokens.Mint();
        return TypedResults.Ok(new VisitorSession(visitorId, token, Renewed: true));
    }

    public static Ok<WidgetConfig> Config(IOptions<WidgetTextOptions> text, IOptions<WebChatOptions> webChat) =>
        TypedResults.Ok(new WidgetConfig(text.Value.Title, text.Value.Greeting, webChat.Value.MaxMessageLength));

    /// <summary>What the visitor missed, after a message id. A visitor can read only their own conversations.</summary>
    public static async Task<Results<Ok<IReadOnlyList<VisitorMessageDto>>, ProblemHttpResult>> Messages(
        long id, long? after, HttpContext http, ConversationQueries queries, VisitorMessages messages, CancellationToken cancellationToken)
    {
        if (!await queries.BelongsToVisitorAsync(id, http.User.VisitorId(), cancellationToken))
            return TypedResults.Problem("This conversation is not yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        return TypedResults.Ok(await messages.AfterAsync(id, after ?? 0, cancellationToken));
    }
}

/// <summary>Bound from <c>Widget</c>: the words the widget shows.</summary>
public sealed class WidgetTextOptions
{
    public const string Section = "Widget";
    public string Title { get; set; } = "Chat with us";
    public string Greeting { get; set; } = "Hi! Ask us anything — a person answers within 30 seconds.";

    /// <summary>The asynchronous channels offered when live chat is busy or closed, each with its own promise.</summary>
    public List<AlternativeChannelOptions> Alternatives { get; set; } = [];
}

public sealed class AlternativeChannelOptions
{
    public Omnichannel.Adapters.Abstractions.ChannelKind Channel { get; set; }
    public string? Label { get; set; }

    /// <summary>The label per language ("nl": "WhatsApp (NL)"); falls back to <see cref="Label"/>.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    public string LabelIn(string language) => Labels.GetValueOrDefault(language) ?? Label ?? Channel.ToString();
    /// <summary>Where the visitor goes: https://wa.me/15551234567, https://m.me/yourpage, https://t.me/yourbot, sms:+1555…, mailto:…</summary>
    public string Url { get; set; } = "";
}
