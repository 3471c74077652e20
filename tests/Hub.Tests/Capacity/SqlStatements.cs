using System.Text;
using System.Text.RegularExpressions;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>The statements of a recorded command, and which of them a database can explain.</summary>
public static partial class SqlStatements
{
    public static bool Explainable(string statement)
    {
        var first = FirstWord().Match(statement).Groups[1].Value.ToUpperInvariant();
        return first is "SELECT" or "UPDATE" or "DELETE" or "INSERT" or "WITH" or "REPLACE";
    }

    /// <summary>The statements of a command (EF batches several), split at semicolons outside quotes and comments.</summary>
    public static List<string> Split(string sql)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (quote is { } q)
            {
                current.Append(c);
                if (c == q)
                    quote = null;
                continue;
            }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
                current.Append('\n');
                continue;
            }
            if (c is '\'' or '"' or '`' or '[')
                quote = c == '[' ? ']' : c;
            if (c == ';')
            {
                Add();
                continue;
            }
            current.Append(c);
        }
        Add();
        return statements;

        void Add()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
                statements.Add(text);
            current.Clear();
        }
    }

    [GeneratedRegex(@"^\s*(\w+)")]
    private static partial Regex FirstWord();
}
