namespace Omnichannel.Hub.Notes;

/// <summary>A colleague who can be mentioned: "@Display Name" or "@handle" (the part of their e-mail address before the @).</summary>
public sealed record Mentionable(long Id, string DisplayName, string Email);

/// <summary>Finds who a note mentions. Pure: the text and the operators in, the ids out.</summary>
public static class Mentions
{
    public static IReadOnlyList<long> Find(string text, IEnumerable<Mentionable> operators)
    {
        var found = new List<long>();
        foreach (var op in operators)
        {
            var handle = op.Email.Split('@')[0];
            if (Mentioned(text, op.DisplayName) || Mentioned(text, handle))
                found.Add(op.Id);
        }
        return found;
    }

    /// <summary>"@name" appears, not followed by a letter or digit (so @Ann does not mention Anne).</summary>
    private static bool Mentioned(string text, string name)
    {
        if (name.Length == 0)
            return false;
        var at = 0;
        while ((at = text.IndexOf("@" + name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = at + 1 + name.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            if (startsWord && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                return true;
            at = end;
        }
        return false;
    }
}
