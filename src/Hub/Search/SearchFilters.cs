namespace Omnichannel.Hub.Search;

/// <summary>
/// The filters of a search as one SQL condition over the hit (x) and its conversation (c), shared by both engines;
/// only identifier quoting and how a date is stored differ. Parameter names come without their '@'.
/// </summary>
public static class SearchFilters
{
    public static bool Any(SearchQuery query) =>
        query.Channel is not null || query.From is not null || query.To is not null || query.LabelId is not null || query.OperatorId is not null;

    public static (string Where, List<(string Name, object Value)> Parameters) Build(SearchQuery query, Func<string, string> quote, Func<DateTime, object>? date = null)
    {
        date ??= d => DateTime.SpecifyKind(d.ToUniversalTime(), DateTimeKind.Utc);
        var filters = new List<string>();
        var parameters = new List<(string, object)>();
        string Column(string alias, string name) => $"{alias}.{quote(name)}";
        if (query.Channel is { } channel)
        {
            filters.Add($"{Column("c", "Channel")} = @channel");
            parameters.Add(("channel", channel.ToString()));
        }
        if (query.From is { } from)
        {
            filters.Add($"{Column("x", "CreatedAt")} >= @from");
            parameters.Add(("from", date(from)));
        }
        if (query.To is { } to)
        {
            filters.Add($"{Column("x", "CreatedAt")} < @to");
            parameters.Add(("to", date(to)));
        }
        if (query.LabelId is { } label)
        {
            filters.Add($"EXISTS (SELECT 1 FROM {quote("ConversationLabels")} l WHERE {Column("l", "ConversationId")} = {Column("c", "Id")} AND {Column("l", "LabelId")} = @label)");
            parameters.Add(("label", label));
        }
        if (query.OperatorId is { } op)
        {
            filters.Add($"({Column("x", "OperatorId")} = @op OR {Column("c", "AssignedOperatorId")} = @op)");
            parameters.Add(("op", op));
        }
        if (query.Scope?.Sql(quote) is { } visible)
            filters.Add(visible);
        return (filters.Count == 0 ? "" : " AND " + string.Join(" AND ", filters), parameters);
    }

    /// <summary>Only the filters on the conversation (c): channel, label and the searcher's scope; "" when there are none.</summary>
    public static string ConversationOnly(SearchQuery query, Func<string, string> quote) =>
        Build(query with { From = null, To = null, OperatorId = null }, quote, _ => "").Where;

    /// <summary>For contact hits (alias k): only contacts with a conversation the scope shows.</summary>
    public static string Contacts(SearchQuery query, Func<string, string> quote) =>
        query.Scope?.Sql(quote) is { } visible
            ? $" AND EXISTS (SELECT 1 FROM {quote("Conversations")} c WHERE c.{quote("ContactId")} = k.{quote("Id")} AND {visible})"
            : "";
}
