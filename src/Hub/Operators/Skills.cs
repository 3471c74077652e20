namespace Omnichannel.Hub.Operators;

/// <summary>Skills and languages are compared trimmed and lower case ("Returns " = "returns").</summary>
public static class Skills
{
    public static List<string> Normalize(IEnumerable<string>? skills) =>
        skills?.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList() ?? [];
}
