using Microsoft.AspNetCore.Http.HttpResults;

namespace Omnichannel.Hub.Site;

/// <summary>Collects what is wrong with a request, by field (camelCase, as the client sent it), for a 400 validation problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
        return this;
    }

    public void AddIf(bool condition, string field, string message)
    {
        if (condition)
            Add(field, message);
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "Invalid request");

    public static ValidationProblem One(string field, string message) => new FieldErrors().Add(field, message).ToProblem();
}
