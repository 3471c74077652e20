using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.WebChat;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;

namespace Omnichannel.Hub.Realtime;

/// <param name="Identity">The shop's logged-in customer, signed on its server (see docs/widget-embedding.md); anything malformed is ignored.</param>
public sealed record VisitorSessionRequest(string? Token, System.Text.Json.JsonElement? Identity = null);

/// <param name="Token">Keep this (the widget stores it in local storage) and present it on every call.</param>
/// <param name="Identity">Whether the identity the page passed was verified (null: none was passed).</param>
public sealed record VisitorSession(string VisitorId, string Token, bool Renewed, IdentityCheck? Identity = null);

/// <param name="Language">The language of the texts (en, nl, de, fr).</param>
/// <param name="MaxAttachmentBytes">The largest file the visitor may send (the hub answers 413 above it).</param>
/// <param name="AttachmentTypes">The content types the widget offers: the allowed images and PDF (the hub answers 415 for types it does not allow).</param>
public sealed record WidgetConfig(string Title, string Greeting, int MaxMessageLength, string Language = "en", long MaxAttachmentBytes = 0, IReadOnlyList<string>? AttachmentTypes = null);

public static class WidgetEndpoints
{
    public static void MapWidgetApi(this IEndpointRouteBuilder app)
    {
        var widget = app.MapGroup("/api/widget").WithTags("Widget").ForShops();
        widget.MapPost("/visitor", StartSession).RequireRateLimiting(RateLimitPolicies.VisitorSessions);
        widget.MapGet("/config", Config);
        widget.MapGet("/conversations/{id:long}/messages", Messages).RequireAuthorization(p => p.AddAuthenticationSchemes(AuthSchemes.Visitor).RequireAuthenticatedUser());
        widget.MapPost("/attachments", Attachments.VisitorUpload.UploadAsync).DisableAntiforgery()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AuthSchemes.Visitor).RequireAuthenticatedUser());
    }

    /// <summary>
    /// Returns the visitor's id for a still valid token, or mints a new signed one. A signed identity (Widget:IdentitySecret)
    /// links the visitor to the contact with that e-mail address; an unsigned, mis-signed or malformed one is ignored.
    /// </summary>
    public static async Task<Ok<VisitorSession>> StartSession(
        VisitorSessionRequest? request, VisitorTokens tokens, IOptionsMonitor<WidgetEmbedOptions> embed, VerifiedContacts contacts, CancellationToken cancellationToken)
    {
        var session = tokens.Read(request?.Token) is not { } known ? Minted(tokens.Mint())
            : tokens.NeedsRenewal(request!.Token) ? new VisitorSession(known, tokens.Issue(known), Renewed: false)
            : new VisitorSession(known, request.Token!, Renewed: false);
        if (request?.Identity is not { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) } identity)
            return TypedResults.Ok(session);
        if (IdentitySignature.Verify(embed.CurrentValue.IdentitySecret, ReadClaim(identity)) is not { } verified)
            return TypedResults.Ok(session with { Identity = IdentityCheck.Unverified });
        await contacts.LinkAsync(session.VisitorId, verified, cancellationToken);
        return TypedResults.Ok(session with { Identity = IdentityCheck.Verified });
    }

    private static VisitorSession Minted((string VisitorId, string Token) minted) => new(minted.VisitorId, minted.Token, Renewed: true);

    /// <summary>Only string properties count: a page can put anything in there.</summary>
    private static VisitorIdentityClaim? ReadClaim(System.Text.Json.JsonElement identity)
    {
        if (identity.ValueKind != System.Text.Json.JsonValueKind.Object)
            return null;
        string? Text(string name) => identity.TryGetProperty(name, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : null;
        return new VisitorIdentityClaim(Text("id"), Text("name"), Text("email"), Text("signature"));
    }

    /// <param name="lang">The visitor's language; unknown ones get English.</param>
    public static Ok<WidgetConfig> Config(string? lang, IOptions<WidgetTextOptions> text, IOptions<WebChatOptions> webChat, IOptions<Attachments.AttachmentOptions> files)
    {
        var language = Routing.WidgetCopy.Language(lang);
        var (title, greeting) = text.Value.In(language);
        return TypedResults.Ok(new WidgetConfig(title, greeting, webChat.Value.MaxMessageLength, language, files.Value.MaxBytes,
            [.. files.Value.Allowed.Where(t => t == "application/pdf" || Attachments.Thumbnails.CanThumbnail(t))]));
    }

    /// <summary>What the visitor missed, after a message id. A visitor can read only their own conversations.</summary>
    public static async Task<Results<Ok<IReadOnlyList<VisitorMessageDto>>, ProblemHttpResult>> Messages(
        long id, long? after, HttpContext http, ConversationQueries queries, VisitorMessages messages, CancellationToken cancellationToken)
    {
        if (!await queries.BelongsToVisitorAsync(id, http.User.VisitorId(), cancellationToken))
            return Problems.Forbidden("This conversation is not yours.");
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

    /// <summary>The owner's texts per language ("nl": {Title, Greeting}); a language without them falls back to Title/Greeting.</summary>
    public Dictionary<string, WidgetTextSet> Translations { get; set; } = [];

    /// <summary>
    /// The texts for a language: the owner's translation; else, while Title/Greeting are the built-in English defaults, the
    /// built-in ones for that language; else the owner's Title/Greeting.
    /// </summary>
    public (string Title, string Greeting) In(string language)
    {
        var builtIn = Routing.WidgetCopy.For(language);
        var english = Routing.WidgetCopy.For("en");
        var own = Translations.GetValueOrDefault(language);
        return (own?.Title ?? (Title == english.Title ? builtIn.Title : Title), own?.Greeting ?? (Greeting == english.Greeting ? builtIn.Greeting : Greeting));
    }
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

public sealed class WidgetTextSet
{
    public string? Title { get; set; }
    public string? Greeting { get; set; }
}
