using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Http;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Csat;

public sealed record CsatAnswer(int? Score, string? Comment);

public sealed record CsatGroup(string Key, int Ratings, double? Average);

/// <summary>The supervisor board's view: averages per operator and per channel, and the latest ratings.</summary>
public sealed record CsatBoard(int Asked, int Ratings, double? Average, IReadOnlyList<CsatGroup> ByOperator, IReadOnlyList<CsatGroup> ByChannel, IReadOnlyList<CsatDto> Recent);

public static class CsatEndpoints
{
    public static void MapCsatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/widget/conversations/{id:long}/csat", RateFromWidget).WithTags("Widget").ForShops()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AuthSchemes.Visitor).RequireAuthenticatedUser());
        app.MapGet("/api/conversations/{id:long}/csat", ForConversation).WithTags("Csat").RequireAuthorization(Policies.Operator);
        app.MapGet("/api/csat", Board).WithTags("Csat").RequireAuthorization(Policies.Reports);
        app.MapGet("/csat/{token}/{score:int}", ConfirmFromEmail).ExcludeFromDescription();
        app.MapPost("/csat/{token}/{score:int}", RateFromEmail).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/csat/{token}", CommentFromEmail).ExcludeFromDescription().DisableAntiforgery();
    }

    /// <summary>The widget's inline survey: 1–5 and an optional comment for the visitor's closed conversation.</summary>
    public static async Task<Results<Ok<CsatDto>, ProblemHttpResult>> RateFromWidget(
        long id, CsatAnswer answer, HttpContext http, OmnichannelDb db, CsatRecorder recorder, CancellationToken cancellationToken)
    {
        if (answer.Score is not (>= 1 and <= 5) && string.IsNullOrWhiteSpace(answer.Comment))
            return Problems.Invalid("Choose a rating from 1 to 5.");
        var visitorId = http.User.VisitorId();
        var survey = await db.CsatSurveys
            .Join(db.Conversations.Where(c => c.Id == id && c.Channel == ChannelKind.WebChat && c.ContactHandle == visitorId), s => s.ConversationId, c => c.Id, (s, c) => s)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (survey is null)
            return Problems.NotFound("There is no survey for this conversation.");
        return TypedResults.Ok((await recorder.RecordAsync(survey, answer.Score, answer.Comment, cancellationToken))!);
    }

    public static async Task<Ok<List<CsatDto>>> ForConversation(long id, OmnichannelDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.CsatSurveys.AsNoTracking().Where(s => s.ConversationId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken)).Select(CsatDto.From).ToList());

    public static async Task<Ok<CsatBoard>> Board(int? days, OmnichannelDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime.AddDays(-Math.Clamp(days ?? 7, 1, 365));
        var surveys = await db.CsatSurveys.AsNoTracking().Where(s => s.SentAt >= since).ToListAsync(cancellationToken);
        var names = await db.Operators.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.DisplayName, cancellationToken);
        var rated = surveys.Where(s => s.Score is not null).ToList();
        static double? Avg(IEnumerable<CsatSurvey> s) => s.Any() ? Math.Round(s.Average(x => x.Score!.Value), 2) : null;
        return TypedResults.Ok(new CsatBoard(
            surveys.Count(s => s.Delivery != CsatDelivery.NotSent), rated.Count, Avg(rated),
            [.. rated.GroupBy(s => s.OperatorId).Select(g => new CsatGroup(g.Key is { } o && names.TryGetValue(o, out var n) ? n : "(nobody)", g.Count(), Avg(g)))],
            [.. rated.GroupBy(s => s.Channel).Select(g => new CsatGroup(g.Key.ToString(), g.Count(), Avg(g)))],
            [.. rated.OrderByDescending(s => s.AnsweredAt).Take(50).Select(CsatDto.From)]));
    }

    /// <summary>The email's rating link (GET): records nothing — mail scanners open every link — and asks for one click.</summary>
    public static async Task<IResult> ConfirmFromEmail(string token, int score, OmnichannelDb db, CancellationToken cancellationToken)
    {
        if (score is < 1 or > 5 || !await db.CsatSurveys.AnyAsync(s => s.Token == token, cancellationToken))
            return TypedResults.Content(Page("This rating link is not valid."), "text/html; charset=utf-8", statusCode: 404);
        return TypedResults.Content(Page($"Rate this conversation {score} of 5?",
            $"""<form method="post" action="/csat/{WebUtility.HtmlEncode(token)}/{score}"><p><button type="submit">Send my rating: {score} of 5</button></p></form>"""),
            "text/html; charset=utf-8");
    }

    /// <summary>The confirm page's button (POST): stores the score and offers a comment box.</summary>
    public static async Task<IResult> RateFromEmail(string token, int score, OmnichannelDb db, CsatRecorder recorder, CancellationToken cancellationToken)
    {
        var survey = await db.CsatSurveys.FirstOrDefaultAsync(s => s.Token == token, cancellationToken);
        if (survey is null || score is < 1 or > 5)
            return TypedResults.Content(Page("This rating link is not valid."), "text/html; charset=utf-8", statusCode: 404);
        await recorder.RecordAsync(survey, score, null, cancellationToken);
        return TypedResults.Content(Page($"Thank you — you rated us {score} of 5.",
            $"""<form method="post" action="/csat/{WebUtility.HtmlEncode(token)}"><p><label for="c">Anything to add? (optional)</label></p><textarea id="c" name="comment" rows="4" cols="50" maxlength="2000"></textarea><p><button type="submit">Send</button></p></form>"""),
            "text/html; charset=utf-8");
    }

    public static async Task<IResult> CommentFromEmail(string token, HttpRequest request, OmnichannelDb db, CsatRecorder recorder, CancellationToken cancellationToken)
    {
        var survey = await db.CsatSurveys.FirstOrDefaultAsync(s => s.Token == token, cancellationToken);
        if (survey is null || !request.HasFormContentType)
            return TypedResults.Content(Page("This rating link is not valid."), "text/html; charset=utf-8", statusCode: 404);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return TypedResults.Content(Page("The comment could not be read."), "text/html; charset=utf-8", statusCode: 400);
        }
        var comment = form["comment"].ToString();
        await recorder.RecordAsync(survey, null, comment.Length > 2000 ? comment[..2000] : comment, cancellationToken);
        return TypedResults.Content(Page("Thank you for your comment."), "text/html; charset=utf-8");
    }

    private static string Page(string heading, string body = "") =>
        $"""<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Thank you</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1 style="font-size:1.4rem">{WebUtility.HtmlEncode(heading)}</h1>{body}</body></html>""";
}
