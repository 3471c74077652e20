using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Audit;

public static class AuditEndpoints
{
    public const int MaxPage = 500;

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        audit.MapGet("/", List);
        audit.MapGet("/export.csv", Export);
    }

    /// <summary>Newest first; <c>before</c> (an entry id) pages back; optionally only one action (e.g. "team.created").</summary>
    public static async Task<Results<Ok<List<AuditEntryDto>>, ValidationProblem>> List(
        OmnichannelDb db, CancellationToken cancellationToken, long? before = null, int? limit = null, string? action = null)
    {
        if (limit is < 1 or > MaxPage)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxPage}."] });
        var rows = await Query(db, before, action).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(AuditEntryDto.From).ToList());
    }

    /// <summary>The whole log as CSV (at, actor, action, subject, before, after), oldest first, for spreadsheets and archives.</summary>
    public static async Task<FileContentHttpResult> Export(OmnichannelDb db, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("id,at,actor_id,actor,action,subject,before,after\n");
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            csv.AppendJoin(',', e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture),
                e.ActorId?.ToString(CultureInfo.InvariantCulture) ?? "", Cell(e.ActorName), Cell(e.Action), Cell(e.Subject), Cell(e.Before), Cell(e.After)).Append('\n');
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit-log.csv");
    }

    private static IQueryable<AuditEntry> Query(OmnichannelDb db, long? before, string? action)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (before is { } id)
            query = query.Where(e => e.Id < id);
        if (!string.IsNullOrEmpty(action))
            query = query.Where(e => e.Action == action);
        return query.OrderByDescending(e => e.Id);
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@')
            value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
